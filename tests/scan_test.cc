// kcrc scan: discovery, decompression, export kinds and namespaces, and
// determinism of the parallel driver.
#include "kcrc/scan/scan.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "kcrc/base/error.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/scan/decompress.h"
#include "kcrc/scan/discover.h"
#include "kcrc/scan/export_info.h"
#include "support/temp_dir.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;
using testing_support::TempDir;

const std::string kFixtures = std::string(KCRC_SOURCE_DIR) + "/fixtures/scan";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs a command and returns its stdout.
std::string Capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

TEST(ScanDiscover, ObjectKinds) {
  EXPECT_EQ(MaybeObjectKind("a.ko", false)->compression, Compression::kNone);
  EXPECT_EQ(MaybeObjectKind("a.ko.xz", false)->compression, Compression::kXz);
  EXPECT_EQ(MaybeObjectKind("a.ko.zst", false)->compression, Compression::kZstd);
  EXPECT_TRUE(MaybeObjectKind("vmlinux", false)->vmlinux);
  EXPECT_TRUE(MaybeObjectKind("vmlinux-6.1.0-56-amd64", false)->vmlinux);
  // Intermediate objects of a build tree are not taken from directories...
  EXPECT_FALSE(MaybeObjectKind("a.o", false));
  EXPECT_FALSE(MaybeObjectKind("vmlinux.o", false));
  EXPECT_FALSE(MaybeObjectKind("vmlinux-6.1.o", false));
  EXPECT_FALSE(MaybeObjectKind("a.mod.c", false));
  EXPECT_FALSE(MaybeObjectKind(".ko", false));
  EXPECT_FALSE(MaybeObjectKind("System.map-6.1.0", false));
  EXPECT_FALSE(MaybeObjectKind("a.ko.gz", false));
  // ...but any file named on the command line is.
  EXPECT_TRUE(MaybeObjectKind("a.o", true));
  EXPECT_TRUE(MaybeObjectKind("weird", true));
}

TEST(ScanDiscover, ModuleNames) {
  auto name = [](std::string_view path, bool named) {
    const std::string_view file = path.substr(path.rfind('/') + 1);
    return ModuleName(path, *MaybeObjectKind(file, named), named);
  };
  EXPECT_EQ(name("drivers/net/e1000/e1000.ko", false), "drivers/net/e1000/e1000");
  EXPECT_EQ(name("./fs/ext4/ext4.ko.zst", false), "fs/ext4/ext4");
  EXPECT_EQ(name("usr/lib/debug/lib/modules/6.1.0-56-amd64/kernel/fs/ext4/ext4.ko", false),
            "fs/ext4/ext4");
  EXPECT_EQ(name("lib/modules/6.1.0/updates/dkms/foo.ko.xz", false), "dkms/foo");
  EXPECT_EQ(name("usr/lib/debug/boot/vmlinux-6.1.0-56-amd64", false), "vmlinux");
  EXPECT_EQ(name("/build/x/drivers/foo.ko", true), "foo");
  EXPECT_EQ(name("/x/lib/modules/6.1.0/kernel/drivers/foo.ko", true), "drivers/foo");
  EXPECT_EQ(name("obj/bar.o", true), "bar");
}

