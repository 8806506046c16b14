// The comparison of two Module.symvers files (`kcrc compare --symvers`), with
// the semantics of suse-kabi-tools' `ksymvers compare`:
//
//   - an export only in the new file is added: always tolerated ("tolerated by
//     rules" if the first matching rule says PASS, implicitly otherwise);
//   - an export only in the reference is removed: tolerated only by a PASS rule;
//   - an export in both is modified when its CRC or its export type changed.
//     A CRC change is tolerated only by a PASS rule; so is a change from
//     EXPORT_SYMBOL to EXPORT_SYMBOL_GPL (modules that are not GPL can no
//     longer use it), while EXPORT_SYMBOL_GPL to EXPORT_SYMBOL is implicitly
//     tolerated when no rule passes it.
//   - rules are evaluated on the reference export (module, namespace), on the
//     new one for additions; a symbol filter, when given, restricts all of it
//     to the exports whose names it matches.
//
// kcrc also finds what ksymvers does not report: an export in both files whose
// namespace changed (modules importing the old namespace no longer load) or
// whose module changed. Those are `moved`; they fail the comparison only when
// asked (FailOn), and then a PASS rule tolerates them as it does other changes.
//
// GUARANTEES: every list is sorted by symbol name in byte order, so reports are
// deterministic without sorting again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kcrc/symvers/module_symvers.h"

namespace kcrc {

class SeverityRules;
class SymbolFilter;
struct SeverityRule;

enum class Tolerance : uint8_t {
  kNone,      // not tolerated: the comparison fails
  kByRules,   // the first matching severity rule says PASS
  kImplicit,  // tolerated without a rule (an addition, a GPL-only export opened up)
};

// One export reported as added, removed or modified.
struct SymversChange {
  std::string symbol;
  // The module and namespace the rules saw: the reference export's, the new
  // one's for additions.
  std::string module;
  std::string name_space;
  uint32_t old_crc = 0;  // unused for additions
  uint32_t new_crc = 0;  // unused for removals
  bool old_gpl_only = false;
  bool new_gpl_only = false;
  // Modifications: which aspects changed, and how each one is tolerated.
  bool crc_changed = false;
  bool type_changed = false;
  Tolerance crc_tolerance = Tolerance::kNone;
  Tolerance type_tolerance = Tolerance::kNone;
  // Additions and removals: how the change is tolerated; modifications: the
  // worst of crc_tolerance and type_tolerance.
  Tolerance tolerance = Tolerance::kNone;
  // The first rule matching the export, or null (also when no rules were given).
  const SeverityRule* rule = nullptr;
};

// An export in both files whose namespace or module changed.
struct SymversMove {
  std::string symbol;
  std::string old_module;
  std::string new_module;
  std::string old_namespace;
  std::string new_namespace;
  bool namespace_changed() const { return old_namespace != new_namespace; }
  bool module_changed() const { return old_module != new_module; }
  // Evaluated only when FailOn covers the move: the first matching rule, and
  // whether the move fails the comparison (covered and no PASS rule).
  const SeverityRule* rule = nullptr;
  bool fails = false;
};

struct SymversTotals {
  uint32_t added = 0;
  uint32_t removed = 0;
  uint32_t modified = 0;
  // Changes tolerated by a PASS rule; a modification counts when every one of
  // its changes is (ksymvers' "Changes tolerated by rules" line).
  uint32_t added_by_rules = 0;
  uint32_t removed_by_rules = 0;
  uint32_t modified_by_rules = 0;
  // Exports whose change is not tolerated: ksymvers' verdict.
  uint32_t not_tolerated = 0;
  uint32_t moved = 0;
  uint32_t moved_failing = 0;
};

struct SymversComparison {
  std::vector<SymversChange> added;     // exports only in the new file
  std::vector<SymversChange> removed;   // exports only in the reference
  std::vector<SymversChange> modified;  // CRC or export type changed
  std::vector<SymversMove> moved;       // namespace or module changed

  SymversTotals Totals() const;
  // The verdict: a change that is not tolerated, or a move that fails.
  bool Fails() const;
};

struct SymversCompareOptions {
  const SeverityRules* rules = nullptr;  // null: no rule tolerates anything
  const SymbolFilter* filter = nullptr;  // null: every export
  // Moves that fail the comparison (--fail-on=namespace,module).
  bool fail_on_namespace = false;
  bool fail_on_module = false;
};

// Compares `reference` (the kABI freeze) with `current`. Throws an Error where
// a rule or filter pattern is malformed where it is matched (wildcard.h).
SymversComparison CompareSymvers(const Symvers& reference, const Symvers& current,
                                 const SymversCompareOptions& options = {});

}  // namespace kcrc
