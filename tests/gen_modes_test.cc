// The engine's modes that must not change a byte: skipping the replay of
// cached renderings (the fast path) against the reference's replaying walk,
// and units rendered in parallel against one thread, on every object of the
// conformance pack, the quirk cases and our fixtures.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gen/tuning.h"
#include "kcrc/base/error.h"
#include "kcrc/base/workers.h"
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

struct Mode {
  size_t threads = 1;
  GenTuning tuning;
};

Output Generate(const fs::path& dir, const Mode& mode) {
  std::ifstream in(dir / "symbols");
  std::stringstream text;
  text << in.rdbuf();
  Output output;
  try {
    GenOptions options;
    options.symtypes = true;
    NullDiagnostics quiet;
    Workers workers(mode.threads);
    Generator generator(ParseSymbolList(text.str(), "symbols"), options, {workers, quiet},
                        &mode.tuning);
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
  for (const fs::path& root :
       {fs::path(KCRC_SOURCE_DIR) / "../shared/conformance/cases",
        fs::path(KCRC_SOURCE_DIR) / "tests/quirks", fs::path(KCRC_SOURCE_DIR) / "fixtures/gen"}) {
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::directory_iterator(root))
      if (fs::exists(entry.path() / "symbols")) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

void ExpectSameOutputs(const Mode& mode_a, const Mode& mode_b) {
  const auto dirs = CaseDirs();
  ASSERT_FALSE(dirs.empty());
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.string());
    Output a = Generate(dir, mode_a);
    Output b = Generate(dir, mode_b);
    EXPECT_EQ(a.error, b.error);
    EXPECT_EQ(a.symtypes, b.symtypes);
    ASSERT_EQ(a.versions.size(), b.versions.size());
    for (size_t i = 0; i < a.versions.size(); ++i) {
      EXPECT_EQ(a.versions[i].name, b.versions[i].name);
      EXPECT_EQ(a.versions[i].crc, b.versions[i].crc);
    }
  }
}

TEST(ReplayTest, SkippingReplaysChangesNothing) {
  Mode replay;
  replay.tuning.always_replay = true;
  ExpectSameOutputs(Mode(), replay);
}

// Every object of the cases goes through the parallel path (the size
// threshold off), including the quirk where two units give
// one type name equally long expansions (the first unit must win).
TEST(ParallelUnits, SameOutputsAsOneThread) {
  Mode parallel;
  parallel.threads = 4;
  parallel.tuning.parallel_min_units = 0;  // the fixtures are small relocatable objects
  parallel.tuning.parallel_min_versions = 0;
  ExpectSameOutputs(Mode(), parallel);
}

}  // namespace
}  // namespace kcrc
