// Reading the structure back out of a record and diffing two versions of it.
//
// A record value is the exact string that was hashed. This module parses it
// just enough for a reviewer: the kind and name of the type, its members (or
// enumerators, or parameters), offsets and sizes from `data_member_location`,
// `data_bit_offset` and `byte_size`, and turns two versions into member-level
// changes ("member 'd' added at offset 24 (size 8)").
//
//   structure_type node { member pointer_type { s#node } byte_size(8) next
//   `-- kind ---' name    `--------- type ------------------------' name
//       data_member_location(0) , member ... } byte_size(24)
//       `------ offset -------'                `-- size --'
//
// Words of the grammar are separated by single spaces; `{ } ( ) ,` are words
// of their own, so nesting is tracked on whole words and names containing
// braces (Rust `{closure#0}`) do not confuse it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/symtypes/record.h"

namespace kcrc {

// A word of a record value: a reference token, or a space-separated piece of
// literal text.
struct Word {
  std::string_view text;
  bool is_ref = false;
};

// Splits tokens into words. The words point into `tokens`.
std::vector<Word> SplitWords(const TokenList& tokens);

enum class ShapeKind { kStruct, kUnion, kClass, kEnum, kTypedef, kFunction, kVariable, kOther };

// One member, parameter or enumerator.
struct ShapeItem {
  std::string name;                     // empty when unnamed
  std::vector<Word> type;               // member/parameter type words
  std::optional<uint64_t> offset_bits;  // data_member_location * 8 or data_bit_offset
  std::optional<uint64_t> bit_size;
  std::string value;  // enumerator value, if any
  std::string text;   // the whole item, as written
};

struct Shape {
  ShapeKind kind = ShapeKind::kOther;
  std::string name;
  bool declaration = false;  // `structure_type foo { }`: opaque
  std::optional<uint64_t> byte_size;
  std::optional<uint64_t> alignment;
  std::vector<ShapeItem> items;  // members / enumerators / parameters
  std::vector<Word> target;      // typedef target, variable type, return type
};

Shape ParseShape(const std::vector<Word>& words);

// The byte size of a type given by its words, where it can be told: from a
// top-level byte_size, array bounds, or the record of a reference (through
// `size_of_ref`, which may return nullopt).
using RefSizer = std::function<std::optional<uint64_t>(std::string_view ref)>;
std::optional<uint64_t> MaybeTypeSize(const std::vector<Word>& type, const RefSizer& size_of_ref);

// A C-like spelling of a type for humans: `struct sk_buff *`, `unsigned int`,
// `const char *[3]`.
std::string PrettyType(const std::vector<Word>& type);

// A reference key for humans: `struct foo`, `union u`, `enum e`, `typedef t`.
std::string PrettyKey(std::string_view key);

enum class ChangeKind {
  kMemberAdded,
  kMemberRemoved,
  kMemberRenamed,
  kMemberRetyped,
  kMemberMoved,
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
  kParameterChanged,
  kReturnTypeChanged,
  kTypeChanged,
  kKindChanged,
  kTextChanged,
};

// The JSON name of a change kind (`member_added`, ...).
std::string_view ChangeKindName(ChangeKind kind);

struct Change {
  ChangeKind kind;
  std::string member;              // member / parameter / enumerator path; may be empty
  std::string new_member;          // renames only
  std::string old_type, new_type;  // pretty types
  std::optional<uint64_t> old_offset_bits, new_offset_bits;
  std::optional<uint64_t> old_size, new_size;  // bytes
  std::string old_value, new_value;            // enumerator values, raw text
  int parameter = 0;                           // 1-based parameter number, 0 if none

  // One line for humans, without the type name: "member 'd' added at offset 24 (size 8)".
  std::string Describe() const;
};

// The changes between two versions of one record's value. Never empty when
// the texts differ: falls back to kTextChanged.
std::vector<Change> DiffRecords(const TokenList& old_tokens, const TokenList& new_tokens,
                                const RefSizer& old_sizer, const RefSizer& new_sizer);

// A C declaration of `name` with the pretty type `type`:
// `int (*probe)(struct driver *)`, `char name[16]`, `unsigned long flags`.
std::string Declaration(std::string_view type, std::string_view name);

// Formats an offset in bits as `offset 24` or `bit offset 131`.
std::string FormatOffset(uint64_t bits);

}  // namespace kcrc
