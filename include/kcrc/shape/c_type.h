// C spellings of shapes, for readers (`struct sk_buff *`, `char[16]`,
// `int (*)(struct req *, unsigned int)`) and for kABI macros, whose
// arguments must compile (`int (*submit)(struct req *, unsigned int)`).
//
// RULES: references are spelled by their keys (`s#foo` -> `struct foo`,
// `t#foo` -> `foo`); qualifiers go before what they qualify, after the `*`
// of a pointer; arrays and functions bind tighter than pointers, which then
// take parentheses; a function without parameters takes `void`; anonymous
// structs and unions are spelled with their members, one declaration each
// (`union { int a; long b; }`), bit-fields with their widths. Names a
// record does not hold (parameters of function types) are left out.
#pragma once

#include <string>
#include <string_view>

#include "kcrc/shape/shape.h"

namespace kcrc {

// kWithEncodings adds base types' DWARF encodings, for types whose plain
// spellings are equal: `char (signed_char)`, `char (unsigned_char)`.
enum class CSpelling : uint8_t { kPlain, kWithEncodings };

// The type alone: `char[16]`, `int (*)(void)`, `const struct foo *`.
std::string CTypeName(const Type& type, CSpelling spelling = CSpelling::kPlain);

// A declaration of `name` with this type: `char buf[16]`, `int (*cb)(void)`.
std::string CDeclaration(const Type& type, std::string_view name);

// Whether `CTypeName(type) + " " + name` declares `name` with this type;
// false for arrays and pointers to functions or arrays, whose declarators
// wrap the name.
bool IsPlainTypeName(const Type& type);

// The C keyword of an aggregate: struct, union, class or enum.
std::string_view AggregateWord(grammar::Keyword keyword);

// A reference key for readers: `struct foo`, `union u`, `enum e`, `t` (a
// typedef), or the key itself when it is no type reference (an export).
std::string CKeyName(std::string_view key);

}  // namespace kcrc
