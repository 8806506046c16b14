#include "kcrc/render/die_map.h"

#include <algorithm>

namespace kcrc {

Rendering& DieMap::GetOrCreate(const DieNode& node, RenderState state) {
  if (const Rendering* found = Find(node.id, state)) return renderings_[found->index];
  const auto index = static_cast<uint32_t>(renderings_.size());
  Rendering& rendering = renderings_.emplace_back();
  rendering.offset = node.offset;
  rendering.node = node.id;
  rendering.index = index;
  return rendering;
}

void DieMap::MarkFinished(const Rendering& rendering) {
  const size_t slot = Slot(rendering);
  if (slot >= newest_.size()) newest_.resize(std::max(slot + 1, 2 * newest_.size()), 0);
  // An outer rendering can finish after a newer, nested one of the same DIE.
  if (newest_[slot] < rendering.index + 1) newest_[slot] = rendering.index + 1;
}

const Rendering* DieMap::Find(uint32_t node, RenderState state) const {
  const size_t slot = Slot(node, state);
  if (slot >= newest_.size() || newest_[slot] == 0) return nullptr;
  return &renderings_[newest_[slot] - 1];
}

const Rendering* DieMap::FindForFlattening(uint32_t node) const {
  if (const Rendering* complete = Find(node, RenderState::kComplete)) return complete;
  return Find(node, RenderState::kUnexpanded);
}

std::vector<const Rendering*> DieMap::Listed() const {
  // Sorting (key, creation index) pairs keeps the comparisons in one flat
  // array; the index makes equal keys keep creation order, as a stable sort.
  std::vector<std::pair<uint64_t, uint32_t>> keys = listed_;
  std::sort(keys.begin(), keys.end());
  std::vector<const Rendering*> sorted;
  sorted.reserve(keys.size());
  for (const auto& [key, index] : keys) sorted.push_back(&renderings_[index]);
  return sorted;
}

std::string_view DieMap::Store(std::string_view text) {
  char* copy = static_cast<char*>(arena_.allocate(text.size(), 1));
  std::copy(text.begin(), text.end(), copy);
  return {copy, text.size()};
}

}  // namespace kcrc

namespace kcrc {

std::span<const Fragment> DieMap::StoreFragments(std::span<const Fragment> fragments) {
  if (fragments.empty()) return {};
  void* copy = arena_.allocate(fragments.size_bytes(), alignof(Fragment));
  std::copy(fragments.begin(), fragments.end(), static_cast<Fragment*>(copy));
  return {static_cast<const Fragment*>(copy), fragments.size()};
}

}  // namespace kcrc
