// The `__kabi_` member-name conventions of the reference (docs/kabi.md),
// as names and as a classifier over shapes: what --stable versions a union
// as, read back from records made without --stable.
//
//   __kabi_reserved*    KABI_RESERVE / KABI_USE: the union is versioned as
//                       its placeholder
//   __kabi_renamed<old> KABI_REPLACE: versioned as the old type, named <old>
//   __kabi_ignored*     KABI_IGNORE: a struct member of that union is dropped
//
// The reference looks at the first two members of a union, and at the first
// member of a struct that is one of them.
#pragma once

#include <string_view>

#include "kcrc/shape/shape.h"

namespace kcrc::kabi {

inline constexpr std::string_view kPrefix = "__kabi_";
inline constexpr std::string_view kReserved = "reserved";
inline constexpr std::string_view kIgnored = "ignored";
inline constexpr std::string_view kRenamed = "renamed";

// In the order of MacroOf's table.
enum class Convention { kNone, kReserved, kRenamed, kIgnored };

// The convention a member name follows; for kRenamed, `original` gets the
// old name (the rest after "renamed").
Convention ClassifyName(std::string_view name, std::string_view* original = nullptr);

// The convention of a union spelled inline in a record (with its
// members' names, so made without --stable), and the member that carries
// it.
struct UnionConvention {
  Convention convention = Convention::kNone;
  const Item* member = nullptr;
};
UnionConvention ClassifyUnion(const AggregateType& union_type);

// The macro a convention stands for: KABI_USE, KABI_REPLACE, KABI_IGNORE.
std::string_view MacroOf(Convention convention);

}  // namespace kcrc::kabi
