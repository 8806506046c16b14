#include "kcrc/compare/symvers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/severity.h"
#include "kcrc/report/symvers_report.h"
#include "kcrc/symvers/symbol_filter.h"

namespace kcrc {
namespace {

const std::filesystem::path kFixtureDir =
    std::filesystem::path(KCRC_SOURCE_DIR) / "fixtures" / "symvers";

TEST(CompareSymvers, FindsAddedRemovedAndModifiedSorted) {
  const Symvers ref = ParseSymvers(
      "0x00000001\tzeta\tvmlinux\tEXPORT_SYMBOL\t\n"
      "0x00000002\talpha\tvmlinux\tEXPORT_SYMBOL\t\n"
      "0x00000003\tgone\tfs/foo\tEXPORT_SYMBOL\t\n"
      "0x00000004\tsame\tvmlinux\tEXPORT_SYMBOL\t\n"
      "0x00000005\tmoved\tfs/foo\tEXPORT_SYMBOL\t\n",
      "ref");
  const Symvers now = ParseSymvers(
      "0x00000004\tsame\tvmlinux\tEXPORT_SYMBOL\t\n"
      "0x000000aa\tzeta\tvmlinux\tEXPORT_SYMBOL\t\n"
      "0x000000bb\talpha\tvmlinux\tEXPORT_SYMBOL\t\n"
      "0x00000010\tnew_b\tfs/bar\tEXPORT_SYMBOL\t\n"
      "0x00000011\tnew_a\tfs/bar\tEXPORT_SYMBOL_GPL\tNS\n"
      "0x00000005\tmoved\tfs/bar\tEXPORT_SYMBOL\tNS\n",  // same CRC and type: moved only
      "new");
  const SymversComparison c = CompareSymvers(ref, now);
  ASSERT_EQ(c.added.size(), 2u);
  EXPECT_EQ(c.added[0].symbol, "new_a");
  EXPECT_EQ(c.added[0].new_crc, 0x11u);
  EXPECT_EQ(c.added[0].name_space, "NS");
  EXPECT_EQ(c.added[0].tolerance, Tolerance::kImplicit);
  EXPECT_EQ(c.added[1].symbol, "new_b");
  ASSERT_EQ(c.removed.size(), 1u);
  EXPECT_EQ(c.removed[0].symbol, "gone");
  EXPECT_EQ(c.removed[0].old_crc, 3u);
  EXPECT_EQ(c.removed[0].tolerance, Tolerance::kNone);
  ASSERT_EQ(c.modified.size(), 2u);
  EXPECT_EQ(c.modified[0].symbol, "alpha");
  EXPECT_EQ(c.modified[0].old_crc, 2u);
  EXPECT_EQ(c.modified[0].new_crc, 0xbbu);
  EXPECT_EQ(c.modified[1].symbol, "zeta");
  const SymversTotals totals = c.Totals();
  EXPECT_EQ(totals.added, 2u);
  EXPECT_EQ(totals.removed, 1u);
  EXPECT_EQ(totals.modified, 2u);
  EXPECT_EQ(totals.not_tolerated, 3u);
  EXPECT_EQ(totals.added_by_rules + totals.removed_by_rules + totals.modified_by_rules, 0u);
  EXPECT_TRUE(c.Fails());
  ASSERT_EQ(c.moved.size(), 1u);
  EXPECT_EQ(c.moved[0].symbol, "moved");
  EXPECT_TRUE(c.moved[0].module_changed());
  EXPECT_TRUE(c.moved[0].namespace_changed());
  EXPECT_FALSE(c.moved[0].fails);
}

TEST(CompareSymvers, RulesSeeTheReferenceModuleOfModifiedExports) {
  const Symvers ref = ParseSymvers("0x00000001\tf\tdrivers/old/m\tEXPORT_SYMBOL\t\n", "ref");
  const Symvers now = ParseSymvers("0x00000002\tf\tdrivers/new/m\tEXPORT_SYMBOL\t\n", "new");
  const SeverityRules old_pass = SeverityRules::Parse("drivers/old/* PASS\n", "sev");
  const SeverityRules new_pass = SeverityRules::Parse("drivers/new/* PASS\n", "sev");
  EXPECT_FALSE(CompareSymvers(ref, now, {.rules = &old_pass}).Fails());
  EXPECT_TRUE(CompareSymvers(ref, now, {.rules = &new_pass}).Fails());
}

TEST(CompareSymvers, IdenticalFilesHaveNoChanges) {
  const Symvers ref = ParseSymvers("0x00000001\ta\tvmlinux\tEXPORT_SYMBOL\t\n", "ref");
  const SymversComparison c = CompareSymvers(ref, ref);
  EXPECT_TRUE(c.added.empty() && c.removed.empty() && c.modified.empty() && c.moved.empty());
  EXPECT_FALSE(c.Fails());
  EXPECT_EQ(RenderSymversReport(c, SymversFormat::kPretty), "");
  EXPECT_EQ(RenderSymversReport(c, SymversFormat::kShort),
            "Changes tolerated by rules: '0' additions, '0' removals, '0' modifications\n");
  EXPECT_EQ(RenderSymversReport(c, SymversFormat::kSymbols), "");
}

TEST(SymversFormats, TableDrivesParsing) {
  EXPECT_EQ(MaybeParseSymversFormat("pretty"), SymversFormat::kPretty);
  EXPECT_EQ(MaybeParseSymversFormat("short"), SymversFormat::kShort);
  EXPECT_EQ(MaybeParseSymversFormat("symbols"), SymversFormat::kSymbols);
  EXPECT_EQ(MaybeParseSymversFormat("mod-symbols"), SymversFormat::kModSymbols);
  EXPECT_EQ(MaybeParseSymversFormat("null"), SymversFormat::kNull);
  EXPECT_EQ(MaybeParseSymversFormat("json"), SymversFormat::kJson);
  EXPECT_EQ(MaybeParseSymversFormat("mod_symbols"), std::nullopt);
  EXPECT_EQ(MaybeParseSymversFormat(""), std::nullopt);
}

Symvers Parse(std::string_view text, const char* name) { return ParseSymvers(text, name); }

// ksymvers' export-type changes: EXPORT_SYMBOL -> _GPL fails unless a rule
// passes it, _GPL -> EXPORT_SYMBOL is implicitly tolerated.
class ExportTypeChanges : public testing::Test {
 protected:
  const Symvers ref_ = Parse(
      "0x1 closed vmlinux EXPORT_SYMBOL\n"
      "0x2 opened vmlinux EXPORT_SYMBOL_GPL\n"
      "0x3 both vmlinux EXPORT_SYMBOL\n"
      "0x4 passed drivers/ok/m EXPORT_SYMBOL\n"
      "0x5 crc_and_opened vmlinux EXPORT_SYMBOL_GPL\n",
      "ref");
  const Symvers new_ = Parse(
      "0x1 closed vmlinux EXPORT_SYMBOL_GPL\n"
      "0x2 opened vmlinux EXPORT_SYMBOL\n"
      "0x9 both vmlinux EXPORT_SYMBOL_GPL\n"
      "0x4 passed drivers/ok/m EXPORT_SYMBOL_GPL\n"
      "0x6 crc_and_opened vmlinux EXPORT_SYMBOL\n",
      "new");
  const SeverityRules rules_ = SeverityRules::Parse("drivers/ok/* PASS\n", "sev");
};

TEST_F(ExportTypeChanges, ToleranceOfEachDirection) {
  const SymversComparison c = CompareSymvers(ref_, new_, {.rules = &rules_});
  ASSERT_EQ(c.modified.size(), 5u);
  const SymversChange& both = c.modified[0];
  EXPECT_EQ(both.symbol, "both");
  EXPECT_TRUE(both.crc_changed && both.type_changed);
  EXPECT_EQ(both.tolerance, Tolerance::kNone);
  const SymversChange& closed = c.modified[1];
  EXPECT_EQ(closed.symbol, "closed");
  EXPECT_FALSE(closed.crc_changed);
  EXPECT_EQ(closed.type_tolerance, Tolerance::kNone);
  const SymversChange& crc_and_opened = c.modified[2];
  EXPECT_EQ(crc_and_opened.crc_tolerance, Tolerance::kNone);
  EXPECT_EQ(crc_and_opened.type_tolerance, Tolerance::kImplicit);
  EXPECT_EQ(crc_and_opened.tolerance, Tolerance::kNone);
  const SymversChange& opened = c.modified[3];
  EXPECT_EQ(opened.symbol, "opened");
  EXPECT_EQ(opened.tolerance, Tolerance::kImplicit);
  const SymversChange& passed = c.modified[4];
  EXPECT_EQ(passed.tolerance, Tolerance::kByRules);
  ASSERT_NE(passed.rule, nullptr);
  EXPECT_EQ(passed.rule->line, 1u);
  const SymversTotals totals = c.Totals();
  EXPECT_EQ(totals.modified_by_rules, 1u);  // "opened" is implicit, not by rules
  EXPECT_EQ(totals.not_tolerated, 3u);
}

TEST_F(ExportTypeChanges, ReportedAsKsymversReportsThem) {
  const SymversComparison c = CompareSymvers(ref_, new_, {.rules = &rules_});
  // The lines of changes not tolerated by rules: in pretty and in short.
  const std::string not_by_rules =
      "Export 'both' changed CRC from '0x00000003' to '0x00000009'\n"
      "Export 'both' changed type from 'EXPORT_SYMBOL' to 'EXPORT_SYMBOL_GPL'\n"
      "Export 'closed' changed type from 'EXPORT_SYMBOL' to 'EXPORT_SYMBOL_GPL'\n"
      "Export 'crc_and_opened' changed CRC from '0x00000005' to '0x00000006'\n"
      "Export 'crc_and_opened' changed type from 'EXPORT_SYMBOL_GPL' to 'EXPORT_SYMBOL' "
      "(implicitly tolerated)\n"
      "Export 'opened' changed type from 'EXPORT_SYMBOL_GPL' to 'EXPORT_SYMBOL' (implicitly "
      "tolerated)\n";
  EXPECT_EQ(RenderSymversReport(c, SymversFormat::kPretty),
            not_by_rules +
                "Export 'passed' changed type from 'EXPORT_SYMBOL' to 'EXPORT_SYMBOL_GPL' "
                "(tolerated by rules)\n");
  EXPECT_EQ(RenderSymversReport(c, SymversFormat::kShort),
            not_by_rules +
                "Changes tolerated by rules: '0' additions, '0' removals, '1' modifications\n");
  EXPECT_EQ(RenderSymversReport(c, SymversFormat::kModSymbols), "both\nclosed\ncrc_and_opened\n");
}

TEST(CompareSymvers, FilterRestrictsEveryList) {
  const Symvers ref = Parse(
      "0x1 kvm_a vmlinux EXPORT_SYMBOL\n"
      "0x2 other_a vmlinux EXPORT_SYMBOL\n"
      "0x3 kvm_gone vmlinux EXPORT_SYMBOL\n"
      "0x4 other_gone vmlinux EXPORT_SYMBOL\n",
      "ref");
  const Symvers now = Parse(
      "0x9 kvm_a vmlinux EXPORT_SYMBOL\n"
      "0x9 other_a vmlinux EXPORT_SYMBOL\n"
      "0x5 kvm_new vmlinux EXPORT_SYMBOL\n"
      "0x6 other_new vmlinux EXPORT_SYMBOL\n",
      "new");
  const SymbolFilter filter = SymbolFilter::Parse("kvm_*\nother_gone\n", "list");
  const SymversComparison c = CompareSymvers(ref, now, {.filter = &filter});
  EXPECT_EQ(RenderSymversReport(c, SymversFormat::kPretty),
            "Export 'kvm_new' has been added (implicitly tolerated)\n"
            "Export 'kvm_gone' has been removed\n"
            "Export 'other_gone' has been removed\n"
            "Export 'kvm_a' changed CRC from '0x00000001' to '0x00000009'\n");
}

TEST(CompareSymvers, MovesFailOnlyWhenAskedAndNotPassed) {
  const Symvers ref = Parse(
      "0x1 ns_changed drivers/a/m EXPORT_SYMBOL_GPL CXL\n"
      "0x2 mod_changed drivers/a/m EXPORT_SYMBOL\n"
      "0x3 passed drivers/ok/m EXPORT_SYMBOL OLD_NS\n",
      "ref");
  const Symvers now = Parse(
      "0x1 ns_changed drivers/a/m EXPORT_SYMBOL_GPL CXL_CORE\n"
      "0x2 mod_changed vmlinux EXPORT_SYMBOL\n"
      "0x3 passed drivers/ok/m EXPORT_SYMBOL\n",
      "new");
  const SeverityRules rules = SeverityRules::Parse("drivers/ok/* PASS\n", "sev");
  const SymversComparison quiet = CompareSymvers(ref, now, {.rules = &rules});
  ASSERT_EQ(quiet.moved.size(), 3u);
  EXPECT_FALSE(quiet.Fails());
  EXPECT_EQ(quiet.moved[0].symbol, "mod_changed");
  EXPECT_EQ(quiet.moved[0].rule, nullptr);  // not evaluated without --fail-on
  // Nothing of it in ksymvers' formats.
  EXPECT_EQ(RenderSymversReport(quiet, SymversFormat::kPretty), "");

  const SymversComparison ns =
      CompareSymvers(ref, now, {.rules = &rules, .fail_on_namespace = true});
  EXPECT_TRUE(ns.Fails());
  EXPECT_FALSE(ns.moved[0].fails);  // a module change
  EXPECT_TRUE(ns.moved[1].fails);
  EXPECT_FALSE(ns.moved[2].fails);  // a PASS rule covers it
  ASSERT_NE(ns.moved[2].rule, nullptr);
  EXPECT_EQ(ns.Totals().moved_failing, 1u);

  const SymversComparison mod = CompareSymvers(ref, now, {.fail_on_module = true});
  EXPECT_TRUE(mod.moved[0].fails);
  EXPECT_FALSE(mod.moved[1].fails);
  EXPECT_EQ(mod.Totals().moved_failing, 1u);
  const nlohmann::json json = nlohmann::json::parse(RenderSymversReport(mod, SymversFormat::kJson));
  EXPECT_EQ(json["moved"][0], (nlohmann::json{{"symbol", "mod_changed"},
                                              {"old_module", "drivers/a/m"},
                                              {"new_module", "vmlinux"},
                                              {"old_namespace", ""},
                                              {"new_namespace", ""},
                                              {"module_changed", true},
                                              {"namespace_changed", false},
                                              {"fails", true},
                                              {"rule", nullptr}}));
  EXPECT_EQ(json["totals"]["moved_failing"], 1);
}

// Several formats to one stream: interleaved as ksymvers interleaves them.
TEST(RenderSymversReports, InterleavesFormatsLikeKsymvers) {
  const Symvers ref = Parse("0x1 a vmlinux EXPORT_SYMBOL\n0x2 gone vmlinux EXPORT_SYMBOL\n", "r");
  const Symvers now = Parse("0x3 a vmlinux EXPORT_SYMBOL\n0x4 new vmlinux EXPORT_SYMBOL\n", "n");
  const SymversComparison c = CompareSymvers(ref, now);
  const SymversFormat formats[] = {SymversFormat::kShort, SymversFormat::kSymbols,
                                   SymversFormat::kPretty, SymversFormat::kModSymbols};
  EXPECT_EQ(RenderSymversReports(c, formats),
            "Export 'new' has been added (implicitly tolerated)\n"
            "Export 'new' has been added (implicitly tolerated)\n"
            "Export 'gone' has been removed\n"
            "Export 'gone' has been removed\n"
            "Export 'a' changed CRC from '0x00000001' to '0x00000003'\n"
            "Export 'a' changed CRC from '0x00000001' to '0x00000003'\n"
            "Changes tolerated by rules: '0' additions, '0' removals, '0' modifications\n"
            "a\n"
            "a\n"
            "gone\n");
}

TEST(RenderUnusedRules, KsymversWarningLines) {
  const SeverityRules rules =
      SeverityRules::Parse("# c\nkvm_* PASS\nMODULE fs/* FAIL\n* PASS\n", "kabi/severities");
  EXPECT_EQ(RenderUnusedRules(rules, {false, true, false}),
            "kabi/severities:2: WARNING: Severity rule 'SYMBOL kvm_* PASS' is unused\n"
            "kabi/severities:4: WARNING: Severity rule 'NAMESPACE * PASS' is unused\n");
  EXPECT_EQ(RenderUnusedRules(rules, {true, true, true}), "");
}

// The hand-made fixture (fixtures/symvers/README.md lists each case and why).
class SymversFixture : public testing::Test {
 protected:
  SymversFixture()
      : rules_(SeverityRules::Read((kFixtureDir / "severities").string())),
        comparison_(CompareSymvers(ReadSymvers((kFixtureDir / "ref.symvers").string()),
                                   ReadSymvers((kFixtureDir / "new.symvers").string()),
                                   {.rules = &rules_})) {}
  SeverityRules rules_;
  SymversComparison comparison_;
};

TEST_F(SymversFixture, TextFormatsMatchExpectedFiles) {
  const std::pair<SymversFormat, const char*> formats[] = {
      {SymversFormat::kPretty, "pretty"},
      {SymversFormat::kShort, "short"},
      {SymversFormat::kSymbols, "symbols"},
      {SymversFormat::kModSymbols, "mod-symbols"},
  };
  for (const auto& [format, file] : formats)
    EXPECT_EQ(RenderSymversReport(comparison_, format),
              ReadFile((kFixtureDir / "expected" / file).string()))
        << file;
  EXPECT_EQ(RenderSymversReport(comparison_, SymversFormat::kNull), "");
  EXPECT_TRUE(comparison_.Fails());
}

TEST_F(SymversFixture, JsonHasSortedListsAndTotals) {
  const nlohmann::json json =
      nlohmann::json::parse(RenderSymversReport(comparison_, SymversFormat::kJson, &rules_));
  ASSERT_EQ(json["changed"].size(), 13u);
  EXPECT_EQ(json["changed"][0],
            (nlohmann::json{{"symbol", "ath10k_core_create"},
                            {"module", "drivers/net/wireless/ath/ath10k/ath10k_core"},
                            {"namespace", ""},
                            {"old_crc", "0x3c4d5e6f"},
                            {"new_crc", "0x3c4d5e70"},
                            {"old_type", "EXPORT_SYMBOL"},
                            {"new_type", "EXPORT_SYMBOL"},
                            {"crc_changed", true},
                            {"type_changed", false},
                            {"tolerated", true},
                            {"tolerated_by", "rules"},
                            {"rule",
                             {{"file", (kFixtureDir / "severities").string()},
                              {"line", 13},
                              {"pattern", "drivers/net/wireless/ath/*"},
                              {"type", "MODULE"},
                              {"verdict", "PASS"}}}}));
  EXPECT_EQ(json["changed"][2]["symbol"], "dma_buf_get");
  EXPECT_EQ(json["changed"][2]["namespace"], "DMA_BUF");
  EXPECT_EQ(json["changed"][2]["tolerated"], false);
  EXPECT_EQ(json["changed"][2]["tolerated_by"], "none");
  ASSERT_EQ(json["added"].size(), 3u);
  EXPECT_EQ(json["added"][0], (nlohmann::json{{"symbol", "brand_new_export"},
                                              {"module", "vmlinux"},
                                              {"namespace", ""},
                                              {"crc", "0x24681357"},
                                              {"type", "EXPORT_SYMBOL"},
                                              {"tolerated", true},
                                              {"tolerated_by", "implicit"},
                                              {"rule", nullptr}}));
  ASSERT_EQ(json["removed"].size(), 2u);
  EXPECT_EQ(json["removed"][0]["symbol"], "old_helper");
  EXPECT_EQ(json["removed"][0]["crc"], "0x0badcafe");
  EXPECT_EQ(json["removed"][0]["tolerated"], false);
  EXPECT_EQ(json["totals"], (nlohmann::json{{"added", 3},
                                            {"removed", 2},
                                            {"changed", 13},
                                            {"added_tolerated_by_rules", 2},
                                            {"removed_tolerated_by_rules", 1},
                                            {"changed_tolerated_by_rules", 8},
                                            {"not_tolerated", 6},
                                            {"moved", 0},
                                            {"moved_failing", 0}}));
  EXPECT_EQ(json["moved"], nlohmann::json::array());
}

}  // namespace
}  // namespace kcrc
