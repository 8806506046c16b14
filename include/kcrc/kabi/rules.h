// kABI rules: the records of the `.discard.gendwarfksyms.kabi_rules` section
// (`version\0type\0target\0value\0`, version "1"), read only with --stable.
//
// GUARANTEES (as the reference): lookup is by (type, exact target); when
// several rules share both, the last one in the section wins; an empty target
// never matches; numeric values are parsed with strtoul(…, 10) when first
// applied, so a rule never applied is never validated.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kcrc/symtypes/record.h"

namespace kcrc {

enum class KabiRuleType { kDeclonly, kEnumeratorIgnore, kEnumeratorValue, kByteSize, kTypeString };

// The rule type names of the section format, e.g. "declonly".
std::string_view KabiRuleTypeName(KabiRuleType type);

struct KabiRule {
  KabiRuleType type;
  std::string target;
  std::string value;
  uint32_t index = 0;  // position in the section (0-based)
};

class KabiRules {
 public:
  KabiRules() = default;

  // Parses a rules section. `where` names the object in errors. Warnings (such
  // as trailing data) go to `warn`.
  static KabiRules Parse(std::string_view bytes, std::string_view where,
                         const std::function<void(const std::string&)>& warn);

  const std::vector<KabiRule>& rules() const { return rules_; }
  bool empty() const { return rules_.empty(); }

  // The rule in effect for (type, target), or null. Records the use.
  const KabiRule* Find(KabiRuleType type, std::string_view target) const;

  bool IsDeclonly(std::string_view fqn) const;
  bool IsEnumeratorIgnored(std::string_view enum_fqn, std::string_view enumerator) const;
  std::optional<uint64_t> EnumeratorValue(std::string_view enum_fqn,
                                          std::string_view enumerator) const;
  std::optional<uint64_t> ByteSize(std::string_view fqn) const;
  std::optional<std::string_view> TypeString(std::string_view target) const;

  // Rules whose lookups never succeeded: their target matched nothing.
  std::vector<const KabiRule*> Unused() const;

 private:
  const KabiRule* FindEnumerator(KabiRuleType type, std::string_view enum_fqn,
                                 std::string_view enumerator) const;
  std::vector<KabiRule> rules_;
  // Rule index by IndexKey(type, target).
  std::unordered_map<std::string, uint32_t> index_;
  mutable std::vector<bool> used_;
};

// Parses a strtoul(…, 10) value the way the reference does; throws
// "get_ulong_value: invalid unsigned value '<v>'" on trailing data or overflow.
uint64_t ParseKabiUnsigned(std::string_view value);

// Splits a type_string override into tokens (text and references) as the
// reference's type_parse does; throws on empty or malformed references.
TokenList ParseTypeString(std::string_view target, std::string_view value);

}  // namespace kcrc
