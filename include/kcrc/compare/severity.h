// Severity rules of symvers comparisons, in the syntax of suse-kabi-tools'
// `ksymvers --rules` (SUSE's kabi/severities files):
//
//   # comment
//   drivers/nvme/host/nvme-fc*   FAIL     <- module pattern (has a '/')
//   drivers/nvme/host/*          PASS
//   vmlinux                      FAIL     <- module pattern (built-in exports)
//   CXL                          PASS     <- namespace pattern (no lower-case letter)
//   kvmppc_*                     PASS     # symbol pattern (anything else)
//   SYMBOL    __SCK__*           PASS     <- explicit type: MODULE, NAMESPACE or SYMBOL
//
// GUARANTEES
//   - A line is `[TYPE] PATTERN VERDICT`: words separated by ASCII white space,
//     `#` starting a comment anywhere (even inside a word); VERDICT is PASS or
//     FAIL; TYPE is MODULE, NAMESPACE or SYMBOL. Any other non-blank line is an
//     Error at FILE:LINE; so is a file that is not UTF-8.
//   - Without a TYPE the pattern's type is inferred as suse-kabi-tools infers
//     it (InferRuleType): a module with a '/' or equal to "vmlinux", else a
//     namespace when it has no lower-case letter (so `*` and `_*` are
//     namespace patterns), else a symbol.
//   - Rules are tried in file order and the first whose pattern matches
//     decides (PASS tolerates the change, FAIL does not); no match means not
//     tolerated. A namespace rule never matches an export without a namespace.
//   - Patterns are wildcards as suse-kabi-tools matches them (wildcard.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/symvers/module_symvers.h"
#include "kcrc/symvers/wildcard.h"

namespace kcrc {

// What a rule's pattern is matched against.
enum class RuleType : uint8_t { kModule, kNamespace, kSymbol };
enum class Verdict : uint8_t { kPass, kFail };

// "MODULE", "NAMESPACE", "SYMBOL"; "PASS", "FAIL".
std::string_view RuleTypeName(RuleType type);
std::string_view VerdictName(Verdict verdict);

// The type of an untyped pattern. Only ASCII letters have a case here (the
// peer compares the pattern with its Unicode upper-case form; kernel symbol,
// module and namespace names are ASCII).
RuleType InferRuleType(std::string_view pattern);

struct SeverityRule {
  RuleType type;
  Wildcard pattern;
  Verdict verdict;
  uint32_t line;  // 1-based line in the rules file
};

class SeverityRules {
 public:
  SeverityRules() = default;

  // Parses the text of a rules file; `path` names it in errors and reports.
  static SeverityRules Parse(std::string_view text, const std::string& path);
  static SeverityRules Read(const std::string& path);

  // The first rule matching the export, or null. `name_space` is empty for
  // exports without one. Throws an Error at the rule's line when its pattern
  // is malformed where the match reaches it (wildcard.h).
  const SeverityRule* FirstMatch(std::string_view symbol, std::string_view module,
                                 std::string_view name_space) const;
  const SeverityRule* FirstMatch(const SymversExport& e) const {
    return FirstMatch(e.symbol, e.module, e.name_space);
  }

  // Sets used[i] for every rule i that is the first match of an export of
  // `symvers` (`used` has one flag per rule).
  void MarkUsed(const Symvers& symvers, std::vector<bool>& used) const;

  const std::string& path() const { return path_; }
  const std::vector<SeverityRule>& rules() const { return rules_; }

 private:
  std::string path_;
  std::vector<SeverityRule> rules_;
};

}  // namespace kcrc
