// Why did one export's CRC change: the path from the export to each changed
// record, what changed there, and the kABI macro that would hide it.
//
//   export dev_open -> parameter 1 'd' -> struct dev -> member 'ops' at
//   offset 16 -> struct dev_ops: member 'flush' (void (*)(...)) added at
//   offset 24 (size 8)
//
// The path is a shortest chain of references in NEW (every cause is
// reachable on both sides, compare.h). Labels come from the record that holds
// the reference: a parameter, the return type, a member with its offset, a
// typedef's target or a variable's type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/compare/corpus.h"
#include "kcrc/compare/member_diff.h"

namespace kcrc {

// One hop: the record `key`, and where in it the reference to the next hop
// sits (`via`, empty for the last hop).
struct PathStep {
  std::string key;
  std::string via;
};

// A kABI macro from the kernel's kabi.h (gendwarfksyms examples) that would
// hide a change, and whether the change it hides is safe for the layout that
// existing modules were built against.
struct Fixit {
  std::string macro;
  bool layout_safe = true;
  std::string warning;  // set when !layout_safe, or when something needs checking
};

struct ExplainedCause {
  std::string key;
  std::vector<PathStep> path;  // from the export to `key`
  std::vector<Change> changes;
  std::vector<Fixit> fixits;  // empty when no macro hides the change
};

struct Explanation {
  std::string symbol;
  bool in_ref = false;
  bool in_new = false;
  uint32_t old_crc = 0;
  uint32_t new_crc = 0;
  std::vector<ExplainedCause> causes;  // sorted by key

  bool changed() const { return in_ref && in_new && old_crc != new_crc; }
};

Explanation Explain(const Corpus& ref, const Corpus& neu, std::string_view symbol);

// "export foo -> parameter 2 'q' -> struct a -> member 'b' at offset 16 -> struct c"
std::string FormatPath(const std::vector<PathStep>& path);

// Macros that would hide `changes` of the record `key` (REF text `old_tokens`).
std::vector<Fixit> SuggestFixits(std::string_view key, const TokenList& old_tokens,
                                 const TokenList& new_tokens, const std::vector<Change>& changes);

}  // namespace kcrc
