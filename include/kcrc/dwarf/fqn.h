// Fully qualified names, computed per unit by a pre-order pass over all its
// DIEs, as the reference's FQN pass does.
//
// RULES: only namespace, class_type and structure_type DIEs pass a prefix to
// their children. With a prefix P from the parent, a DIE that passes prefixes
// or has a name is qualified as "P::name" ("<anonymous>" for a missing name);
// its FQN is that string only when it has a name. Without a prefix a named
// DIE's FQN is its name. Unnamed DIEs without a prefix have no FQN.
//
// In C units the pass does not descend into function bodies: nothing defined
// there can be reached from an exported symbol's type (C has no nested
// function-scope types in declarations), and bodies hold about half the DIEs.
//
// COST: the pass sees every DIE, so it stores no string per DIE: each prefix
// (one per namespace/struct with children) is kept once, and a qualified DIE
// costs an (offset, prefix) pair; the "P::name" string is built when asked.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kcrc/dwarf/node_source.h"

namespace kcrc {

class FqnTable {
 public:
  // Runs the FQN pass over one unit; may be called once per unit.
  void AddUnit(NodeSource& file, const UnitInfo& unit);

  // The FQN of a node (empty when it has none). Not thread-safe (builds and
  // keeps the string on first use).
  std::string_view Fqn(const DieNode& node) const;

 private:
  // Qualified DIEs (those with a name and a prefix), in DIE offset order.
  std::vector<DieOffset> offsets_;
  std::vector<uint32_t> prefix_of_;
  std::deque<std::string> prefixes_;
  bool sorted_ = true;  // only false inside AddUnit
  // Qualified names built so far.
  mutable std::unordered_map<DieOffset, std::string> built_;
};

}  // namespace kcrc
