// Why did one export's CRC change: the path from the export to each changed
// record, what changed there, and the kABI macro that would hide it. And the
// reverse question: which exports reach a type, and by which path.
//
//   export dev_open -> parameter 1 'd' -> struct dev -> member 'ops' at
//   offset 16 -> struct dev_ops: member 'flush' (void (*)(...)) added at
//   offset 24 (size 8)
//
// The path is a shortest chain of references in NEW (every cause is
// reachable on both sides, compare.h). Labels say where each reference sits
// in the record that holds it, inside function types too: a parameter, the
// return type, a member with its offset (`member 'cb' at offset 0 ->
// parameter 1 of the function type`); typedefs and variables need none.
//
// A reference is "by value" unless a pointer or reference type holds it; a
// type is reached by value when some path from the export is by value at
// every step (then modules may depend on its size and layout).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/compare/corpus.h"
#include "kcrc/compare/member_diff.h"
#include "kcrc/kabi/fixits.h"

namespace kcrc {

// One hop: the record `key`, and where in it the reference to the next hop
// sits (`via`, empty for the last hop).
struct PathStep {
  std::string key;
  std::string via;
};

struct ExplainedCause {
  std::string key;
  std::vector<PathStep> path;  // from the export to `key`
  std::vector<Change> changes;
  std::vector<Fixit> fixits;  // empty when no macro hides the change
  // Other causes of this export that these changes follow from (an
  // embedded struct that grew), and ones that follow from this.
  std::vector<std::string> follows_from;
  std::vector<std::string> followed_by;
  std::vector<std::string> notes;
};

struct Explanation {
  std::string symbol;
  bool in_ref = false;
  bool in_new = false;
  uint32_t old_crc = 0;
  uint32_t new_crc = 0;
  std::vector<ExplainedCause> causes;  // sorted by key
  std::vector<std::string> notes;      // about the export as a whole

  bool changed() const { return in_ref && in_new && old_crc != new_crc; }
};

Explanation Explain(const Corpus& ref, const Corpus& neu, std::string_view symbol);

// "export foo -> parameter 2 'q' -> struct a -> member 'b' at offset 16 -> struct c"
std::string FormatPath(const std::vector<PathStep>& path);

// The exports of one corpus that reach a type record.
struct ReachingExport {
  std::string symbol;
  std::string file;            // the file of the corpus it comes from
  std::vector<PathStep> path;  // a shortest one (by value, when there is one)
  bool by_value = false;       // some path reaches the type by value
};
struct Reach {
  std::string key;
  std::vector<ReachingExport> exports;  // sorted by symbol
};

// Throws when no record of the corpus has the key.
Reach FindReachingExports(const Corpus& corpus, std::string_view key);

}  // namespace kcrc
