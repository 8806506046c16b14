#include "kcrc/symtypes/consolidate.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/symtypes/writer.h"
#include "support/temp_dir.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;
using testing_support::TempDir;

SymtypesFile File(std::string path, std::string_view text) {
  return SymtypesFile{path, ParseSymtypes(text, path)};
}

TEST(Consolidate, LeavesOutTypesIdenticalToTheLatestDefinition) {
  const std::vector<SymtypesFile> files = {
      File("a.symtypes", "fa variable s#t\ns#t structure_type t { x }\n"),
      File("b.symtypes", "fb variable s#t\ns#t structure_type t { x }\n"),
      File("c.symtypes", "fc variable s#t\ns#t structure_type t { y }\n"),
      File("d/e.symtypes", "fd variable s#t\ns#t structure_type t { x }\n"),
  };
  const std::string text = Consolidate(files);
  EXPECT_EQ(text,
            "/* a.symtypes */\nfa variable s#t\ns#t structure_type t { x }\n"
            "/* b.symtypes */\nfb variable s#t\n"
            "/* c.symtypes */\nfc variable s#t\ns#t structure_type t { y }\n"
            "/* d/e.symtypes */\nfd variable s#t\ns#t structure_type t { x }\n");
  EXPECT_EQ(Split(ParseConsolidated(text, "c")), files);
}

TEST(Consolidate, SymbolRecordsAreAlwaysWritten) {
  const std::vector<SymtypesFile> files = {File("a.symtypes", "f variable base_type int\n"),
                                           File("b.symtypes", "f variable base_type int\n")};
  EXPECT_EQ(
      Consolidate(files),
      "/* a.symtypes */\nf variable base_type int\n/* b.symtypes */\nf variable base_type int\n");
}

TEST(Split, RecoversTransitiveReferences) {
  const std::string text =
      "/* a.symtypes */\nfa variable s#x\ns#x structure_type x { member s#y y }\n"
      "s#y structure_type y { }\n"
      "/* b.symtypes */\nfb variable s#x\ns#y structure_type y { member int z }\n";
  const std::vector<SymtypesFile> files = Split(ParseConsolidated(text, "c"));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(FormatSymtypes(files[1].records),
            "fb variable s#x\ns#x structure_type x { member s#y y }\n"
            "s#y structure_type y { member int z }\n");
}

TEST(Consolidate, DuplicateKeyInOneFileIsAnError) {
  EXPECT_THROW(Consolidate({File("a.symtypes", "s#t x\ns#t y\n")}), Error);
}

// A tree made of the conformance pack's symtypes files (one object each)
// survives consolidate + split byte for byte.
TEST(Consolidate, RoundTripOfTheConformancePack) {
  const fs::path cases = fs::path(KCRC_SOURCE_DIR) / ".." / "shared" / "conformance" / "cases";
  if (!fs::is_directory(cases)) GTEST_SKIP() << "conformance pack not found";
  TempDir in, out;
  int count = 0;
  for (const auto& c : fs::directory_iterator(cases)) {
    for (const fs::path& run : {c.path(), c.path() / "stable"}) {
      const fs::path file = run / "expected.symtypes";
      if (!fs::exists(file) || c.path().filename() == "multiobj-two-files") continue;
      const fs::path target = in.path() / fs::relative(run, cases) / "obj.symtypes";
      WriteFileAtomically(target.string(), ReadFile(file.string()), /*create_directories=*/true);
      ++count;
    }
  }
  ASSERT_GT(count, 40);
  const std::vector<SymtypesFile> tree = ReadSymtypesTree(in.path());
  ASSERT_EQ(tree.size(), static_cast<size_t>(count));
  const std::string consolidated = Consolidate(tree);
  EXPECT_LT(consolidated.size(), 2 * count * 4096);
  WriteSymtypesTree(out.path(), Split(ParseConsolidated(consolidated, "c")));
  const std::vector<SymtypesFile> back = ReadSymtypesTree(out.path());
  ASSERT_EQ(back.size(), tree.size());
  for (size_t i = 0; i < tree.size(); ++i) {
    EXPECT_EQ(back[i].path, tree[i].path);
    EXPECT_EQ(ReadFile((out.path() / back[i].path).string()),
              ReadFile((in.path() / tree[i].path).string()))
        << tree[i].path;
  }
}

TEST(WriteSymtypesTree, RefusesPathsOutsideTheDirectory) {
  TempDir out;
  EXPECT_THROW(WriteSymtypesTree(out.path(), {File("../x.symtypes", "a b\n")}), Error);
  EXPECT_THROW(WriteSymtypesTree(out.path(), {File("/tmp/x.symtypes", "a b\n")}), Error);
}

}  // namespace
}  // namespace kcrc
