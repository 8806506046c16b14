#include "kcrc/elf/module_versions.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "kcrc/base/error.h"
#include "support/temp_dir.h"

namespace kcrc {
namespace {

class ModuleVersionsTest : public testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& contents) {
    return dir_.Write(name, contents);
  }
  std::string ErrorOf(const std::string& path) {
    try {
      ReadModuleVersions(path);
    } catch (const Error& error) {
      return error.what();
    }
    return "(no error)";
  }
  static std::string Binary() {
    std::ifstream in(KCRC_BINARY, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  testing_support::TempDir dir_;
};

TEST_F(ModuleVersionsTest, MissingFile) {
  std::string path = (dir_.path() / "missing.ko").string();
  EXPECT_EQ(ErrorOf(path), path + ": cannot open: No such file or directory");
}

TEST_F(ModuleVersionsTest, EmptyFile) {
  std::string path = Write("empty.ko", "");
  EXPECT_EQ(ErrorOf(path), path + ": not an ELF file (empty)");
}

TEST_F(ModuleVersionsTest, NotElf) {
  std::string path = Write("text.ko", "hello, this is not an ELF file\n");
  EXPECT_EQ(ErrorOf(path), path + ": not an ELF file");
}

TEST_F(ModuleVersionsTest, TruncatedElf) {
  std::string path = Write("truncated.ko", Binary().substr(0, 200));
  std::string error = ErrorOf(path);
  EXPECT_TRUE(error.starts_with(path + ": ")) << error;
  EXPECT_NE(error, "(no error)");
}

TEST_F(ModuleVersionsTest, ElfWithoutTables) {
  ModuleVersions module = ReadModuleVersions(KCRC_BINARY);
  EXPECT_FALSE(module.basic.has_value());
  EXPECT_FALSE(module.extended.has_value());
  EXPECT_EQ(module.target.bits, 8 * sizeof(void*));
}

}  // namespace
}  // namespace kcrc
