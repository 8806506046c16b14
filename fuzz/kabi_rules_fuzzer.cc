// Fuzzes the kABI rules reader: the bytes are a
// `.discard.gendwarfksyms.kabi_rules` section. Every rule is then looked up
// and applied the way the renderer applies it (numeric values, type strings),
// so the lazy validation paths run too. Any input ends in a result or
// kcrc::Error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "kcrc/base/error.h"
#include "kcrc/kabi/rules.h"

namespace {

void Apply(const kcrc::KabiRules& rules, const kcrc::KabiRule& rule) {
  try {
    switch (rule.type) {
      case kcrc::KabiRuleType::kDeclonly:
        (void)rules.IsDeclonly(rule.target);
        break;
      case kcrc::KabiRuleType::kByteSize:
        (void)rules.ByteSize(rule.target);
        break;
      case kcrc::KabiRuleType::kTypeString: {
        if (auto value = rules.TypeString(rule.target))
          (void)kcrc::ParseTypeString(rule.target, *value);
        break;
      }
      case kcrc::KabiRuleType::kEnumeratorIgnore:
      case kcrc::KabiRuleType::kEnumeratorValue: {
        // Targets are "enum_fqn enumerator"; split at the first space.
        const std::string_view target = rule.target;
        const size_t space = target.find(' ');
        const std::string_view fqn = target.substr(0, space);
        const std::string_view enumerator =
            space == std::string_view::npos ? std::string_view() : target.substr(space + 1);
        (void)rules.IsEnumeratorIgnored(fqn, enumerator);
        (void)rules.EnumeratorValue(fqn, enumerator);
        break;
      }
    }
  } catch (const kcrc::Error&) {
  }
  // Both readers of raw values must take anything.
  try {
    (void)kcrc::ParseKabiUnsigned(rule.value);
  } catch (const kcrc::Error&) {
  }
  try {
    (void)kcrc::ParseTypeString(rule.target, rule.value);
  } catch (const kcrc::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const kcrc::KabiRules rules =
        kcrc::KabiRules::Parse(bytes, "<fuzz>", [](const std::string&) {});
    for (const kcrc::KabiRule& rule : rules.rules()) {
      if (rule.index >= rules.rules().size()) std::abort();
      Apply(rules, rule);
    }
    (void)rules.Unused();
  } catch (const kcrc::Error&) {
  }
  return 0;
}
