#include "kcrc/dwarf/fqn.h"

#include <optional>
#include <vector>

namespace kcrc {
namespace {
bool PassesPrefix(int tag) {
  return tag == DW_TAG_namespace || tag == DW_TAG_class_type || tag == DW_TAG_structure_type;
}
}  // namespace

void FqnTable::AddUnit(DwarfFile& file, const UnitInfo& unit) {
  // passed[d] is the prefix the DIE at depth d passes to its children.
  std::vector<std::optional<std::string>> passed;
  file.WalkUnit(
      unit, [&](DieOffset offset, int tag, const char* name, bool has_children, int depth) {
        passed.resize(static_cast<size_t>(depth));
        const std::optional<std::string>* prefix = depth > 0 ? &passed[depth - 1] : nullptr;
        const bool passes = PassesPrefix(tag);
        std::optional<std::string> pass;
        if (prefix && prefix->has_value() && (passes || name)) {
          std::string qualified = **prefix + "::" + (name ? name : "<anonymous>");
          if (name) qualified_.emplace(offset, qualified);
          if (passes) pass = std::move(qualified);
        } else if (name && passes) {
          pass = std::string(name);
        }
        if (has_children) passed.push_back(std::move(pass));
      });
}

std::string_view FqnTable::Fqn(const DieNode& node) const {
  auto it = qualified_.find(node.offset);
  if (it != qualified_.end()) return it->second;
  return node.name ? *node.name : std::string_view();
}

}  // namespace kcrc
