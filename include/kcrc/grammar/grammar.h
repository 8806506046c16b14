// The type-string grammar of gendwarfksyms: every keyword, attribute and
// piece of punctuation a record is made of, in one table. The renderer writes
// records from it (render/renderer.cc, render/die_map.cc) and the shape
// parser reads them back with it (shape/shape.h), so the two cannot drift.
//
//   structure_type node { member pointer_type { s#node } byte_size(8) next data_member_location(0)
//   , ... } byte_size(24)
//   `-- keyword --'    `-open `lead-' `-- modifier, its attribute --' name `--- item attribute ---'
//   comma  `- attribute -'
//
// A record is flattened from fragments (docs/formats.md): strings, child
// renderings and linebreaks, each linebreak a single space unless the next
// fragment of the same rendering is a linebreak too. The punctuation below is
// given as the renderer writes it, with the linebreaks that follow or precede
// it named in the comments; flattened, `{` and `(` are always followed by a
// space, `}` and `)` preceded by one, and list items are joined by " , ".
//
// USAGE: renderer: Emit(Lead(Keyword::kMember)); parser: match Lead(...) at
// the cursor. Attribute values are unsigned decimal numbers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kcrc::grammar {

// The word that opens each construct.
enum class Keyword : uint8_t {
  // Modifiers: "<keyword>[ fqn] {" T "}" [byte_size] [alignment].
  kAtomicType,
  kConstType,
  kImmutableType,
  kPackedType,
  kPointerType,
  kReferenceType,
  kRestrictType,
  kRvalueReferenceType,
  kSharedType,
  kTemplateTypeParameterType,
  kVolatileType,
  kTypedefType,
  // Aggregates: "<keyword>[ fqn] {" [items] "}" [byte_size] [alignment];
  // items and attributes only when the type is expanded.
  kStructureType,
  kClassType,
  kUnionType,
  kEnumerationType,
  // "base_type[ fqn]" [byte_size] [encoding] [alignment].
  kBaseType,
  // "array_type" ("[N]" | "[]")... "{" T "}".
  kArrayType,
  // "subroutine_type (" [parameters] ")" "-> " T.
  kSubroutineType,
  kUnspecifiedType,
  // List items.
  kMember,           // "member " T [" " name] [item attributes]
  kFormalParameter,  // "formal_parameter " T [" " name] [item attributes]
  kEnumerator,       // "enumerator"[ fqn][" = " N]
  kVariantPart,      // "variant_part {" [items] "}"
  kVariant,          // "variant {" [members] "}" [discr_value]
  // The top of a symbol's record.
  kSubprogram,  // "subprogram (" [parameters] ")" "-> " T
  kVariable,    // "variable " T
};

// What follows a keyword, for the parser.
enum class Construct : uint8_t {
  kModifier,
  kAggregate,
  kBase,
  kArray,
  kFunction,
  kUnspecified,
  kTypedItem,
  kEnumerator,
  kVariantPart,
  kVariant,
  kVariable,
};

struct KeywordInfo {
  Keyword keyword;
  std::string_view name;  // the keyword itself
  // The text the renderer writes to open the construct: the name, followed
  // by what always follows it (a space before the type, or the body's brace).
  std::string_view lead;
  Construct construct;
};

inline constexpr KeywordInfo kKeywords[] = {
    {Keyword::kAtomicType, "atomic_type", "atomic_type", Construct::kModifier},
    {Keyword::kConstType, "const_type", "const_type", Construct::kModifier},
    {Keyword::kImmutableType, "immutable_type", "immutable_type", Construct::kModifier},
    {Keyword::kPackedType, "packed_type", "packed_type", Construct::kModifier},
    {Keyword::kPointerType, "pointer_type", "pointer_type", Construct::kModifier},
    {Keyword::kReferenceType, "reference_type", "reference_type", Construct::kModifier},
    {Keyword::kRestrictType, "restrict_type", "restrict_type", Construct::kModifier},
    {Keyword::kRvalueReferenceType, "rvalue_reference_type", "rvalue_reference_type",
     Construct::kModifier},
    {Keyword::kSharedType, "shared_type", "shared_type", Construct::kModifier},
    {Keyword::kTemplateTypeParameterType, "template_type_parameter_type",
     "template_type_parameter_type", Construct::kModifier},
    {Keyword::kVolatileType, "volatile_type", "volatile_type", Construct::kModifier},
    {Keyword::kTypedefType, "typedef_type", "typedef_type", Construct::kModifier},
    {Keyword::kStructureType, "structure_type", "structure_type", Construct::kAggregate},
    {Keyword::kClassType, "class_type", "class_type", Construct::kAggregate},
    {Keyword::kUnionType, "union_type", "union_type", Construct::kAggregate},
    {Keyword::kEnumerationType, "enumeration_type", "enumeration_type", Construct::kAggregate},
    {Keyword::kBaseType, "base_type", "base_type", Construct::kBase},
    {Keyword::kArrayType, "array_type", "array_type", Construct::kArray},
    {Keyword::kSubroutineType, "subroutine_type", "subroutine_type", Construct::kFunction},
    {Keyword::kUnspecifiedType, "unspecified_type", "unspecified_type", Construct::kUnspecified},
    {Keyword::kMember, "member", "member ", Construct::kTypedItem},
    {Keyword::kFormalParameter, "formal_parameter", "formal_parameter ", Construct::kTypedItem},
    {Keyword::kEnumerator, "enumerator", "enumerator", Construct::kEnumerator},
    {Keyword::kVariantPart, "variant_part", "variant_part {", Construct::kVariantPart},
    {Keyword::kVariant, "variant", "variant {", Construct::kVariant},
    {Keyword::kSubprogram, "subprogram", "subprogram", Construct::kFunction},
    {Keyword::kVariable, "variable", "variable ", Construct::kVariable},
};

