#include "kcrc/compare/severity.h"

#include <fnmatch.h>

#include <algorithm>
#include <array>

#include "kcrc/base/error.h"
#include "text_file.h"

namespace kcrc {
namespace {

constexpr std::string_view kBlanks = " \t\r\v\f";

// Splits `line` into blank-separated words; returns how many there were, and
// fills at most `words.size()` of them.
size_t SplitWords(std::string_view line, std::array<std::string_view, 3>& words) {
  size_t count = 0;
  while (true) {
    const size_t begin = line.find_first_not_of(kBlanks);
    if (begin == std::string_view::npos) return count;
    line.remove_prefix(begin);
    const size_t end = std::min(line.find_first_of(kBlanks), line.size());
    if (count < words.size()) words[count] = line.substr(0, end);
    ++count;
    line.remove_prefix(end);
  }
}

}  // namespace

RuleTarget ClassifyPattern(std::string_view pattern) {
  if (pattern.find('/') != std::string_view::npos || pattern == "vmlinux")
    return RuleTarget::kModule;
  bool upper = false;
  for (const char c : pattern) {
    if (c >= 'a' && c <= 'z') return RuleTarget::kSymbol;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper ? RuleTarget::kNamespace : RuleTarget::kSymbol;
}

bool GlobMatches(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

SeverityRules SeverityRules::Parse(std::string_view text, std::string_view path) {
  SeverityRules result;
  detail::ForEachLine(text, [&](std::string_view line, uint32_t number) {
    // `#` starts a comment anywhere: SUSE's file has "xfrm_bpf_md_dst PASS # bsc#...".
    line = line.substr(0, line.find('#'));
    std::array<std::string_view, 3> words;
    const size_t count = SplitWords(line, words);
    if (count == 0) return;
    Check(count == 2, "{}:{}: expected '<pattern> PASS|FAIL', got {} word{}", path, number, count,
          count == 1 ? "" : "s");
    Verdict verdict;
    if (words[1] == "PASS") {
      verdict = Verdict::kPass;
    } else if (words[1] == "FAIL") {
      verdict = Verdict::kFail;
    } else {
      Fail("{}:{}: unknown verdict '{}' (expected PASS or FAIL)", path, number, words[1]);
    }
    result.rules_.push_back({ClassifyPattern(words[0]), std::string(words[0]), verdict, number});
  });
  return result;
}

SeverityRules SeverityRules::Read(const std::string& path) {
  return Parse(detail::ReadTextFile(path, "rules file"), path);
}

std::optional<Verdict> SeverityRules::MaybeMatch(const std::string& symbol,
                                                 const std::string& module,
                                                 const std::string& name_space) const {
  for (const SeverityRule& rule : rules_) {
    bool matches = false;
    switch (rule.target) {
      case RuleTarget::kModule:
        matches = GlobMatches(rule.pattern, module);
        break;
      case RuleTarget::kNamespace:
        matches = !name_space.empty() && GlobMatches(rule.pattern, name_space);
        break;
      case RuleTarget::kSymbol:
        matches = GlobMatches(rule.pattern, symbol);
        break;
    }
    if (matches) return rule.verdict;
  }
  return std::nullopt;
}

}  // namespace kcrc
