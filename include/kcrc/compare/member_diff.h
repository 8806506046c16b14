// Two versions of one record, as member-level changes: what a reviewer reads
// ("member 'd' added at offset 24 (size 8)"), as data. Works on shapes
// (shape/shape.h), with sizes, alignment and representation from each
// side's scope (shape/scope.h); the words for humans are in report/.
//
// DEFINITIONS:
//   * members are matched by name, unnamed ones (anonymous structs and
//     unions, kABI-hidden names) by offset, then in order; an unmatched old
//     and new member at the same offset with the same type are a rename;
//   * anonymous structs and unions are diffed inside, with a path
//     (`(anonymous union at offset 16).y`);
//   * a member that moved, and a struct whose size changed, carry the
//     nearest change before them that accounts for it (`because`): an
//     earlier member that grew or shrank (an embedded struct, by key), was
//     added or was removed;
//   * changes come sorted by offset, anonymous members' changes at their
//     member's place, the struct's own size and alignment last.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/shape/scope.h"
#include "kcrc/shape/shape.h"

namespace kcrc {

enum class ChangeKind {
  kMemberAdded,
  kMemberRemoved,
  kMemberRenamed,
  kMemberRetyped,
  kMemberMoved,
  kMemberBitSizeChanged,
  kMemberChanged,
  kSizeChanged,
  kAlignmentChanged,
  kBecameDefined,
  kBecameDeclaration,
  kEnumeratorAdded,
  kEnumeratorRemoved,
  kEnumeratorValueChanged,
  kParameterAdded,
  kParameterRemoved,
  kParameterRenamed,
  kParameterChanged,
  kReturnTypeChanged,
  kTypeChanged,
  kKindChanged,
  kTextChanged,
};

// The JSON name of a change kind (`member_added`, ...).
std::string_view ChangeKindName(ChangeKind kind);

// What made a member move or a struct change size: an earlier member of
// the same struct.
struct ChangeReason {
  enum class What : uint8_t { kResized, kAdded, kRemoved };
  What what = What::kResized;
  std::string member;                   // its path
  std::string type;                     // its C spelling
  std::string key;                      // the struct, union or enum it embeds by value, if any
  std::optional<uint64_t> offset_bits;  // where it is (was, when removed)
  std::optional<uint64_t> old_size, new_size;  // bytes
};

struct Change {
  ChangeKind kind = ChangeKind::kTextChanged;
  std::string member;              // member / parameter / enumerator path; may be empty
  std::string new_member;          // renames only
  std::string old_type, new_type;  // C spellings (shape/c_type.h)
  std::optional<uint64_t> old_offset_bits, new_offset_bits;
  std::optional<uint64_t> old_size, new_size;          // bytes
  std::optional<uint64_t> old_bit_size, new_bit_size;  // bit-fields
  std::string old_value, new_value;                    // enumerator values, alignment
  int parameter = 0;                                   // 1-based parameter number, 0 if none
  std::optional<ChangeReason> because;
};

// The members (or parameters, or enumerators) a change is about, where it
// is about one; valid while the shapes diffed live. For kABI fixits.
struct ChangeOrigin {
  const Item* old_item = nullptr;
  const Item* new_item = nullptr;
};

struct DiffSide {
  const Shape& shape;
  const ShapeScope& scope;
};

// The changes between two versions of one record. Never empty when the
// texts differ: falls back to kTextChanged. `origins`, when given, gets one
// entry per change.
std::vector<Change> DiffShapes(const DiffSide& old_side, const DiffSide& new_side,
                               std::vector<ChangeOrigin>* origins = nullptr);

// `offset 24`, or `bit 131` when not on a byte.
std::string FormatOffset(uint64_t bits);

}  // namespace kcrc
