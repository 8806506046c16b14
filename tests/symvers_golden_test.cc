// Golden tests over real SUSE data: kcrc's symvers comparison must print what
// suse-kabi-tools' `ksymvers compare` printed for the same inputs, byte for
// byte, in every format (../shared/peer-data/suse-sl-16.0, see its README.md).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "kcrc/base/atomic_file.h"
#include "kcrc/compare/severity.h"
#include "kcrc/compare/symvers.h"
#include "kcrc/report/symvers_report.h"

namespace kcrc {
namespace {

const std::filesystem::path kPeerDir =
    std::filesystem::path(KCRC_SOURCE_DIR) / ".." / "shared" / "peer-data" / "suse-sl-16.0";

struct GoldenCase {
  const char* test;     // directory under expected/
  const char* current;  // input/<current>/symvers-default
  bool rules;
  bool expect_intolerable;  // the peer's exit status was 1
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.test; }

constexpr GoldenCase kCases[] = {
    {"base_vs_new_with_rules", "new", true, false},
    {"base_vs_new_without_rules", "new", false, true},
    {"base_vs_broken_with_rules", "broken", true, true},
};

struct GoldenFormat {
  SymversFormat format;
  const char* file;  // expected/<test>/<file>
};

constexpr GoldenFormat kFormats[] = {
    {SymversFormat::kPretty, "ksymvers_compare_pretty.exp"},
    {SymversFormat::kShort, "ksymvers_compare_short.exp"},
    {SymversFormat::kSymbols, "ksymvers_compare_symbols.exp"},
    {SymversFormat::kModSymbols, "ksymvers_compare_mod_symbols.exp"},
};

// The first line where `actual` and `expected` differ, for failure messages.
std::string FirstDifference(const std::string& actual, const std::string& expected) {
  std::istringstream a(actual);
  std::istringstream e(expected);
  std::string a_line;
  std::string e_line;
  for (int line = 1;; ++line) {
    const bool a_more = static_cast<bool>(std::getline(a, a_line));
    const bool e_more = static_cast<bool>(std::getline(e, e_line));
    if (!a_more && !e_more) return "same lines (line endings differ?)";
    if (!a_more || !e_more || a_line != e_line)
      return "line " + std::to_string(line) + ": got '" + (a_more ? a_line : "<EOF>") +
             "', expected '" + (e_more ? e_line : "<EOF>") + "'";
  }
}

class PeerData : public testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kPeerDir / "README.md"))
      GTEST_SKIP() << "peer data not found at " << kPeerDir;
  }
};

class SymversGolden : public PeerData, public testing::WithParamInterface<GoldenCase> {};

TEST_P(SymversGolden, MatchesPeerOutputInEveryFormat) {
  const GoldenCase& c = GetParam();
  const Symvers base = ReadSymvers((kPeerDir / "input/base/symvers-default").string());
  const Symvers current =
      ReadSymvers((kPeerDir / "input" / c.current / "symvers-default").string());
  std::optional<SeverityRules> rules;
  if (c.rules) rules = SeverityRules::Read((kPeerDir / "input/severities").string());
  const SymversComparison comparison =
      CompareSymvers(base, current, {.rules = rules ? &*rules : nullptr});
  EXPECT_EQ(comparison.Fails(), c.expect_intolerable);
  for (const GoldenFormat& f : kFormats) {
    const std::string expected = ReadFile((kPeerDir / "expected" / c.test / f.file).string());
    // EXPECT_TRUE rather than EXPECT_EQ: a failure names the file instead of
    // printing two 50 KB strings.
    const std::string actual = RenderSymversReport(comparison, f.format);
    EXPECT_TRUE(actual == expected)
        << c.test << "/" << f.file << " differs, " << FirstDifference(actual, expected);
  }
  EXPECT_EQ(RenderSymversReport(comparison, SymversFormat::kNull), "");
}

INSTANTIATE_TEST_SUITE_P(SuseSl160, SymversGolden, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
                           return std::string(info.param.test);
                         });

// The totals the README states for each run.
TEST_F(PeerData, SymversTotalsMatchReadme) {
  const Symvers base = ReadSymvers((kPeerDir / "input/base/symvers-default").string());
  const Symvers broken = ReadSymvers((kPeerDir / "input/broken/symvers-default").string());
  const SeverityRules rules = SeverityRules::Read((kPeerDir / "input/severities").string());
  EXPECT_EQ(base.exports.size(), 28093u);
  const SymversTotals totals = CompareSymvers(base, broken, {.rules = &rules}).Totals();
  EXPECT_EQ(totals.added_by_rules, 29u);
  EXPECT_EQ(totals.removed_by_rules, 4u);
  EXPECT_EQ(totals.modified_by_rules, 248u);
  EXPECT_EQ(totals.not_tolerated, 256u);
}

// Parsing two 28k-line files and comparing them takes a few tens of
// milliseconds; the bound leaves room for loaded CI machines and sanitizers.
TEST_F(PeerData, SymversParseAndCompareQuickly) {
  const auto start = std::chrono::steady_clock::now();
  const Symvers base = ReadSymvers((kPeerDir / "input/base/symvers-default").string());
  const Symvers current = ReadSymvers((kPeerDir / "input/new/symvers-default").string());
  const SeverityRules rules = SeverityRules::Read((kPeerDir / "input/severities").string());
  const SymversComparison comparison = CompareSymvers(base, current, {.rules = &rules});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(comparison.modified.size(), 215u);
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

}  // namespace
}  // namespace kcrc
