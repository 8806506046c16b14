#include "kcrc/shape/c_type.h"

#include <fmt/format.h>

#include "kcrc/symtypes/record.h"

namespace kcrc {
namespace {

using grammar::Keyword;

// The C words of the keywords that have one: qualifiers and aggregates.
struct CWord {
  Keyword keyword;
  std::string_view word;
};
constexpr CWord kCWords[] = {
    {Keyword::kConstType, "const"},       {Keyword::kVolatileType, "volatile"},
    {Keyword::kRestrictType, "restrict"}, {Keyword::kAtomicType, "_Atomic"},
    {Keyword::kStructureType, "struct"},  {Keyword::kUnionType, "union"},
    {Keyword::kClassType, "class"},       {Keyword::kEnumerationType, "enum"},
};

std::string_view CWordOf(Keyword keyword) {
  for (const CWord& entry : kCWords)
    if (entry.keyword == keyword) return entry.word;
  return "";
}

// const, volatile, restrict, _Atomic; empty for other modifiers.
std::string_view Qualifier(Keyword keyword) {
  return grammar::Info(keyword).construct == grammar::Construct::kModifier ? CWordOf(keyword) : "";
}

// `specifier` completed by `declarator` (which may be empty).
std::string Join(std::string_view specifier, std::string_view declarator) {
  if (declarator.empty()) return std::string(specifier);
  if (declarator.front() == '[') return fmt::format("{}{}", specifier, declarator);
  return fmt::format("{} {}", specifier, declarator);
}

std::string WithQualifiers(std::string_view qualifiers, std::string_view specifier) {
  return qualifiers.empty() ? std::string(specifier) : fmt::format("{} {}", qualifiers, specifier);
}

// The spelling of `type` around `declarator`, with `qualifiers` pending for
// the innermost specifier (or the next pointer).
std::string Spell(const Type& type, const std::string& declarator, const std::string& qualifiers,
                  CSpelling spelling = CSpelling::kPlain);

std::string SpellMembers(const AggregateType& aggregate) {
  std::string out;
  for (const Item& item : aggregate.body.items) {
    if (aggregate.keyword == Keyword::kEnumerationType) {
      out += fmt::format(" {}{},", item.name, item.value ? fmt::format(" = {}", *item.value) : "");
      continue;
    }
    out += " " + Spell(*item.type, std::string(item.name), "");
    if (std::optional<uint64_t> bits = item.bit_size()) out += fmt::format(" : {}", *bits);
    out += ";";
  }
  return out;
}

// DW_ATE_* names, for kWithEncodings.
std::string_view EncodingName(uint64_t encoding) {
  constexpr std::string_view kNames[] = {
      "",       "address",     "boolean",  "complex_float", "float",
      "signed", "signed_char", "unsigned", "unsigned_char"};
  return encoding < std::size(kNames) ? kNames[encoding] : "other";
}

struct Speller {
  const Type& type;
  const std::string& declarator;
  const std::string& qualifiers;
  CSpelling spelling;

  std::string Spell(const Type& inner, const std::string& d, const std::string& q) const {
    return kcrc::Spell(inner, d, q, spelling);
  }

  std::string operator()(const RefType& ref) const {
    return Join(WithQualifiers(qualifiers, CKeyName(ref.key)), declarator);
  }
  std::string operator()(const BaseType& base) const {
    std::string name(base.name.empty() ? "void" : base.name);
    if (spelling == CSpelling::kWithEncodings)
      if (std::optional<uint64_t> encoding = base.attributes.Get(grammar::Attribute::kEncoding))
        name += fmt::format(" ({})", EncodingName(*encoding));
    return Join(WithQualifiers(qualifiers, name), declarator);
  }
  std::string operator()(const ModifierType& modifier) const {
    const Type& target = *modifier.target;
    switch (modifier.keyword) {
      case Keyword::kPointerType:
      case Keyword::kReferenceType:
      case Keyword::kRvalueReferenceType: {
        const std::string_view star = modifier.keyword == Keyword::kPointerType     ? "*"
                                      : modifier.keyword == Keyword::kReferenceType ? "&"
                                                                                    : "&&";
        std::string inner(star);
        if (!qualifiers.empty()) inner += qualifiers + (declarator.empty() ? "" : " ");
        inner += declarator;
        if (As<ArrayType>(target) || As<FunctionType>(target)) inner = "(" + inner + ")";
        return Spell(target, inner, "");
      }
      case Keyword::kTypedefType:
        if (!modifier.name.empty())
          return Join(WithQualifiers(qualifiers, modifier.name), declarator);
        return Spell(target, declarator, qualifiers);
      default:
        break;
    }
    const std::string_view qualifier = Qualifier(modifier.keyword);
    if (qualifier.empty()) return Spell(target, declarator, qualifiers);
    return Spell(
        target, declarator,
        qualifiers.empty() ? std::string(qualifier) : fmt::format("{} {}", qualifiers, qualifier));
  }
  std::string operator()(const AggregateType& aggregate) const {
    std::string specifier(AggregateWord(aggregate.keyword));
    if (!aggregate.name.empty())
      specifier += fmt::format(" {}", aggregate.name);
    else
      specifier += " {" + SpellMembers(aggregate) + " }";
    return Join(WithQualifiers(qualifiers, specifier), declarator);
  }
  std::string operator()(const ArrayType& array) const {
    std::string inner = declarator;
    for (const std::optional<uint64_t>& bound : array.bounds)
      inner += bound ? fmt::format("[{}]", *bound) : "[]";
    return Spell(*array.element, inner, qualifiers);
  }
  std::string operator()(const FunctionType& function) const {
    std::string parameters;
    for (const Item& parameter : function.parameters) {
      if (!parameters.empty()) parameters += ", ";
      parameters += Spell(*parameter.type, std::string(parameter.name), "");
    }
    if (parameters.empty()) parameters = "void";
    return Spell(*function.result, fmt::format("{}({})", declarator, parameters), "");
  }
  std::string operator()(const UnspecifiedType&) const {
    return Join(WithQualifiers(qualifiers, "void"), declarator);
  }
  std::string operator()(const NoType&) const { return declarator; }
};

std::string Spell(const Type& type, const std::string& declarator, const std::string& qualifiers,
                  CSpelling spelling) {
  return std::visit(Speller{type, declarator, qualifiers, spelling}, type.node);
}

}  // namespace

std::string_view AggregateWord(grammar::Keyword keyword) {
  const std::string_view word = CWordOf(keyword);
  return grammar::Info(keyword).construct == grammar::Construct::kAggregate && !word.empty()
             ? word
             : "struct";
}

std::string CTypeName(const Type& type, CSpelling spelling) {
  return Spell(type, "", "", spelling);
}

std::string CDeclaration(const Type& type, std::string_view name) {
  return Spell(type, std::string(name), "");
}

bool IsPlainTypeName(const Type& type) {
  if (As<ArrayType>(type) || As<FunctionType>(type)) return false;
  if (const auto* modifier = As<ModifierType>(type)) {
    if (modifier->keyword == Keyword::kTypedefType && !modifier->name.empty()) return true;
    return IsPlainTypeName(*modifier->target);
  }
  return true;
}

std::string CKeyName(std::string_view key) {
  if (!IsTypeRefPrefix(key)) return std::string(key);
  std::string_view name = key.substr(2);
  if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'')
    name = name.substr(1, name.size() - 2);
  switch (key[0]) {
    case 's':
      return fmt::format("struct {}", name);
    case 'u':
      return fmt::format("union {}", name);
    case 'e':
      return fmt::format("enum {}", name);
    default:
      return std::string(name);
  }
}

}  // namespace kcrc
