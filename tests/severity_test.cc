#include "kcrc/compare/severity.h"

#include <gtest/gtest.h>

#include <string>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

TEST(ClassifyPattern, SlashOrVmlinuxMeansModule) {
  EXPECT_EQ(ClassifyPattern("drivers/nvme/host/*"), RuleTarget::kModule);
  EXPECT_EQ(ClassifyPattern("fs/ceph"), RuleTarget::kModule);
  EXPECT_EQ(ClassifyPattern("include/linux/cxl-events.h"), RuleTarget::kModule);
  EXPECT_EQ(ClassifyPattern("vmlinux"), RuleTarget::kModule);
  EXPECT_EQ(ClassifyPattern("vmlinux*"), RuleTarget::kSymbol);
}

TEST(ClassifyPattern, AllCapsMeansNamespace) {
  EXPECT_EQ(ClassifyPattern("CXL"), RuleTarget::kNamespace);
  EXPECT_EQ(ClassifyPattern("IIO_*"), RuleTarget::kNamespace);
  EXPECT_EQ(ClassifyPattern("SND_SOC_CS35L56_SHARED"), RuleTarget::kNamespace);
  EXPECT_EQ(ClassifyPattern("__SCK__*"), RuleTarget::kNamespace);
}

TEST(ClassifyPattern, AnythingElseMeansSymbol) {
  EXPECT_EQ(ClassifyPattern("kvm_x86_ops"), RuleTarget::kSymbol);
  EXPECT_EQ(ClassifyPattern("kvmppc_*"), RuleTarget::kSymbol);
  EXPECT_EQ(ClassifyPattern("SPI_PXA2xx"), RuleTarget::kSymbol);  // mixed case
  EXPECT_EQ(ClassifyPattern("__traceiter_smc*"), RuleTarget::kSymbol);
  EXPECT_EQ(ClassifyPattern("*"), RuleTarget::kSymbol);
}

TEST(GlobMatches, ShellGlobsWhereStarCrossesSlashes) {
  EXPECT_TRUE(GlobMatches("kvmppc_*", "kvmppc_xive_push_vcpu"));
  EXPECT_FALSE(GlobMatches("kvmppc_*", "kvm_vcpu_kick"));
  EXPECT_TRUE(
      GlobMatches("drivers/net/wireless/ath/*", "drivers/net/wireless/ath/ath10k/ath10k_core"));
  EXPECT_TRUE(GlobMatches("sym_?", "sym_a"));
  EXPECT_FALSE(GlobMatches("sym_?", "sym_ab"));
  EXPECT_TRUE(GlobMatches("sym_[ab]", "sym_b"));
  EXPECT_FALSE(GlobMatches("sym_[ab]", "sym_c"));
  EXPECT_TRUE(GlobMatches("fs/ceph", "fs/ceph"));
  EXPECT_FALSE(GlobMatches("fs/ceph", "fs/ceph2"));  // whole-string match
}

TEST(SeverityRules, ParsesRulesCommentsAndBlankLines) {
  const SeverityRules rules = SeverityRules::Parse(
      "# comment\n"
      "\n"
      "   \t \n"
      "drivers/staging/*\t\tPASS\n"
      "kvm_x86_ops FAIL\n"
      "xfrm_bpf_md_dst\tPASS\t# bsc#1223415\n"
      "CXL PASS",  // no final newline
      "sev");
  ASSERT_EQ(rules.rules().size(), 4u);
  EXPECT_EQ(rules.rules()[0].target, RuleTarget::kModule);
  EXPECT_EQ(rules.rules()[0].pattern, "drivers/staging/*");
  EXPECT_EQ(rules.rules()[0].verdict, Verdict::kPass);
  EXPECT_EQ(rules.rules()[0].line, 4u);
  EXPECT_EQ(rules.rules()[1].target, RuleTarget::kSymbol);
  EXPECT_EQ(rules.rules()[1].verdict, Verdict::kFail);
  EXPECT_EQ(rules.rules()[2].pattern, "xfrm_bpf_md_dst");
  EXPECT_EQ(rules.rules()[2].line, 6u);
  EXPECT_EQ(rules.rules()[3].target, RuleTarget::kNamespace);
}

