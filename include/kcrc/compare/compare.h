// Comparing two corpora of symtypes records: which exports changed CRC, and
// which type records caused it.
//
// DEFINITIONS (for an export E present on both sides):
//   * E changed when its CRC recomputed from REF differs from the one
//     recomputed from NEW;
//   * the causes of E are the keys reachable from E in both REF and NEW whose
//     record text differs between the sides (E itself when its own record
//     differs). References are by key, so a member change of `struct c` makes
//     `s#c` the cause, not every struct that points to it.
//
// SPEED: a key is "stable" when it has the same definitions on both sides
// (the same texts, first met in files of the same paths, so every file
// resolves it to the same text on both sides) and every key it references is
// stable. Stable keys are
// found once for the whole corpus by propagating instability backwards from
// the keys that differ; an export whose own key is stable and whose file has
// the same path on both sides cannot have changed and costs one look-up, and
// the reachability walks of the others stop at stable keys. CRCs are computed only for exports with
// causes, and for added and removed ones.
//
// Comparison returns data; the reporters in report/ render it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kcrc/compare/corpus.h"
#include "kcrc/compare/member_diff.h"

namespace kcrc {

struct ChangedExport {
  std::string symbol;
  uint32_t old_crc = 0;
  uint32_t new_crc = 0;
  std::vector<std::string> causes;  // sorted keys
  std::string file;                 // NEW's symtypes file of the export (its module)
};

struct ExportCrc {
  std::string symbol;
  uint32_t crc = 0;
  std::string file;  // the symtypes file of the export (its module)
};

// One root cause: a record whose text differs, the exports it changed, and
// what changed in it.
struct Cause {
  std::string key;
  std::vector<std::string> exports;  // sorted
  std::vector<Change> changes;
  std::string old_text;
  std::string new_text;
};

struct Comparison {
  std::vector<ChangedExport> changed;  // sorted by symbol
  std::vector<ExportCrc> added;        // sorted by symbol
  std::vector<ExportCrc> removed;      // sorted by symbol
  // Sorted by number of exports (most first), then key.
  std::vector<Cause> causes;
  size_t unchanged = 0;

  bool HasChanges() const { return !changed.empty() || !added.empty() || !removed.empty(); }
  const Cause* FindCause(const std::string& key) const;
};

struct CompareOptions {
  int threads = 0;  // 0: oneTBB's default
};

Comparison Compare(const Corpus& ref, const Corpus& neu, const CompareOptions& options = {});

// The causes of one export (see DEFINITIONS); empty when nothing reachable
// differs. Exposed for explain.
std::vector<std::string> FindCauses(const Corpus& ref, const Export& ref_export, const Corpus& neu,
                                    const Export& new_export);

}  // namespace kcrc
