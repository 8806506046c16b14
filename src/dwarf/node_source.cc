#include "kcrc/dwarf/node_source.h"

#include <algorithm>

namespace kcrc {

NodeSource::~NodeSource() = default;

bool IsCLanguage(int language) {
  switch (language) {
    case DW_LANG_C89:
    case DW_LANG_C:
    case DW_LANG_C99:
    case DW_LANG_C11:
      return true;
    default:
      return false;
  }
}

void NodeSource::ForgetNodes() {
  nodes_.Clear();  // keeps its chunks: the next unit reuses them
  node_index_.Clear();
  children_.clear();
  children_index_.Clear();
  children_arena_.release();
}

std::span<const DieNode* const> NodeSource::StoreChildren(
    DieOffset offset, std::span<const DieNode* const> children) {
  std::span<const DieNode* const> stored;
  if (!children.empty()) {
    auto* copy = static_cast<const DieNode**>(children_arena_.allocate(
        children.size() * sizeof(const DieNode*), alignof(const DieNode*)));
    std::copy(children.begin(), children.end(), copy);
    stored = {copy, children.size()};
  }
  children_index_.Insert(offset, static_cast<uint32_t>(children_.size()));
  children_.push_back(stored);
  return stored;
}

}  // namespace kcrc
