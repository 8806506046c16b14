#include "kcrc/compare/compare.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "kcrc/base/error.h"
#include "kcrc/compare/explain.h"
#include "kcrc/report/change_text.h"
#include "kcrc/version/crc.h"

namespace kcrc {
namespace {

std::vector<std::string> Changed(const Comparison& c) {
  std::vector<std::string> out;
  for (const ChangedExport& e : c.changed) {
    std::string causes;
    for (const std::string& k : e.causes) causes += " " + k;
    out.push_back(e.symbol + ":" + causes);
  }
  return out;
}

TEST(Compare, ConsolidatedEqualsDirectoryOfTheSameFiles) {
  // A key with two definitions: `s#t` is opaque in b.symtypes.
  const Corpus ref = Corpus::FromText(
      "/* a.symtypes */\nfa variable s#t\ns#t structure_type t { member x }\n"
      "/* b.symtypes */\nfb variable s#t\ns#t structure_type t { }\n"
      "/* c.symtypes */\nfc variable s#t\ns#t structure_type t { member x }\n",
      "ref");
  // NEW: `s#t` changes only where it is defined.
  const Corpus neu = Corpus::FromText(
      "/* a.symtypes */\nfa variable s#t\ns#t structure_type t { member y }\n"
      "/* b.symtypes */\nfb variable s#t\ns#t structure_type t { }\n"
      "/* c.symtypes */\nfc variable s#t\ns#t structure_type t { member y }\n",
      "new");
  const Comparison c = Compare(ref, neu);
  EXPECT_EQ(Changed(c), (std::vector<std::string>{"fa: s#t", "fc: s#t"}));
  EXPECT_EQ(c.unchanged, 1u);
  ASSERT_EQ(c.changed.size(), 2u);
  EXPECT_EQ(c.changed[0].old_crc, Crc32("variable structure_type t { member x }"));
  EXPECT_EQ(c.changed[0].new_crc, Crc32("variable structure_type t { member y }"));
  EXPECT_FALSE(Compare(ref, ref).HasChanges());
}

TEST(Compare, CausesAreReachableOnBothSides) {
  // fa's member switches from s#a to s#b; s#b changes too but REF's fa never
  // reached it, so only s#x is a cause.
  const Corpus ref = Corpus::FromText(
      "fa variable s#x\nfb variable s#b\ns#a structure_type a { }\ns#b structure_type b { }\n"
      "s#x structure_type x { member s#a m }\n",
      "ref");
  const Corpus neu = Corpus::FromText(
      "fa variable s#x\nfb variable s#b\ns#a structure_type a { }\ns#b structure_type b { member "
      "int z }\n"
      "s#x structure_type x { member s#b m }\n",
      "new");
  EXPECT_EQ(Changed(Compare(ref, neu)), (std::vector<std::string>{"fa: s#x", "fb: s#b"}));
}

TEST(Compare, ExportMovedToAnotherFile) {
  const Corpus ref =
      Corpus::FromText("/* a.symtypes */\nf variable s#t\ns#t structure_type t { }\n", "r");
  const Corpus neu =
      Corpus::FromText("/* b.symtypes */\nf variable s#t\ns#t structure_type t { }\n", "n");
  EXPECT_FALSE(Compare(ref, neu).HasChanges());
}

TEST(Compare, UnknownReferenceIsAnError) {
  const Corpus ref = Corpus::FromText("f variable s#t\ns#t structure_type t { }\n", "r");
  const Corpus neu =
      Corpus::FromText("f variable s#t\ns#t structure_type t { member s#gone g }\n", "n");
  try {
    Compare(ref, neu);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "n: f: unknown type reference to 's#gone' when expanding 's#t'");
  }
}

TEST(Compare, ReferenceMissingOnBothSidesIsAnError) {
  const Corpus ref = Corpus::FromText("f variable s#t\ng variable s#gone\n", "r");
  EXPECT_THROW(Compare(ref, Corpus::FromText("f variable s#u\ng variable s#gone\n", "n")), Error);
}

TEST(Compare, SerialAndParallelAgree) {
  std::string ref_text, new_text;
  for (int i = 0; i < 200; ++i) {
    ref_text += fmt::format(
        "f{:03} subprogram ( formal_parameter pointer_type {{ s#t{} }} byte_size(8) p ) -> "
        "base_type void\n",
        i, i % 7);
  }
  new_text = ref_text;
  for (int t = 0; t < 7; ++t) {
    ref_text += fmt::format(
        "s#t{} structure_type t{} {{ member base_type int byte_size(4) encoding(5) a "
        "data_member_location(0) }} byte_size(4)\n",
        t, t);
    new_text += fmt::format(
        "s#t{} structure_type t{} {{ member base_type int byte_size(4) encoding(5) {} "
        "data_member_location(0) }} byte_size(4)\n",
        t, t, t == 3 ? "b" : "a");
  }
  const Corpus ref = Corpus::FromText(ref_text, "r");
  const Corpus neu = Corpus::FromText(new_text, "n");
  const Comparison serial = Compare(ref, neu, {.threads = 1});
  const Comparison parallel = Compare(ref, neu, {.threads = 4});
  EXPECT_EQ(Changed(serial), Changed(parallel));
  EXPECT_EQ(serial.changed.size(), 29u);
  ASSERT_EQ(serial.causes.size(), 1u);
  EXPECT_EQ(serial.causes[0].key, "s#t3");
  EXPECT_EQ(serial.causes[0].exports.size(), 29u);
}

TEST(Explain, PathThroughMembersAndParameters) {
  const std::string common =
      "f subprogram ( formal_parameter base_type int byte_size(4) encoding(5) x , formal_parameter "
      "pointer_type { s#a } byte_size(8) p ) -> base_type void\n"
      "s#a structure_type a { member base_type int byte_size(4) encoding(5) n "
      "data_member_location(0) , "
      "member s#c b data_member_location(16) } byte_size(40)\n";
  const Corpus ref = Corpus::FromText(
      common +
          "s#c structure_type c { member base_type long int byte_size(8) encoding(5) d "
          "data_member_location(0) } byte_size(8)\n",
      "r");
  const Corpus neu = Corpus::FromText(
      common +
          "s#c structure_type c { member base_type long int byte_size(8) encoding(5) d "
          "data_member_location(0) , member base_type long int byte_size(8) encoding(5) e "
          "data_member_location(8) } byte_size(16)\n",
      "n");
  const Explanation x = Explain(ref, neu, "f");
  ASSERT_TRUE(x.changed());
  ASSERT_EQ(x.causes.size(), 1u);
  EXPECT_EQ(FormatPath(x.causes[0].path),
            "export f -> parameter 2 'p' -> struct a -> member 'b' at offset 16 -> struct c");
  EXPECT_EQ(DescribeChange(x.causes[0].changes[0]),
            "member 'e' (long int) added at offset 8 (size 8)");
  ASSERT_FALSE(x.causes[0].fixits.empty());
  EXPECT_FALSE(x.causes[0].fixits[0].safe);
}

}  // namespace
}  // namespace kcrc

