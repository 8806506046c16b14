// kABI macros (fixtures/kabi/kcrc-kabi.h, the kernel's gendwarfksyms
// kabi.h) that would hide a record's changes from the CRC under --stable,
// and whether hiding them is safe.
//
// DEFINITIONS:
//   * a fixit is `safe` when modules built against the old types keep
//     working unchanged with the new ones: the same size, alignment and
//     offsets, and the same representation (shape/scope.h) of everything
//     they can touch. Never safe: a retype between different
//     representations (int -> float of the same size too), a function
//     signature change (of an export or of a callback member), a pointer
//     retargeted to another type, a renumbered enumerator, an ignore over
//     bytes an old member used (a reserved placeholder is not padding), a
//     rename or retype of a struct's last member with KABI_REPLACE (the
//     reference leaks the old name onto the enclosing member or parameter,
//     docs/kabi.md, so the CRC stays changed);
//   * every macro is C for the declaration it replaces (an array or a
//     function pointer type is given as `__typeof__(T)`), and applied as
//     `place` says, built with --stable, versions the record as the old
//     text did (tests/cli/fixit_roundtrip.sh builds each kind with gcc);
//   * warnings and notes state what is known: the sizes, the offsets, the
//     hole, the values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kcrc/compare/member_diff.h"
#include "kcrc/shape/scope.h"
#include "kcrc/shape/shape.h"

namespace kcrc {

struct Fixit {
  std::string macro;
  bool safe = false;
  std::string warning;  // why it is not safe, or (safe) what was checked
  std::string place;    // where it goes: in place of a member, or as a rule
};

struct FixitAdvice {
  std::vector<Fixit> fixits;
  // What the reader should know besides: "this is already KABI_USE; build
  // with --stable", why no macro hides a change.
  std::vector<std::string> notes;
};

struct FixitInput {
  std::string_view key;  // the record: s#foo, or an export's own name
  DiffSide old_side;
  DiffSide new_side;
  const std::vector<Change>& changes;
  const std::vector<ChangeOrigin>& origins;
  // Some path from the export reaches `key` by value (not through a
  // pointer): then modules may depend on its layout.
  bool reached_by_value = true;
};

FixitAdvice SuggestFixits(const FixitInput& input);

// A C string literal of `text` (for rule values).
std::string CStringLiteral(std::string_view text);

}  // namespace kcrc
