#include "kcrc/compare/severity.h"

#include <array>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/symvers/text_lines.h"

namespace kcrc {
namespace {

std::optional<RuleType> MaybeRuleType(std::string_view word) {
  if (word == "MODULE") return RuleType::kModule;
  if (word == "NAMESPACE") return RuleType::kNamespace;
  if (word == "SYMBOL") return RuleType::kSymbol;
  return std::nullopt;
}

std::optional<Verdict> MaybeVerdict(std::string_view word) {
  if (word == "PASS") return Verdict::kPass;
  if (word == "FAIL") return Verdict::kFail;
  return std::nullopt;
}

}  // namespace

std::string_view RuleTypeName(RuleType type) {
  switch (type) {
    case RuleType::kModule:
      return "MODULE";
    case RuleType::kNamespace:
      return "NAMESPACE";
    case RuleType::kSymbol:
      return "SYMBOL";
  }
  return "";
}

std::string_view VerdictName(Verdict verdict) {
  return verdict == Verdict::kPass ? "PASS" : "FAIL";
}

RuleType InferRuleType(std::string_view pattern) {
  if (pattern.find('/') != std::string_view::npos || pattern == "vmlinux") return RuleType::kModule;
  for (const char c : pattern)
    if (c >= 'a' && c <= 'z') return RuleType::kSymbol;
  return RuleType::kNamespace;
}

SeverityRules SeverityRules::Parse(std::string_view text, const std::string& path) {
  SeverityRules result;
  result.path_ = path;
  CheckUtf8(text, path);
  ForEachTextLine(text, [&](std::string_view line, uint32_t number) {
    const Location where{path, number, {}};
    // `#` starts a comment anywhere: "xfrm_bpf_md_dst PASS # bsc#1223415",
    // and "foo#bar PASS" is the one word "foo".
    line = line.substr(0, line.find('#'));
    std::array<std::string_view, 3> words;
    const size_t count = SplitWords(line, words);
    if (count == 0) return;
    if (count == 1) Fail(where, "incomplete rule (expected '[TYPE] PATTERN PASS|FAIL')");
    std::optional<RuleType> type;
    std::string_view pattern = words[0];
    std::string_view verdict_word = words[1];
    if (count >= 3) {
      type = MaybeRuleType(words[0]);
      if (!type)
        Fail(where, "invalid rule type '{}' (expected MODULE, NAMESPACE or SYMBOL)", words[0]);
      if (count > 3) Fail(where, "unexpected text after the verdict");
      pattern = words[1];
      verdict_word = words[2];
    } else {
      type = InferRuleType(pattern);
    }
    const std::optional<Verdict> verdict = MaybeVerdict(verdict_word);
    if (!verdict) Fail(where, "invalid verdict '{}' (expected PASS or FAIL)", verdict_word);
    result.rules_.push_back({*type, Wildcard(std::string(pattern)), *verdict, number});
  });
  return result;
}

SeverityRules SeverityRules::Read(const std::string& path) { return Parse(ReadFile(path), path); }

const SeverityRule* SeverityRules::FirstMatch(std::string_view symbol, std::string_view module,
                                              std::string_view name_space) const {
  for (const SeverityRule& rule : rules_) {
    try {
      switch (rule.type) {
        case RuleType::kModule:
          if (rule.pattern.Matches(module)) return &rule;
          break;
        case RuleType::kNamespace:
          if (!name_space.empty() && rule.pattern.Matches(name_space)) return &rule;
          break;
        case RuleType::kSymbol:
          if (rule.pattern.Matches(symbol)) return &rule;
          break;
      }
    } catch (Error& e) {
      e.SetFileIfUnset(path_);
      e.SetLineIfUnset(rule.line);
      throw;
    }
  }
  return nullptr;
}

void SeverityRules::MarkUsed(const Symvers& symvers, std::vector<bool>& used) const {
  for (const SymversExport& e : symvers.exports)
    if (const SeverityRule* rule = FirstMatch(e))
      used[static_cast<size_t>(rule - rules_.data())] = true;
}

}  // namespace kcrc
