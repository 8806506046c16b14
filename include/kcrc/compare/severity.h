// Severity rules of symvers comparisons, in the syntax of suse-kabi-tools'
// `ksymvers --rules` (SUSE's kabi/severities files):
//
//   # comment
//   drivers/nvme/host/nvme-fc*   FAIL     <- module pattern (has a '/')
//   drivers/nvme/host/*          PASS
//   vmlinux                      FAIL     <- module pattern (built-in exports)
//   CXL                          PASS     <- namespace pattern (all caps)
//   kvmppc_*                     PASS     # symbol pattern (anything else)
//
// GUARANTEES
//   - Rules are tried in file order and the first whose pattern matches the
//     export decides (PASS tolerates the change, FAIL does not); an export that
//     no rule matches is not tolerated (default FAIL).
//   - Patterns are shell globs matched with fnmatch(3) without flags, so `*`
//     also matches '/' ("drivers/net/wireless/ath/*" matches
//     "drivers/net/wireless/ath/ath10k/ath10k_core").
//   - Parsing is strict: a line that is not `PATTERN PASS|FAIL` (after removing
//     a `#` comment) throws an Error naming FILE:LINE.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

// What a rule's pattern is matched against.
enum class RuleTarget : uint8_t { kModule, kNamespace, kSymbol };

enum class Verdict : uint8_t { kPass, kFail };

struct SeverityRule {
  RuleTarget target;
  std::string pattern;
  Verdict verdict;
  uint32_t line;  // 1-based line in the rules file, for messages
};

// Classifies a pattern the way suse-kabi-tools does: one containing '/' or
// equal to "vmlinux" names modules; one with at least one upper-case letter and
// no lower-case letter (an all-caps name such as CXL or IIO_*) names symbol
// namespaces; anything else names symbols.
RuleTarget ClassifyPattern(std::string_view pattern);

// True when the shell glob `pattern` matches `text` (fnmatch without flags).
bool GlobMatches(const std::string& pattern, const std::string& text);

class SeverityRules {
 public:
  SeverityRules() = default;

  // Parses the text of a rules file; `path` is only used in error messages.
  static SeverityRules Parse(std::string_view text, std::string_view path);
  // Reads and parses a rules file. Throws an Error if it cannot be read.
  static SeverityRules Read(const std::string& path);

  // The verdict of the first rule matching the export, or nullopt when no rule
  // matches. `name_space` is empty for exports without a namespace; namespace
  // rules never match those.
  std::optional<Verdict> MaybeMatch(const std::string& symbol, const std::string& module,
                                    const std::string& name_space) const;

  // True when the first matching rule says PASS (default FAIL).
  bool IsTolerated(const std::string& symbol, const std::string& module,
                   const std::string& name_space) const {
    return MaybeMatch(symbol, module, name_space) == Verdict::kPass;
  }

  const std::vector<SeverityRule>& rules() const { return rules_; }

 private:
  std::vector<SeverityRule> rules_;
};

}  // namespace kcrc