TEST(ScanDiscover, WalksDirectoriesInModuleOrder) {
  TempDir dir;
  dir.Write("root/lib/modules/6.1.0/kernel/drivers/b.ko");
  dir.Write("root/lib/modules/6.1.0/kernel/drivers/a.ko.xz");
  dir.Write("root/lib/modules/6.1.0/kernel/fs/c.ko.zst");
  dir.Write("root/lib/modules/6.1.0/modules.dep");
  dir.Write("root/boot/vmlinux-6.1.0",
            "\x7f"
            "ELF1");
  dir.Write("root/boot/vmlinux-6.1.0-notes.txt", "not ELF");
  dir.Write("root/boot/System.map-6.1.0");
  dir.Write("root/build/intermediate.o");
  fs::create_symlink("../boot/vmlinux-6.1.0", dir.path() / "root/lib/vmlinux-link");
  dir.Write("extra.o");
  const std::vector<ScanInput> inputs =
      DiscoverObjects({(dir.path() / "root").string(), (dir.path() / "extra.o").string()});
  std::vector<std::string> modules;
  for (const ScanInput& input : inputs) modules.push_back(input.module);
  EXPECT_EQ(modules,
            (std::vector<std::string>{"drivers/a", "drivers/b", "extra", "fs/c", "vmlinux"}));
  EXPECT_EQ(inputs[0].compression, Compression::kXz);
  EXPECT_EQ(inputs[3].compression, Compression::kZstd);
  EXPECT_EQ(inputs[4].size, 5u);
}

TEST(ScanDiscover, RejectsDuplicateModulesAndMissingPaths) {
  TempDir dir;
  dir.Write("a/x.ko");
  dir.Write("b/lib/modules/1/kernel/x.ko.xz");
  dir.Write("c/x.ko");
  EXPECT_THROW(DiscoverObjects({(dir.path() / "a").string(), (dir.path() / "b").string()}), Error);
  EXPECT_THROW(DiscoverObjects({(dir.path() / "missing").string()}), Error);
  // Module names are relative to each directory argument: both are 'x'.
  EXPECT_THROW(DiscoverObjects({(dir.path() / "a").string(), (dir.path() / "c").string()}), Error);
}

TEST(ScanDecompress, XzAndZstdGiveTheOriginalBytes) {
  const std::string original = ReadFile(kFixtures + "/ksymtab.ko");
  ASSERT_FALSE(original.empty());
  EXPECT_EQ(Decompress(kFixtures + "/ksymtab.ko.xz", Compression::kXz), original);
  EXPECT_EQ(Decompress(kFixtures + "/ksymtab.ko.zst", Compression::kZstd), original);
  DecompressedFile file(kFixtures + "/ksymtab.ko.zst", Compression::kZstd);
  EXPECT_EQ(ReadFile(file.path()), original);
}