constexpr const KeywordInfo& Info(Keyword keyword) {
  return kKeywords[static_cast<size_t>(keyword)];
}
constexpr std::string_view Name(Keyword keyword) { return Info(keyword).name; }
constexpr std::string_view Lead(Keyword keyword) { return Info(keyword).lead; }

// The numbers a record prints: attributes " <name>(<N>)", array bounds
// "[N]" and plain numbers (enumerator values). Kept as numbers in renderings
// and formatted only when a rendering is flattened or dumped (die_map.h).
enum class NumberFormat : uint8_t {
  kByteSize,
  kEncoding,
  kAlignment,
  kAccessibility,
  kBitSize,
  kDataBitOffset,
  kDataMemberLocation,
  kDiscrValue,
  kSubscript,  // "[N]"
  kPlain,      // "N"
};
inline constexpr size_t kNumberFormatCount = 10;

struct NumberFormatInfo {
  NumberFormat format;
  std::string_view name;    // the attribute's name; empty for the others
  std::string_view prefix;  // written before the digits
  std::string_view suffix;  // and after them
};

inline constexpr NumberFormatInfo kNumberFormats[kNumberFormatCount] = {
    {NumberFormat::kByteSize, "byte_size", " byte_size(", ")"},
    {NumberFormat::kEncoding, "encoding", " encoding(", ")"},
    {NumberFormat::kAlignment, "alignment", " alignment(", ")"},
    {NumberFormat::kAccessibility, "accessibility", " accessibility(", ")"},
    {NumberFormat::kBitSize, "bit_size", " bit_size(", ")"},
    {NumberFormat::kDataBitOffset, "data_bit_offset", " data_bit_offset(", ")"},
    {NumberFormat::kDataMemberLocation, "data_member_location", " data_member_location(", ")"},
    {NumberFormat::kDiscrValue, "discr_value", " discr_value(", ")"},
    {NumberFormat::kSubscript, "", "[", "]"},
    {NumberFormat::kPlain, "", "", ""},
};

constexpr const NumberFormatInfo& Info(NumberFormat format) {
  return kNumberFormats[static_cast<size_t>(format)];
}

// The attributes: the numbers with a name, kByteSize .. kDiscrValue.
using Attribute = NumberFormat;
inline constexpr size_t kAttributeCount = 8;

// Which attributes follow which construct, in the order they are written.
inline constexpr Attribute kBaseAttributes[] = {Attribute::kByteSize, Attribute::kEncoding,
                                                Attribute::kAlignment};
// Modifiers, and aggregates when expanded.
inline constexpr Attribute kTypeAttributes[] = {Attribute::kByteSize, Attribute::kAlignment};
inline constexpr Attribute kItemAttributes[] = {Attribute::kAccessibility, Attribute::kBitSize,
                                                Attribute::kDataBitOffset,
                                                Attribute::kDataMemberLocation};
inline constexpr Attribute kVariantAttributes[] = {Attribute::kDiscrValue};

// Values of the attributes of one construct, by Attribute.
using AttributeValues = std::array<std::optional<uint64_t>, kAttributeCount>;

// An array bound that is not known ("[]").
inline constexpr std::string_view kUnknownBound = "[]";

// Punctuation, as the renderer writes it.
inline constexpr std::string_view kSpace = " ";            // before a name or an FQN
inline constexpr std::string_view kOpenBody = " {";        // then LB(+1)
inline constexpr std::string_view kCloseBody = "}";        // after LB(-1)
inline constexpr std::string_view kOpenParameters = " (";  // then LB(+1)
inline constexpr std::string_view kCloseParameters = ")";  // after LB(-1), then LB(0)
inline constexpr std::string_view kReturnArrow = "-> ";    // then the return type
inline constexpr std::string_view kListComma = " ,";       // then LB(0), before items 2..n
inline constexpr std::string_view kEnumeratorValue = " = ";
// What a missing DW_AT_type renders as.
inline constexpr std::string_view kVoid = "base_type void";

// A linebreak, flattened (when the next fragment is not a linebreak too).
inline constexpr std::string_view kLinebreak = " ";

// The keyword `word` names, if any.
constexpr std::optional<Keyword> MaybeKeyword(std::string_view word) {
  for (const KeywordInfo& info : kKeywords)
    if (info.name == word) return info.keyword;
  return std::nullopt;
}

// Table order is enum order (Info indexes by value).
constexpr bool TablesInEnumOrder() {
  for (size_t i = 0; i < std::size(kKeywords); ++i)
    if (static_cast<size_t>(kKeywords[i].keyword) != i ||
        !kKeywords[i].lead.starts_with(kKeywords[i].name))
      return false;
  for (size_t i = 0; i < kNumberFormatCount; ++i)
    if (static_cast<size_t>(kNumberFormats[i].format) != i ||
        kNumberFormats[i].name.empty() != (i >= kAttributeCount))
      return false;
  return true;
}
static_assert(TablesInEnumOrder());

}  // namespace kcrc::grammar
