#include "kcrc/compare/severity.h"

#include <gtest/gtest.h>

#include <string>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

TEST(InferRuleType, SlashOrVmlinuxMeansModule) {
  EXPECT_EQ(InferRuleType("drivers/nvme/host/*"), RuleType::kModule);
  EXPECT_EQ(InferRuleType("fs/ceph"), RuleType::kModule);
  EXPECT_EQ(InferRuleType("include/linux/cxl-events.h"), RuleType::kModule);
  EXPECT_EQ(InferRuleType("vmlinux"), RuleType::kModule);
  EXPECT_EQ(InferRuleType("vmlinux*"), RuleType::kSymbol);
  EXPECT_EQ(InferRuleType("A/B"), RuleType::kModule);
}

// suse-kabi-tools: a pattern equal to its upper-case form names namespaces,
// letter-less ones included.
TEST(InferRuleType, NoLowerCaseLetterMeansNamespace) {
  EXPECT_EQ(InferRuleType("CXL"), RuleType::kNamespace);
  EXPECT_EQ(InferRuleType("IIO_*"), RuleType::kNamespace);
  EXPECT_EQ(InferRuleType("SND_SOC_CS35L56_SHARED"), RuleType::kNamespace);
  EXPECT_EQ(InferRuleType("__SCK__*"), RuleType::kNamespace);
  EXPECT_EQ(InferRuleType("*"), RuleType::kNamespace);
  EXPECT_EQ(InferRuleType("_*"), RuleType::kNamespace);
  EXPECT_EQ(InferRuleType("?"), RuleType::kNamespace);
  EXPECT_EQ(InferRuleType("__8"), RuleType::kNamespace);
}

TEST(InferRuleType, AnyLowerCaseLetterMeansSymbol) {
  EXPECT_EQ(InferRuleType("kvm_x86_ops"), RuleType::kSymbol);
  EXPECT_EQ(InferRuleType("kvmppc_*"), RuleType::kSymbol);
  EXPECT_EQ(InferRuleType("SPI_PXA2xx"), RuleType::kSymbol);
  EXPECT_EQ(InferRuleType("__traceiter_smc*"), RuleType::kSymbol);
}

TEST(SeverityRules, ParsesRulesCommentsAndBlankLines) {
  const SeverityRules rules = SeverityRules::Parse(
      "# comment\n"
      "\n"
      "   \t \n"
      "drivers/staging/*\t\tPASS\n"
      "kvm_x86_ops FAIL\n"
      "xfrm_bpf_md_dst\tPASS\t# bsc#1223415\n"
      "CXL PASS#no space before the comment\r\n"
      "MODULE  *  FAIL\n"
      "NAMESPACE cxl FAIL\n"
      "SYMBOL __SCK__* PASS",  // no final newline
      "sev");
  ASSERT_EQ(rules.path(), "sev");
  const std::vector<SeverityRule>& r = rules.rules();
  ASSERT_EQ(r.size(), 7u);
  EXPECT_EQ(r[0].type, RuleType::kModule);
  EXPECT_EQ(r[0].pattern.pattern(), "drivers/staging/*");
  EXPECT_EQ(r[0].verdict, Verdict::kPass);
  EXPECT_EQ(r[0].line, 4u);
  EXPECT_EQ(r[1].type, RuleType::kSymbol);
  EXPECT_EQ(r[1].verdict, Verdict::kFail);
  EXPECT_EQ(r[2].pattern.pattern(), "xfrm_bpf_md_dst");
  EXPECT_EQ(r[2].line, 6u);
  EXPECT_EQ(r[3].type, RuleType::kNamespace);
  EXPECT_EQ(r[3].pattern.pattern(), "CXL");
  EXPECT_EQ(r[4].type, RuleType::kModule);  // typed: '*' would be a namespace untyped
  EXPECT_EQ(r[4].pattern.pattern(), "*");
  EXPECT_EQ(r[5].type, RuleType::kNamespace);  // typed: lower case would be a symbol
  EXPECT_EQ(r[6].type, RuleType::kSymbol);
  EXPECT_EQ(r[6].line, 10u);
}

TEST(SeverityRules, TypeWordsAloneArePatterns) {
  // Two words: no type, "MODULE" is an (all-caps) namespace pattern.
  const SeverityRules rules = SeverityRules::Parse("MODULE PASS\n", "sev");
  ASSERT_EQ(rules.rules().size(), 1u);
  EXPECT_EQ(rules.rules()[0].type, RuleType::kNamespace);
  EXPECT_EQ(rules.rules()[0].pattern.pattern(), "MODULE");
}

const SeverityRule* Match(const SeverityRules& rules, std::string_view symbol,
                          std::string_view module, std::string_view name_space = "") {
  return rules.FirstMatch(symbol, module, name_space);
}

TEST(SeverityRules, FirstMatchWins) {
  const SeverityRules rules = SeverityRules::Parse(
      "kvm_x86_ops FAIL\n"
      "arch/x86/kvm/* PASS\n"
      "drivers/nvme/host/nvme-fc* FAIL\n"
      "drivers/nvme/host/* PASS\n"
      "nvme_fc_* PASS\n",
      "sev");
  EXPECT_EQ(Match(rules, "kvm_x86_ops", "arch/x86/kvm/kvm")->line, 1u);
  EXPECT_EQ(Match(rules, "kvm_vcpu_kick", "arch/x86/kvm/kvm")->line, 2u);
  EXPECT_EQ(Match(rules, "nvme_fc_register_localport", "drivers/nvme/host/nvme-fc")->line, 3u);
  EXPECT_EQ(Match(rules, "nvme_complete_rq", "drivers/nvme/host/nvme-core")->line, 4u);
  EXPECT_EQ(Match(rules, "jiffies", "vmlinux"), nullptr);
  EXPECT_EQ(SeverityRules().FirstMatch("jiffies", "vmlinux", ""), nullptr);
}