TEST(ScanDecompress, CorruptDataIsAnErrorNamingTheFile) {
  // A plain ELF file is not xz or zstd data.
  try {
    Decompress(kFixtures + "/ksymtab.ko", Compression::kXz);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("ksymtab.ko: invalid xz data"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(Decompress(kFixtures + "/ksymtab.ko", Compression::kZstd), Error);
}

TEST(ScanExports, KindsAndNamespacesFromSectionsAndStrings) {
  ElfFile elf(kFixtures + "/ksymtab.ko");
  const std::vector<ExportInfo> exports = ReadExportInfo(elf);
  ASSERT_EQ(exports.size(), 4u);
  auto expect = [&](size_t i, const char* name, const char* kind, const char* ns) {
    EXPECT_EQ(exports[i].name, name);
    EXPECT_EQ(exports[i].kind, kind) << name;
    EXPECT_EQ(exports[i].name_space, ns) << name;
  };
  expect(0, "bar", "EXPORT_SYMBOL", "");      // ___ksymtab+bar, __kstrtabns_bar ""
  expect(1, "baz", "EXPORT_SYMBOL_GPL", "");  // merged __ksymtab_gpl, no __kstrtabns_
  expect(2, "foo", "EXPORT_SYMBOL_GPL", "FOO_NS");
  expect(3, "qux", "EXPORT_SYMBOL_GPL", "QUX_NS");  // __export_symbol_qux "GPL\0QUX_NS"
}

// gen's #SYMVER lines as "name crc" pairs.
std::vector<std::string> GenVersions(const std::string& object) {
  std::vector<std::string> lines;
  std::string out = Capture(std::string(KCRC_BINARY) + " gen --exports=auto '" + object + "'");
  size_t at = 0;
  while (at < out.size()) {
    const size_t end = out.find('\n', at);
    lines.push_back(out.substr(at + 8, end - at - 8));  // drop "#SYMVER "
    at = end + 1;
  }
  return lines;
}

std::vector<ScanInput> FixtureInputs() {
  std::vector<ScanInput> inputs = DiscoverObjects({kFixtures + "/tree"});
  for (const char* name : {"ksymtab.ko", "ksymtab.ko.xz", "ksymtab.ko.zst"}) {
    std::vector<ScanInput> one = DiscoverObjects({kFixtures + "/" + name});
    one[0].module = name;  // three copies of one module
    inputs.push_back(one[0]);
  }
  return inputs;
}

TEST(ScanObjects, CrcsEqualGenOnEachObject) {
  const std::vector<ScanInput> inputs = FixtureInputs();
  ASSERT_EQ(inputs.size(), 9u);
  Workers workers(2);
  const std::vector<ObjectResult> results = ScanObjects(inputs, ScanOptions{}, workers);
  for (size_t i = 0; i < inputs.size(); ++i) {
    ASSERT_FALSE(results[i].error) << *results[i].error;
    std::vector<std::string> scanned;
    for (const SymversEntry& entry : results[i].exports)
      scanned.push_back(fmt::format("{} 0x{:08x}", entry.name, entry.crc));
    const std::string plain =
        inputs[i].compression == Compression::kNone ? inputs[i].path : kFixtures + "/ksymtab.ko";
    EXPECT_EQ(scanned, GenVersions(plain)) << inputs[i].path;
    EXPECT_FALSE(results[i].exports.empty()) << inputs[i].path;
  }
}

TEST(ScanObjects, OutputsDoNotDependOnThreads) {
  const std::vector<ScanInput> inputs = FixtureInputs();
  ScanOptions options;
  options.symtypes = true;
  Workers one(1);
  Workers four(4);
  const std::vector<ObjectResult> a = ScanObjects(inputs, options, one);
  for (int run = 0; run < 3; ++run) {
    const std::vector<ObjectResult> b = ScanObjects(inputs, options, four);
    EXPECT_EQ(SymversText(a), SymversText(b));
    EXPECT_EQ(ConsolidatedSymtypes(inputs, a), ConsolidatedSymtypes(inputs, b));
  }
  EXPECT_NE(ConsolidatedSymtypes(inputs, a).find("/* ksymtab.ko.xz.symtypes */\n"),
            std::string::npos);
}

TEST(ScanObjects, SymversLinesAreModpostsFormatSortedByName) {
  std::vector<ScanInput> inputs = DiscoverObjects({kFixtures + "/ksymtab.ko"});
  Workers workers(1);
  const std::string text = SymversText(ScanObjects(inputs, ScanOptions{}, workers));
  EXPECT_EQ(text,
            "0x4ddc0594\tbar\tksymtab\tEXPORT_SYMBOL\t\n"
            "0x80341fc0\tbaz\tksymtab\tEXPORT_SYMBOL_GPL\t\n"
            "0xa5257263\tfoo\tksymtab\tEXPORT_SYMBOL_GPL\tFOO_NS\n"
            "0xb9decd13\tqux\tksymtab\tEXPORT_SYMBOL_GPL\tQUX_NS\n");
}

TEST(ScanObjects, AnUnreadableObjectIsReportedNotFatal) {
  TempDir dir;
  dir.Write("bad.ko", "not ELF");
  std::vector<ScanInput> inputs = DiscoverObjects({dir.path().string(), kFixtures + "/ksymtab.ko"});
  Workers workers(1);
  const std::vector<ObjectResult> results = ScanObjects(inputs, ScanOptions{}, workers);
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[0].error.has_value());
  EXPECT_NE(results[0].error->find("bad.ko"), std::string::npos) << *results[0].error;
  EXPECT_FALSE(results[1].error);
  EXPECT_EQ(results[1].exports.size(), 4u);
}

}  // namespace
}  // namespace kcrc