TEST(SeverityRules, FirstMatchWins) {
  const SeverityRules rules = SeverityRules::Parse(
      "kvm_x86_ops FAIL\n"
      "arch/x86/kvm/* PASS\n"
      "drivers/nvme/host/nvme-fc* FAIL\n"
      "drivers/nvme/host/* PASS\n"
      "nvme_fc_* PASS\n",
      "sev");
  EXPECT_EQ(rules.MaybeMatch("kvm_x86_ops", "arch/x86/kvm/kvm", ""), Verdict::kFail);
  EXPECT_EQ(rules.MaybeMatch("kvm_vcpu_kick", "arch/x86/kvm/kvm", ""), Verdict::kPass);
  EXPECT_EQ(rules.MaybeMatch("nvme_fc_register_localport", "drivers/nvme/host/nvme-fc", ""),
            Verdict::kFail);
  EXPECT_EQ(rules.MaybeMatch("nvme_complete_rq", "drivers/nvme/host/nvme-core", ""),
            Verdict::kPass);
}

TEST(SeverityRules, DefaultIsFail) {
  const SeverityRules rules = SeverityRules::Parse("arch/x86/kvm/* PASS\n", "sev");
  EXPECT_EQ(rules.MaybeMatch("jiffies", "vmlinux", ""), std::nullopt);
  EXPECT_FALSE(rules.IsTolerated("jiffies", "vmlinux", ""));
  EXPECT_TRUE(rules.IsTolerated("kvm_vcpu_kick", "arch/x86/kvm/kvm", ""));
  EXPECT_FALSE(SeverityRules().IsTolerated("kvm_vcpu_kick", "arch/x86/kvm/kvm", ""));
}

TEST(SeverityRules, EachKindMatchesItsOwnField) {
  const SeverityRules rules = SeverityRules::Parse(
      "vmlinux PASS\n"
      "CXL PASS\n"
      "cxl_* FAIL\n",
      "sev");
  // "vmlinux" is a module rule: it does not match a symbol named vmlinux.
  EXPECT_TRUE(rules.IsTolerated("jiffies", "vmlinux", ""));
  EXPECT_EQ(rules.MaybeMatch("vmlinux", "drivers/foo", ""), std::nullopt);
  // A namespace rule matches the namespace, never the symbol or the module.
  EXPECT_TRUE(rules.IsTolerated("cxl_bus_type", "drivers/cxl/core/cxl_core", "CXL"));
  EXPECT_EQ(rules.MaybeMatch("CXL", "CXL", ""), std::nullopt);
  EXPECT_FALSE(rules.IsTolerated("cxl_mem_probe", "drivers/cxl/cxl_mem", ""));
}

TEST(SeverityRules, MalformedLinesNameFileAndLine) {
  auto message = [](std::string_view text) -> std::string {
    try {
      SeverityRules::Parse(text, "kabi/severities");
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(message("# ok\nkvm_x86_ops\n"),
            "kabi/severities:2: expected '<pattern> PASS|FAIL', got 1 word");
  EXPECT_EQ(message("a PASS\n\nb PASS extra\n"),
            "kabi/severities:3: expected '<pattern> PASS|FAIL', got 3 words");
  EXPECT_EQ(message("kvm_x86_ops pass\n"),
            "kabi/severities:1: unknown verdict 'pass' (expected PASS or FAIL)");
  EXPECT_EQ(message("a WARN # comment\n"),
            "kabi/severities:1: unknown verdict 'WARN' (expected PASS or FAIL)");
}

TEST(SeverityRules, ReadNamesAMissingFile) {
  try {
    SeverityRules::Read("/nonexistent/severities");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("cannot open rules file '/nonexistent/severities'", 0),
              0u)
        << e.what();
  }
}

}  // namespace
}  // namespace kcrc
