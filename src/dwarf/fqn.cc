#include "kcrc/dwarf/fqn.h"

#include <optional>
#include <vector>

namespace kcrc {
namespace {
bool PassesPrefix(int tag) {
  return tag == DW_TAG_namespace || tag == DW_TAG_class_type || tag == DW_TAG_structure_type;
}
}  // namespace

namespace {
// In C units the pass cannot qualify any name that is used: gcc and clang put
// named types at unit or block scope, never inside a struct (only anonymous
// structs and unions, and members, whose qualified names are never printed).
bool IsC(int language) {
  switch (language) {
    case DW_LANG_C89:
    case DW_LANG_C:
    case DW_LANG_C99:
    case DW_LANG_C11:
    case 0x2c:  // DW_LANG_C17
      return true;
    default:
      return false;
  }
}
}  // namespace

void FqnTable::AddUnit(DwarfFile& file, const UnitInfo& unit) {
  if (IsC(unit.language)) return;
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
