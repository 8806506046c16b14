// Fully qualified names, computed per unit by a pre-order pass over all its
// DIEs, as the reference's FQN pass does.
//
// RULES: only namespace, class_type and structure_type DIEs pass a prefix to
// their children. With a prefix P from the parent, a DIE that passes prefixes
// or has a name is qualified as "P::name" ("<anonymous>" for a missing name);
// its FQN is that string only when it has a name. Without a prefix a named
// DIE's FQN is its name. Unnamed DIEs without a prefix have no FQN.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "kcrc/dwarf/dwarf_file.h"

namespace kcrc {

class FqnTable {
 public:
  // Runs the FQN pass over one unit; may be called once per unit.
  void AddUnit(DwarfFile& file, const UnitInfo& unit);

  // The FQN of a node (empty when it has none).
  std::string_view Fqn(const DieNode& node) const;

 private:
  // Only FQNs that differ from the DIE's own name are stored.
  std::unordered_map<DieOffset, std::string> qualified_;
};

}  // namespace kcrc
