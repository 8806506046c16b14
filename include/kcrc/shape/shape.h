// A record's value as a typed shape: what a reader of the type string needs
// (kinds, names, members with their types, offsets and bit-field widths,
// enumerators with values, parameters, return types, sizes, alignment),
// parsed once from the text with the grammar table (grammar.h).
//
//   s#node  structure_type node { member pointer_type { s#node } byte_size(8) next
//   data_member_location(0) } byte_size(8)
//
//   Shape{type: AggregateType{kStructureType, "node",
//           items: [Item{kMember, "next", type: ModifierType{kPointerType, target:
//           RefType{"s#node"},
//                                                           attributes: {byte_size 8}},
//                        attributes: {data_member_location 0}}],
//           attributes: {byte_size 8}}}
//
// GUARANTEES: PrintShape(ParseShape(text)) == text for every text (a text the
// grammar does not describe, such as a kABI type_string rule's free text,
// parses as `opaque` and prints as itself); names and keys are views into
// the parsed text, which must outlive the shape.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "kcrc/grammar/grammar.h"

namespace kcrc {

// An owning pointer with value access, for the recursive shapes below.
template <typename T>
class Box {
 public:
  Box() : value_(std::make_unique<T>()) {}
  Box(T&& value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit on purpose
  const T& operator*() const { return *value_; }
  const T* operator->() const { return value_.get(); }
  T& operator*() { return *value_; }
  T* operator->() { return value_.get(); }

 private:
  std::unique_ptr<T> value_;
};

// The attributes a construct carries, in the order they are written (at most
// four: the longest list of grammar.h, kItemAttributes).
class Attributes {
 public:
  std::optional<uint64_t> Get(grammar::Attribute attribute) const {
    for (uint8_t i = 0; i < count_; ++i)
      if (names_[i] == attribute) return values_[i];
    return std::nullopt;
  }
  void Add(grammar::Attribute attribute, uint64_t value) {
    names_[count_] = attribute;
    values_[count_++] = value;
  }
  size_t size() const { return count_; }
  grammar::Attribute name(size_t i) const { return names_[i]; }
  uint64_t value(size_t i) const { return values_[i]; }
  static constexpr size_t kCapacity = 4;

 private:
  uint8_t count_ = 0;
  std::array<grammar::Attribute, kCapacity> names_{};
  std::array<uint64_t, kCapacity> values_{};
};

struct Type;
struct Item;

// `s#foo`: a named struct, union, enum or typedef, by key.
struct RefType {
  std::string_view key;
};

// `base_type unsigned int byte_size(4) encoding(7)`; `base_type void` for a
// missing type.
struct BaseType {
  std::string_view name;  // may hold spaces; empty when unnamed
  Attributes attributes;
};

// `pointer_type { T } byte_size(8)`, const, volatile, typedef, ...
struct ModifierType {
  grammar::Keyword keyword = grammar::Keyword::kPointerType;
  std::string_view name;  // typedefs' names, Rust's pointer names; usually empty
  Box<Type> target;
  Attributes attributes;
};

// The body of `{ ... }`: its items, and whether an empty body held an empty
// child (`{  }`, two spaces: a kABI-ignored enumerator or union).
struct Body {
  std::vector<Item> items;
  bool empty_child = false;
};

// `structure_type name { items } byte_size(N) alignment(N)`; union, class,
// enum. Items and attributes are present only when the type was expanded.
struct AggregateType {
  grammar::Keyword keyword = grammar::Keyword::kStructureType;
  std::string_view name;  // empty when anonymous
  Body body;
  Attributes attributes;

  // `structure_type foo { }`: only declared, private to a .c file, a
  // declonly rule, or met again while expanding the same symbol.
  bool opaque() const { return body.items.empty() && attributes.size() == 0; }
};

// `array_type[4][] { T }`: one bound per dimension, nullopt for `[]`.
struct ArrayType {
  std::vector<std::optional<uint64_t>> bounds;
  Box<Type> element;
};

// `subroutine_type ( parameters ) -> T`; `subprogram` at the top of a
// function's record.
struct FunctionType {
  grammar::Keyword keyword = grammar::Keyword::kSubroutineType;
  std::vector<Item> parameters;
  Box<Type> result;
};

struct UnspecifiedType {};

// Nothing at all: a kABI-ignored union that is not a struct member renders
// as the empty string (docs/kabi.md).
struct NoType {};

struct Type {
  std::variant<RefType, BaseType, ModifierType, AggregateType, ArrayType, FunctionType,
               UnspecifiedType, NoType>
      node;
};

// One entry of a list: a member or parameter (`member T name attributes`), an
// enumerator (`enumerator NAME = 3`), or a Rust variant part or variant.
struct Item {
  grammar::Keyword keyword = grammar::Keyword::kMember;
  std::string_view name;          // empty when unnamed
  Box<Type> type;                 // members and parameters
  std::optional<uint64_t> value;  // enumerators
  Attributes attributes;          // item attributes; a variant's discr_value
  Body body;                      // variant parts and variants
  // Written after the list comma (" , "): every item but the first, as a
  // rule. A rendering is cached with the comma decided when it was first
  // made, so a parameter first rendered elsewhere as a first item comes
  // without one ("byte_size(8)formal_parameter ..."), as in the reference.
  bool comma = false;

  // The offset in bits: data_member_location * 8, or data_bit_offset.
  std::optional<uint64_t> offset_bits() const {
    if (auto bits = attributes.Get(grammar::Attribute::kDataBitOffset)) return bits;
    if (auto bytes = attributes.Get(grammar::Attribute::kDataMemberLocation)) return *bytes * 8;
    return std::nullopt;
  }
  std::optional<uint64_t> bit_size() const { return attributes.Get(grammar::Attribute::kBitSize); }
};

// A whole record value.
struct Shape {
  enum class Form : uint8_t {
    kType,      // a type record's value, or a subprogram: `type`
    kVariable,  // `variable T`: `type` is T
    kOpaque,    // text the grammar does not describe: `text` only
  };
  Form form = Form::kOpaque;
  Type type;
  std::string_view text;  // the value it was parsed from
};

// Parses a record value (see GUARANTEES).
Shape ParseShape(std::string_view text);

// The text of a shape, byte for byte as the renderer writes it.
std::string PrintShape(const Shape& shape);
std::string PrintType(const Type& type);
std::string PrintItem(const Item& item);

// Helpers for readers of shapes.
template <typename T>
const T* As(const Type& type) {
  return std::get_if<T>(&type.node);
}

}  // namespace kcrc