TEST(SeverityRules, EachTypeMatchesItsOwnField) {
  const SeverityRules rules = SeverityRules::Parse(
      "vmlinux PASS\n"
      "CXL PASS\n"
      "cxl_* FAIL\n",
      "sev");
  // "vmlinux" is a module rule: it does not match a symbol named vmlinux.
  EXPECT_EQ(Match(rules, "jiffies", "vmlinux")->line, 1u);
  EXPECT_EQ(Match(rules, "vmlinux", "drivers/foo"), nullptr);
  // A namespace rule matches the namespace, never the symbol or the module.
  EXPECT_EQ(Match(rules, "cxl_bus_type", "drivers/cxl/core/cxl_core", "CXL")->line, 2u);
  EXPECT_EQ(Match(rules, "CXL", "CXL"), nullptr);
  EXPECT_EQ(Match(rules, "cxl_mem_probe", "drivers/cxl/cxl_mem")->line, 3u);
}

TEST(SeverityRules, NamespaceStarMatchesOnlyExportsWithANamespace) {
  const SeverityRules rules = SeverityRules::Parse("* PASS\n", "sev");
  EXPECT_EQ(rules.rules()[0].type, RuleType::kNamespace);
  EXPECT_EQ(Match(rules, "jiffies", "vmlinux"), nullptr);
  EXPECT_NE(Match(rules, "dma_buf_get", "drivers/dma-buf/dma-buf", "DMA_BUF"), nullptr);
}

TEST(SeverityRules, AMalformedPatternFailsWhereItIsReached) {
  const SeverityRules rules = SeverityRules::Parse("# header\nfoo[a PASS\n", "sev");
  EXPECT_EQ(Match(rules, "bar", "vmlinux"), nullptr);
  try {
    Match(rules, "fooa", "vmlinux");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "sev:2: pattern 'foo[a' has an unterminated '[' where it is matched against 'fooa' "
              "(suse-kabi-tools panics on it)");
  }
}

TEST(SeverityRules, MarkUsedMarksFirstMatchesOnly) {
  const SeverityRules rules = SeverityRules::Parse(
      "kvm_* PASS\n"
      "arch/x86/kvm/* PASS\n"  // shadowed by line 1 for kvm_ symbols
      "CXL PASS\n"
      "vmlinux FAIL\n",
      "sev");
  const Symvers symvers = ParseSymvers(
      "0x1 kvm_vcpu_kick arch/x86/kvm/kvm EXPORT_SYMBOL\n"
      "0x2 cxl_bus_type drivers/cxl/core/cxl_core EXPORT_SYMBOL_GPL CXL\n",
      "S");
  std::vector<bool> used(rules.rules().size(), false);
  rules.MarkUsed(symvers, used);
  EXPECT_EQ(used, (std::vector<bool>{true, false, true, false}));
  rules.MarkUsed(ParseSymvers("0x3 jiffies vmlinux EXPORT_SYMBOL\n", "T"), used);
  EXPECT_EQ(used, (std::vector<bool>{true, false, true, true}));
}

std::string ParseError(std::string_view text) {
  try {
    SeverityRules::Parse(text, "kabi/severities");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(SeverityRules, MalformedLinesNameFileAndLine) {
  EXPECT_EQ(ParseError("# ok\nkvm_x86_ops\n"),
            "kabi/severities:2: incomplete rule (expected '[TYPE] PATTERN PASS|FAIL')");
  EXPECT_EQ(ParseError("foo#bar PASS\n"),
            "kabi/severities:1: incomplete rule (expected '[TYPE] PATTERN PASS|FAIL')");
  EXPECT_EQ(ParseError("a PASS\n\nb PASS extra\n"),
            "kabi/severities:3: invalid rule type 'b' (expected MODULE, NAMESPACE or SYMBOL)");
  EXPECT_EQ(ParseError("module a PASS\n"),
            "kabi/severities:1: invalid rule type 'module' (expected MODULE, NAMESPACE or "
            "SYMBOL)");
  EXPECT_EQ(ParseError("SYMBOL a PASS extra\n"),
            "kabi/severities:1: unexpected text after the verdict");
  EXPECT_EQ(ParseError("kvm_x86_ops pass\n"),
            "kabi/severities:1: invalid verdict 'pass' (expected PASS or FAIL)");
  EXPECT_EQ(ParseError("SYMBOL a WARN # comment\n"),
            "kabi/severities:1: invalid verdict 'WARN' (expected PASS or FAIL)");
  // '\v' is not white space to suse-kabi-tools: one word.
  EXPECT_EQ(ParseError("a\vPASS\n"),
            "kabi/severities:1: incomplete rule (expected '[TYPE] PATTERN PASS|FAIL')");
  EXPECT_EQ(ParseError("a PASS\n\xfe\n"),
            "kabi/severities:2: invalid UTF-8 (byte 0xfe at offset 7)");
}

TEST(SeverityRules, ReadNamesAMissingFile) {
  try {
    SeverityRules::Read("/nonexistent/severities");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/severities"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace kcrc
