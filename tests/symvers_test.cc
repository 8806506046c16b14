#include "kcrc/compare/symvers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/severity.h"
#include "kcrc/report/symvers_report.h"

namespace kcrc {
namespace {

const std::filesystem::path kFixtureDir =
    std::filesystem::path(KCRC_SOURCE_DIR) / "fixtures" / "symvers";

std::string ParseError(std::string_view text) {
  try {
    ParseSymvers(text, "Module.symvers");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ParseSymvers, ReadsAllFields) {
  const Symvers symvers = ParseSymvers(
      "0x0b3a7c1e\tjiffies\tvmlinux\tEXPORT_SYMBOL\t\n"
      "0x2a8c4d10\tcxl_bus_type\tdrivers/cxl/core/cxl_core\tEXPORT_SYMBOL_GPL\tCXL\n"
      "0x0000002a\told_style\tfs/foo\tEXPORT_SYMBOL\n"  // pre-5.4: no namespace field
      "0xdeadbeef\tno_newline\tvmlinux\tEXPORT_SYMBOL_GPL\t",
      "Module.symvers");
  EXPECT_EQ(symvers.path, "Module.symvers");
  ASSERT_EQ(symvers.exports.size(), 4u);
  const SymversExport& jiffies = symvers.exports[0];
  EXPECT_EQ(jiffies.symbol, "jiffies");
  EXPECT_EQ(jiffies.crc, 0x0b3a7c1eu);
  EXPECT_EQ(jiffies.module, "vmlinux");
  EXPECT_EQ(jiffies.export_type, "EXPORT_SYMBOL");
  EXPECT_EQ(jiffies.name_space, "");
  EXPECT_EQ(jiffies.line, 1u);
  EXPECT_EQ(symvers.exports[1].name_space, "CXL");
  EXPECT_EQ(symvers.exports[1].export_type, "EXPORT_SYMBOL_GPL");
  EXPECT_EQ(symvers.exports[2].crc, 0x2au);
  EXPECT_EQ(symvers.exports[2].name_space, "");
  EXPECT_EQ(symvers.exports[3].crc, 0xdeadbeefu);
  EXPECT_EQ(symvers.exports[3].line, 4u);
}

TEST(ParseSymvers, EmptyFileHasNoExports) {
  EXPECT_TRUE(ParseSymvers("", "empty").exports.empty());
}

TEST(ParseSymvers, MalformedLinesNameFileAndLine) {
  const std::string ok = "0x00000001\ta\tvmlinux\tEXPORT_SYMBOL\t\n";
  EXPECT_EQ(ParseError(ok + "0x00000002 b vmlinux EXPORT_SYMBOL\n"),
            "Module.symvers:2: expected 4 or 5 tab-separated fields "
            "(CRC, symbol, module, export type[, namespace]), got 1");
  EXPECT_EQ(ParseError(ok + "0x00000003\tc\tvmlinux\tEXPORT_SYMBOL\t\n" +
                       "0x00000002\tb\tvmlinux\tEXPORT_SYMBOL\tNS\textra\n"),
            "Module.symvers:3: expected 4 or 5 tab-separated fields "
            "(CRC, symbol, module, export type[, namespace]), got 6");
  EXPECT_EQ(ParseError(ok + "\n"),
            "Module.symvers:2: expected 4 or 5 tab-separated fields "
            "(CRC, symbol, module, export type[, namespace]), got 1");
  EXPECT_EQ(ParseError("12345678\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '12345678' (expected 0x and up to 8 hex digits)");
  EXPECT_EQ(ParseError("0x123456789\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '0x123456789' (expected 0x and up to 8 hex digits)");
  EXPECT_EQ(ParseError("0xabcdefgh\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '0xabcdefgh' (expected 0x and up to 8 hex digits)");
  EXPECT_EQ(ParseError("0x\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '0x' (expected 0x and up to 8 hex digits)");
  EXPECT_EQ(ParseError("0x00000001\t\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: empty symbol name");
  EXPECT_EQ(ParseError("0x00000001\ta\t\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: empty module name for 'a'");
  EXPECT_EQ(ParseError("0x00000001\ta\tvmlinux\tSYMBOL\t\n"),
            "Module.symvers:1: invalid export type 'SYMBOL' for 'a'");
  EXPECT_EQ(ParseError(ok + ok), "Module.symvers:2: 'a' is exported twice (first at line 1)");
}

TEST(ReadSymvers, NamesAMissingFile) {
  try {
    ReadSymvers("/nonexistent/Module.symvers");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind("cannot open symvers file '/nonexistent/Module.symvers'", 0),
        0u)
        << e.what();
  }
}

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
      "0x00000005\tmoved\tfs/bar\tEXPORT_SYMBOL_GPL\tNS\n",  // same CRC: no change
      "new");
  const SymversComparison c = CompareSymvers(ref, now, nullptr);
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
  EXPECT_TRUE(c.HasIntolerableChanges());
}

TEST(CompareSymvers, RulesSeeTheReferenceModuleOfModifiedExports) {
  const Symvers ref = ParseSymvers("0x00000001\tf\tdrivers/old/m\tEXPORT_SYMBOL\t\n", "ref");
  const Symvers now = ParseSymvers("0x00000002\tf\tdrivers/new/m\tEXPORT_SYMBOL\t\n", "new");
  const SeverityRules old_pass = SeverityRules::Parse("drivers/old/* PASS\n", "sev");
  const SeverityRules new_pass = SeverityRules::Parse("drivers/new/* PASS\n", "sev");
  EXPECT_FALSE(CompareSymvers(ref, now, &old_pass).HasIntolerableChanges());
  EXPECT_TRUE(CompareSymvers(ref, now, &new_pass).HasIntolerableChanges());
}

TEST(CompareSymvers, IdenticalFilesHaveNoChanges) {
  const Symvers ref = ParseSymvers("0x00000001\ta\tvmlinux\tEXPORT_SYMBOL\t\n", "ref");
  const SymversComparison c = CompareSymvers(ref, ref, nullptr);
  EXPECT_TRUE(c.added.empty() && c.removed.empty() && c.modified.empty());
  EXPECT_FALSE(c.HasIntolerableChanges());
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

// The hand-made fixture (fixtures/symvers/README.md lists each case and why).
class SymversFixture : public testing::Test {
 protected:
  SymversFixture()
      : rules_(SeverityRules::Read((kFixtureDir / "severities").string())),
        comparison_(CompareSymvers(ReadSymvers((kFixtureDir / "ref.symvers").string()),
                                   ReadSymvers((kFixtureDir / "new.symvers").string()), &rules_)) {}
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
  EXPECT_TRUE(comparison_.HasIntolerableChanges());
}

TEST_F(SymversFixture, JsonHasSortedListsAndTotals) {
  const nlohmann::json json =
      nlohmann::json::parse(RenderSymversReport(comparison_, SymversFormat::kJson));
  ASSERT_EQ(json["changed"].size(), 13u);
  EXPECT_EQ(json["changed"][0],
            (nlohmann::json{{"symbol", "ath10k_core_create"},
                            {"module", "drivers/net/wireless/ath/ath10k/ath10k_core"},
                            {"namespace", ""},
                            {"old_crc", "0x3c4d5e6f"},
                            {"new_crc", "0x3c4d5e70"},
                            {"tolerated", true},
                            {"tolerated_by", "rules"}}));
  EXPECT_EQ(json["changed"][2]["symbol"], "dma_buf_get");
  EXPECT_EQ(json["changed"][2]["namespace"], "DMA_BUF");
  EXPECT_EQ(json["changed"][2]["tolerated"], false);
  EXPECT_EQ(json["changed"][2]["tolerated_by"], "none");
  ASSERT_EQ(json["added"].size(), 3u);
  EXPECT_EQ(json["added"][0], (nlohmann::json{{"symbol", "brand_new_export"},
                                              {"module", "vmlinux"},
                                              {"namespace", ""},
                                              {"crc", "0x24681357"},
                                              {"tolerated", true},
                                              {"tolerated_by", "implicit"}}));
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
                                            {"not_tolerated", 6}}));
}

}  // namespace
}  // namespace kcrc
