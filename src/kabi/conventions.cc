#include "kcrc/kabi/conventions.h"

namespace kcrc::kabi {

Convention ClassifyName(std::string_view name, std::string_view* original) {
  if (!name.starts_with(kPrefix)) return Convention::kNone;
  const std::string_view rest = name.substr(kPrefix.size());
  if (rest.starts_with(kReserved)) return Convention::kReserved;
  if (rest.starts_with(kIgnored)) return Convention::kIgnored;
  if (rest.starts_with(kRenamed)) {
    if (original) *original = rest.substr(kRenamed.size());
    return Convention::kRenamed;
  }
  return Convention::kNone;
}

UnionConvention ClassifyUnion(const AggregateType& union_type) {
  if (union_type.keyword != grammar::Keyword::kUnionType) return {};
  size_t seen = 0;
  for (const Item& member : union_type.body.items) {
    if (member.keyword != grammar::Keyword::kMember || seen++ == 2) break;
    if (Convention convention = ClassifyName(member.name); convention != Convention::kNone)
      return {convention, &member};
    const auto* inner = As<AggregateType>(*member.type);
    if (inner && inner->keyword == grammar::Keyword::kStructureType && !inner->body.items.empty()) {
      const Item& first = inner->body.items.front();
      if (Convention convention = ClassifyName(first.name); convention != Convention::kNone)
        return {convention, &first};
    }
  }
  return {};
}

std::string_view MacroOf(Convention convention) {
  constexpr std::string_view kMacros[] = {"", "KABI_USE", "KABI_REPLACE", "KABI_IGNORE"};
  return kMacros[static_cast<size_t>(convention)];
}

}  // namespace kcrc::kabi
