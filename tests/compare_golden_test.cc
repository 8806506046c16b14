// Golden tests over fixtures/compare/<scenario>/: ref.symtypes and
// new.symtypes, hand-written in the reference grammar, against
// expected.json, expected.txt and (for the export named in explain-symbol)
// expected-explain.txt. KCRC_UPDATE_GOLDEN=1 rewrites the expectations;
// review the diff before committing it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "kcrc/base/atomic_file.h"
#include "kcrc/compare/compare.h"
#include "kcrc/compare/explain.h"
#include "kcrc/report/json.h"
#include "kcrc/report/short.h"
#include "kcrc/report/text.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(KCRC_SOURCE_DIR) / "fixtures" / "compare";

void ExpectGolden(const fs::path& file, const std::string& actual) {
  if (std::getenv("KCRC_UPDATE_GOLDEN")) {
    WriteFileAtomically(file.string(), actual);
    return;
  }
  ASSERT_TRUE(fs::exists(file)) << file;
  EXPECT_EQ(actual, ReadFile(file.string())) << file;
}

std::string Trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

class CompareGolden : public testing::TestWithParam<std::string> {};

TEST_P(CompareGolden, Outputs) {
  const fs::path dir = kFixtures / GetParam();
  const Corpus ref = Corpus::Load((dir / "ref.symtypes").string());
  const Corpus neu = Corpus::Load((dir / "new.symtypes").string());
  const Comparison comparison = Compare(ref, neu);
  ExpectGolden(dir / "expected.json", JsonReport(comparison));
  ExpectGolden(dir / "expected.txt", TextReport(comparison));
  ExpectGolden(dir / "expected.short", ShortReport(comparison));
  // Serial and parallel agree.
  EXPECT_EQ(JsonReport(Compare(ref, neu, {.threads = 1})), JsonReport(comparison));
  if (fs::exists(dir / "explain-symbol")) {
    const std::string symbol = Trim(ReadFile((dir / "explain-symbol").string()));
    ExpectGolden(dir / "expected-explain.txt", TextExplanation(Explain(ref, neu, symbol), true));
  }
}

std::vector<std::string> Scenarios() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kFixtures))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CompareGolden, testing::ValuesIn(Scenarios()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace kcrc
