// Skipping the replay of cached renderings (the fast path) must give the same
// CRCs and symtypes as the reference's replaying walk, on every object of the
// conformance pack and of our fixtures.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kcrc/base/error.h"
#include "kcrc/exports/symbol_list.h"
#include "kcrc/gen/generator.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;

struct Output {
  std::string symtypes;
  std::vector<ExportVersion> versions;
  std::string error;
};

Output Generate(const fs::path& dir, bool replay) {
  std::ifstream in(dir / "symbols");
  std::stringstream text;
  text << in.rdbuf();
  Output output;
  try {
    GenOptions options;
    options.symtypes = true;
    options.always_replay = replay;
    NullDiagnostics quiet;
    Generator generator(ParseSymbolList(text.str(), "symbols"), options, quiet);
    std::vector<fs::path> objects;
    if (fs::exists(dir / "objs")) {
      std::ifstream objs(dir / "objs");
      for (std::string name; objs >> name;) objects.push_back(dir / name);
    } else {
      objects.push_back(dir / "obj.o");
    }
    for (const fs::path& object : objects) generator.ProcessObject(object.string());
    output.symtypes = generator.symtypes();
    output.versions = generator.Versions();
  } catch (const Error& e) {
    output.error = e.what();
  }
  return output;
}

std::vector<fs::path> CaseDirs() {
  std::vector<fs::path> dirs;
  for (const fs::path& root : {fs::path(KCRC_SOURCE_DIR) / "../shared/conformance/cases",
                              fs::path(KCRC_SOURCE_DIR) / "fixtures/gen"}) {
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::directory_iterator(root))
      if (fs::exists(entry.path() / "symbols")) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

TEST(ReplayTest, SkippingReplaysChangesNothing) {
  const auto dirs = CaseDirs();
  ASSERT_FALSE(dirs.empty());
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.string());
    Output fast = Generate(dir, false);
    Output exact = Generate(dir, true);
    EXPECT_EQ(fast.error, exact.error);
    EXPECT_EQ(fast.symtypes, exact.symtypes);
    ASSERT_EQ(fast.versions.size(), exact.versions.size());
    for (size_t i = 0; i < fast.versions.size(); ++i) {
      EXPECT_EQ(fast.versions[i].name, exact.versions[i].name);
      EXPECT_EQ(fast.versions[i].crc, exact.versions[i].crc);
    }
  }
}

}  // namespace
}  // namespace kcrc
