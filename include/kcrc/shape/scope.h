// Facts about the types of shapes that need other records: sizes, alignment
// and representation, with references resolved through a scope (one side
// of a comparison, as one file of it sees the records).
//
// RULES (what a record tells; nothing is guessed):
//   * size: a `byte_size` attribute; through typedefs and qualifiers to what
//     they name; an array is its element's size times its bounds (unknown if
//     a bound is `[]`); a reference is the size of the record it names;
//     unknown otherwise (a pointer without byte_size, an opaque struct);
//   * alignment: an `alignment` attribute; a struct or union the largest of
//     its members'; an array its element's; a scalar its natural alignment
//     (NaturalAlignment); through typedefs and qualifiers;
//   * representation (Representation): what modules built against one type
//     assume of its bits. Typedefs and const/volatile are transparent;
//     integers of one size and signedness are one representation, an enum is
//     an integer of its size; pointers are equal when their targets are the
//     same type; named structs, unions and enums are their keys.
// Chains deeper than kMaxDepth (only from corrupt input) are unknown.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kcrc/shape/shape.h"

namespace kcrc {

// The largest power of two dividing a scalar's size, at most 16 (x86-64's
// and arm64's rule for scalars; the layout check uses it too).
uint64_t NaturalAlignment(uint64_t size);

// Two Representation strings that modules may exchange: equal, or an
// integer and an enum of the same size.
bool SameRepresentation(std::string_view a, std::string_view b);

class ShapeScope {
 public:
  // The shape of the record `key` names in this scope, or null.
  using Resolver = std::function<const Shape*(std::string_view key)>;
  explicit ShapeScope(Resolver resolve) : resolve_(std::move(resolve)) {}

  const Shape* MaybeResolve(std::string_view key) const { return resolve_(key); }

  std::optional<uint64_t> SizeOf(const Type& type) const { return SizeOf(type, 0); }
  std::optional<uint64_t> AlignmentOf(const Type& type) const { return AlignmentOf(type, 0); }
  // A canonical spelling of the type's representation (see RULES); equal
  // strings, equal representations.
  std::string Representation(const Type& type) const { return Representation(type, 0); }

  // The type behind typedef references, typedefs and const/volatile
  // qualifiers: what a member of this type really holds.
  const Type& Underlying(const Type& type) const { return Underlying(type, 0); }

  // The key of the struct, union or enum a type names by value (through
  // typedefs, qualifiers and arrays), if any: what "embedded" means.
  std::optional<std::string_view> EmbeddedKey(const Type& type) const;

  static constexpr int kMaxDepth = 64;

 private:
  std::optional<uint64_t> SizeOf(const Type& type, int depth) const;
  std::optional<uint64_t> AlignmentOf(const Type& type, int depth) const;
  std::string Representation(const Type& type, int depth) const;
  const Type& Underlying(const Type& type, int depth) const;

  Resolver resolve_;
};

}  // namespace kcrc
