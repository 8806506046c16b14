#include "kcrc/shape/scope.h"

#include <fmt/format.h>

#include <algorithm>

namespace kcrc {
namespace {

using grammar::Attribute;
using grammar::Keyword;

// Modifiers that do not change what a value holds.
bool IsTransparent(Keyword keyword) {
  switch (keyword) {
    case Keyword::kTypedefType:
    case Keyword::kConstType:
    case Keyword::kVolatileType:
    case Keyword::kAtomicType:
    case Keyword::kRestrictType:
    case Keyword::kPackedType:
    case Keyword::kSharedType:
    case Keyword::kImmutableType:
    case Keyword::kTemplateTypeParameterType:
      return true;
    default:
      return false;
  }
}

bool IsPointer(Keyword keyword) {
  return keyword == Keyword::kPointerType || keyword == Keyword::kReferenceType ||
         keyword == Keyword::kRvalueReferenceType;
}

// DW_ATE_* of base types, by class.
std::string_view EncodingClass(uint64_t encoding) {
  switch (encoding) {
    case 2:  // boolean
      return "bool";
    case 3:  // complex_float
      return "complex";
    case 4:  // float
      return "float";
    case 5:  // signed
    case 6:  // signed_char
      return "int:s";
    case 7:     // unsigned
    case 8:     // unsigned_char
    case 0x10:  // UTF
      return "int:u";
    default:
      return "";
  }
}

}  // namespace

uint64_t NaturalAlignment(uint64_t size) {
  uint64_t alignment = 1;
  while (alignment < 16 && size % (alignment * 2) == 0) alignment *= 2;
  return alignment;
}

bool SameRepresentation(std::string_view a, std::string_view b) {
  if (a == b) return true;
  // "int:s:4" or "int:u:4" against "enum:4:e#x".
  auto integer_size = [](std::string_view rep) -> std::optional<std::string_view> {
    if (!rep.starts_with("int:") || rep.size() < 7) return std::nullopt;
    return rep.substr(6);
  };
  auto enum_size = [](std::string_view rep) -> std::optional<std::string_view> {
    if (!rep.starts_with("enum:")) return std::nullopt;
    const size_t colon = rep.find(':', 5);
    if (colon == std::string_view::npos) return std::nullopt;
    return rep.substr(5, colon - 5);
  };
  if (auto size = integer_size(a); size && enum_size(b) == size) return true;
  if (auto size = integer_size(b); size && enum_size(a) == size) return true;
  return false;
}

const Type& ShapeScope::Underlying(const Type& type, int depth) const {
  if (depth > kMaxDepth) return type;
  if (const auto* ref = As<RefType>(type); ref && ref->key.starts_with("t#")) {
    const Shape* shape = MaybeResolve(ref->key);
    if (shape && shape->form == Shape::Form::kType) return Underlying(shape->type, depth + 1);
  }
  if (const auto* modifier = As<ModifierType>(type); modifier && IsTransparent(modifier->keyword))
    return Underlying(*modifier->target, depth + 1);
  return type;
}

std::optional<std::string_view> ShapeScope::EmbeddedKey(const Type& type) const {
  const Type* at = &Underlying(type);
  for (int depth = 0; depth < kMaxDepth; ++depth) {
    if (const auto* array = As<ArrayType>(*at)) {
      at = &Underlying(*array->element);
      continue;
    }
    if (const auto* ref = As<RefType>(*at)) return ref->key;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<uint64_t> ShapeScope::SizeOf(const Type& type, int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  struct Visitor {
    const ShapeScope& scope;
    int depth;
    std::optional<uint64_t> operator()(const RefType& ref) const {
      const Shape* shape = scope.MaybeResolve(ref.key);
      if (!shape || shape->form != Shape::Form::kType) return std::nullopt;
      return scope.SizeOf(shape->type, depth + 1);
    }
    std::optional<uint64_t> operator()(const BaseType& base) const {
      return base.attributes.Get(Attribute::kByteSize);
    }
    std::optional<uint64_t> operator()(const ModifierType& modifier) const {
      if (auto size = modifier.attributes.Get(Attribute::kByteSize)) return size;
      if (!IsTransparent(modifier.keyword)) return std::nullopt;
      return scope.SizeOf(*modifier.target, depth + 1);
    }
    std::optional<uint64_t> operator()(const AggregateType& aggregate) const {
      return aggregate.attributes.Get(Attribute::kByteSize);
    }
    std::optional<uint64_t> operator()(const ArrayType& array) const {
      std::optional<uint64_t> size = scope.SizeOf(*array.element, depth + 1);
      for (const std::optional<uint64_t>& bound : array.bounds) {
        if (!size || !bound) return std::nullopt;
        *size *= *bound;
      }
      return size;
    }
    std::optional<uint64_t> operator()(const FunctionType&) const { return std::nullopt; }
    std::optional<uint64_t> operator()(const UnspecifiedType&) const { return std::nullopt; }
    std::optional<uint64_t> operator()(const NoType&) const { return std::nullopt; }
  };
  return std::visit(Visitor{*this, depth}, type.node);
}

std::optional<uint64_t> ShapeScope::AlignmentOf(const Type& type, int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  struct Visitor {
    const ShapeScope& scope;
    int depth;
    std::optional<uint64_t> Natural(const Type& type) const {
      std::optional<uint64_t> size = scope.SizeOf(type, depth + 1);
      if (!size || *size == 0) return std::nullopt;
      return NaturalAlignment(*size);
    }
    std::optional<uint64_t> operator()(const RefType& ref) const {
      const Shape* shape = scope.MaybeResolve(ref.key);
      if (!shape || shape->form != Shape::Form::kType) return std::nullopt;
      return scope.AlignmentOf(shape->type, depth + 1);
    }
    std::optional<uint64_t> operator()(const BaseType& base) const {
      if (auto alignment = base.attributes.Get(Attribute::kAlignment)) return alignment;
      if (auto size = base.attributes.Get(Attribute::kByteSize); size && *size > 0)
        return NaturalAlignment(*size);
      return std::nullopt;
    }
    std::optional<uint64_t> operator()(const ModifierType& modifier) const {
      if (auto alignment = modifier.attributes.Get(Attribute::kAlignment)) return alignment;
      if (IsTransparent(modifier.keyword)) return scope.AlignmentOf(*modifier.target, depth + 1);
      if (auto size = modifier.attributes.Get(Attribute::kByteSize); size && *size > 0)
        return NaturalAlignment(*size);
      return std::nullopt;
    }
    std::optional<uint64_t> operator()(const AggregateType& aggregate) const {
      if (auto alignment = aggregate.attributes.Get(Attribute::kAlignment)) return alignment;
      if (aggregate.opaque()) return std::nullopt;
      if (aggregate.keyword == Keyword::kEnumerationType) {
        auto size = aggregate.attributes.Get(Attribute::kByteSize);
        if (!size || *size == 0) return std::nullopt;
        return NaturalAlignment(*size);
      }
      uint64_t alignment = 1;
      for (const Item& item : aggregate.body.items) {
        if (item.keyword != Keyword::kMember) return std::nullopt;  // Rust variants: unknown
        std::optional<uint64_t> member = scope.AlignmentOf(*item.type, depth + 1);
        if (!member) return std::nullopt;
        alignment = std::max(alignment, *member);
      }
      return alignment;
    }
    std::optional<uint64_t> operator()(const ArrayType& array) const {
      return scope.AlignmentOf(*array.element, depth + 1);
    }
    std::optional<uint64_t> operator()(const FunctionType&) const { return std::nullopt; }
    std::optional<uint64_t> operator()(const UnspecifiedType&) const { return std::nullopt; }
    std::optional<uint64_t> operator()(const NoType&) const { return std::nullopt; }
  };
  return std::visit(Visitor{*this, depth}, type.node);
}

std::string ShapeScope::Representation(const Type& type, int depth) const {
  if (depth > kMaxDepth) return "?";
  const Type& under = Underlying(type, depth);
  struct Visitor {
    const ShapeScope& scope;
    const Type& type;
    int depth;
    std::string operator()(const RefType& ref) const {
      if (ref.key.starts_with("e#")) {
        std::optional<uint64_t> size = scope.SizeOf(type, depth + 1);
        return fmt::format("enum:{}:{}", size ? std::to_string(*size) : "?", ref.key);
      }
      return std::string(ref.key);
    }
    std::string operator()(const BaseType& base) const {
      const std::optional<uint64_t> size = base.attributes.Get(Attribute::kByteSize);
      const std::optional<uint64_t> encoding = base.attributes.Get(Attribute::kEncoding);
      const std::string_view kind = encoding ? EncodingClass(*encoding) : "";
      if (!size || kind.empty()) return fmt::format("base:{}", base.name);
      return fmt::format("{}:{}", kind, *size);
    }
    std::string operator()(const ModifierType& modifier) const {
      if (IsPointer(modifier.keyword))
        return fmt::format("{}({})", grammar::Name(modifier.keyword),
                           scope.Representation(*modifier.target, depth + 1));
      return PrintType(type);
    }
    std::string operator()(const AggregateType&) const { return PrintType(type); }
    std::string operator()(const ArrayType& array) const {
      std::string out = "array";
      for (const std::optional<uint64_t>& bound : array.bounds)
        out += bound ? fmt::format("[{}]", *bound) : "[]";
      return out + "(" + scope.Representation(*array.element, depth + 1) + ")";
    }
    std::string operator()(const FunctionType& function) const {
      std::string out = "function(";
      for (const Item& parameter : function.parameters)
        out += scope.Representation(*parameter.type, depth + 1) + ",";
      return out + ")->" + scope.Representation(*function.result, depth + 1);
    }
    std::string operator()(const UnspecifiedType&) const { return "unspecified"; }
    std::string operator()(const NoType&) const { return "none"; }
  };
  return std::visit(Visitor{*this, under, depth}, under.node);
}

}  // namespace kcrc