namespace kcrc {
namespace {

// Corpus::Crc (pre-resolved walk) equals ComputeVersion on every export of
// the conformance pack, of the fixtures and of random reference graphs.
void ExpectSameCrcs(const Corpus& corpus) {
  for (const Export& e : corpus.exports())
    EXPECT_EQ(corpus.Crc(e), corpus.CrcReference(e)) << corpus.name() << " " << e.name;
}

TEST(CorpusCrc, MatchesComputeVersionOnConformanceAndFixtures) {
  namespace fs = std::filesystem;
  const fs::path root(KCRC_SOURCE_DIR);
  int corpora = 0;
  for (const fs::path& dir :
       {root / ".." / "shared" / "conformance" / "cases", root / "fixtures"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (!name.ends_with(".symtypes") || fs::file_size(entry.path()) == 0) continue;
      ExpectSameCrcs(Corpus::Load(entry.path().string()));
      ++corpora;
    }
  }
  EXPECT_GT(corpora, 20);
}

TEST(CorpusCrc, MatchesComputeVersionOnRandomGraphs) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    const int types = 1 + static_cast<int>(rng() % 30);
    std::string text;
    std::vector<std::string> lines;
    for (int t = 0; t < types; ++t) {
      std::string line = fmt::format("s#t{} structure_type t{} {{", t, t);
      const int members = static_cast<int>(rng() % 5);
      for (int m = 0; m < members; ++m)
        line += fmt::format(" member pointer_type {{ s#t{} }} m{} ,", rng() % types, m);
      lines.push_back(line + " }");
    }
    for (int f = 0; f < 10; ++f)
      lines.push_back(fmt::format(
          "f{} subprogram ( formal_parameter s#t{} a , formal_parameter s#t{} b ) -> s#t{}", f,
          rng() % types, rng() % types, rng() % types));
    std::sort(lines.begin(), lines.end());
    for (const std::string& line : lines) text += line + "\n";
    ExpectSameCrcs(Corpus::FromText(text, fmt::format("random {}", round)));
  }
}

}  // namespace
}  // namespace kcrc
