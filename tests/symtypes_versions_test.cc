// `kcrc crc` against the conformance pack: the #SYMVER lines of every case,
// recomputed from its expected.symtypes alone, equal the reference's stdout.
#include "kcrc/version/symtypes_versions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "kcrc/base/atomic_file.h"
#include "kcrc/version/crc.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Every run directory (one with expected.symtypes) of the pack.
std::vector<fs::path> Runs() {
  std::vector<fs::path> runs;
  const fs::path cases = fs::path(KCRC_SOURCE_DIR) / ".." / "shared" / "conformance" / "cases";
  if (!fs::is_directory(cases)) return runs;
  for (const auto& c : fs::directory_iterator(cases)) {
    if (fs::exists(c.path() / "expected.symtypes")) runs.push_back(c.path());
    for (const auto& sub : fs::directory_iterator(c.path()))
      if (sub.is_directory() && fs::exists(sub.path() / "expected.symtypes"))
        runs.push_back(sub.path());
  }
  std::sort(runs.begin(), runs.end());
  return runs;
}

TEST(VersionsFromSymtypes, ConformancePack) {
  const std::vector<fs::path> runs = Runs();
  if (runs.empty()) GTEST_SKIP() << "conformance pack not found";
  int checked = 0;
  for (const fs::path& run : runs) {
    if (ReadFile((run / "expected.exit").string()) != "0\n") continue;
    const std::string symtypes = ReadFile((run / "expected.symtypes").string());
    std::vector<std::string> expected = Lines(ReadFile((run / "expected.stdout").string()));
    // Symbols the reference could not resolve print 0x00000000 without a
    // record; `kcrc crc FILE SYMBOL...` does the same.
    fs::path symbols = run / "symbols";
    if (!fs::exists(symbols)) symbols = run.parent_path() / "symbols";
    std::unordered_map<std::string, uint32_t> crcs;
    for (const SymbolVersion& v :
         VersionsFromSymtypes(ParseSymtypes(symtypes, run.string()), run.string()))
      crcs[v.name] = v.crc;
    std::vector<std::string> actual;
    for (const std::string& line : Lines(ReadFile(symbols.string()))) {
      std::istringstream words(line);
      std::string name;
      words >> name;
      if (name.empty()) continue;
      std::string text = FormatSymver({name, crcs.contains(name) ? crcs[name] : 0});
      if (std::find(actual.begin(), actual.end(), text) == actual.end()) actual.push_back(text);
    }
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    EXPECT_EQ(actual, expected) << run;
    // Without a symbol list: every symbol record, each CRC as expected.
    for (const auto& [name, crc] : crcs)
      EXPECT_NE(std::find(expected.begin(), expected.end(), FormatSymver({name, crc})),
                expected.end())
          << run << " " << name;
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

TEST(VersionsFromSymtypes, BlocksResolveSeparatelyAndLastWins) {
  // Two objects' blocks: `s#t` differs; `b` appears in both.
  const std::string text =
      "a variable s#t\nb variable s#t\ns#t structure_type t { x }\n"
      "b variable s#t\ns#t structure_type t { y }\n";
  const std::vector<SymbolVersion> v = VersionsFromSymtypes(ParseSymtypes(text, "f"), "f");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].name, "a");
  EXPECT_EQ(v[0].crc, Crc32("variable structure_type t { x }"));
  EXPECT_EQ(v[1].name, "b");
  EXPECT_EQ(v[1].crc, Crc32("variable structure_type t { y }"));
}

}  // namespace
}  // namespace kcrc
