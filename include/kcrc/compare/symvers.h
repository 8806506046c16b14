// Module.symvers files and their comparison (`kcrc compare --symvers`).
//
// A Module.symvers line, as modpost writes it:
//
//   0x%08x<TAB>symbol<TAB>module<TAB>EXPORT_SYMBOL[_GPL]<TAB>namespace
//
// The namespace field may be empty or, in files of kernels older than 5.4,
// missing. `module` is the module path without ".ko" ("drivers/md/dm-mod") or
// "vmlinux" for built-in exports.
//
// GUARANTEES
//   - ParseSymvers is strict: a line without 4 or 5 tab-separated fields, a CRC
//     that is not 0x followed by 1 to 8 hex digits, an empty symbol or module,
//     an export type not starting with EXPORT_, or a symbol exported twice
//     throws an Error naming FILE:LINE.
//   - CompareSymvers returns every list sorted by symbol name in byte order, so
//     reporters print deterministic output without sorting again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

class SeverityRules;

struct SymversExport {
  std::string symbol;
  uint32_t crc = 0;
  std::string module;
  std::string export_type;  // EXPORT_SYMBOL, EXPORT_SYMBOL_GPL, ...
  std::string name_space;   // empty if none
  uint32_t line = 0;        // 1-based line in the file, for messages
};

struct Symvers {
  std::string path;
  std::vector<SymversExport> exports;  // in file order
};

// Parses the text of a Module.symvers file; `path` names it in error messages.
Symvers ParseSymvers(std::string_view text, std::string_view path);
// Reads and parses a Module.symvers file. Throws an Error if it cannot be read.
Symvers ReadSymvers(const std::string& path);

enum class Tolerance : uint8_t {
  kNone,      // not tolerated: the comparison fails
  kByRules,   // the first matching severity rule says PASS
  kImplicit,  // an added export that no PASS rule covers: additions never break the kABI
};

struct SymversChange {
  std::string symbol;
  // The module and namespace of the reference export (of the new one for
  // additions); severity rules are evaluated on these.
  std::string module;
  std::string name_space;
  uint32_t old_crc = 0;  // unused for additions
  uint32_t new_crc = 0;  // unused for removals
  Tolerance tolerance = Tolerance::kNone;
};

struct SymversTotals {
  uint32_t added = 0;
  uint32_t removed = 0;
  uint32_t modified = 0;
  // Changes tolerated by a PASS rule (implicit tolerance of additions does not count).
  uint32_t added_by_rules = 0;
  uint32_t removed_by_rules = 0;
  uint32_t modified_by_rules = 0;
  // Changes that are not tolerated: these make the comparison fail.
  uint32_t not_tolerated = 0;
};

struct SymversComparison {
  std::vector<SymversChange> added;     // exports only in the new file
  std::vector<SymversChange> removed;   // exports only in the reference
  std::vector<SymversChange> modified;  // exports whose CRC changed

  SymversTotals Totals() const;
  bool HasIntolerableChanges() const { return Totals().not_tolerated != 0; }
};

// Compares `reference` (the kABI freeze) with `current`. Only CRCs are compared:
// an export that moved to another module or namespace keeps its CRC and is not
// a change. With `rules` null, no change is tolerated by rules.
SymversComparison CompareSymvers(const Symvers& reference, const Symvers& current,
                                 const SeverityRules* rules);

}  // namespace kcrc
