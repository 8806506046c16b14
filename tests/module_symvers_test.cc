#include "kcrc/symvers/module_symvers.h"

#include <gtest/gtest.h>
#include <lzma.h>
#include <zstd.h>

#include <filesystem>
#include <string>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"

namespace kcrc {
namespace {

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
  EXPECT_FALSE(jiffies.gpl_only);
  EXPECT_EQ(jiffies.export_type(), "EXPORT_SYMBOL");
  EXPECT_EQ(jiffies.name_space, "");
  EXPECT_EQ(jiffies.line, 1u);
  EXPECT_EQ(symvers.exports[1].name_space, "CXL");
  EXPECT_TRUE(symvers.exports[1].gpl_only);
  EXPECT_EQ(symvers.exports[1].export_type(), "EXPORT_SYMBOL_GPL");
  EXPECT_EQ(symvers.exports[2].crc, 0x2au);
  EXPECT_EQ(symvers.exports[2].name_space, "");
  EXPECT_EQ(symvers.exports[3].crc, 0xdeadbeefu);
  EXPECT_EQ(symvers.exports[3].line, 4u);
}

TEST(ParseSymvers, FieldsAreSeparatedByAnyWhitespace) {
  const Symvers symvers = ParseSymvers(
      "0x00000001 a vmlinux EXPORT_SYMBOL\n"
      "  0x00000002\t \tb  drivers/x \f EXPORT_SYMBOL_GPL   NS  \r\n",
      "Module.symvers");
  ASSERT_EQ(symvers.exports.size(), 2u);
  EXPECT_EQ(symvers.exports[1].symbol, "b");
  EXPECT_EQ(symvers.exports[1].module, "drivers/x");
  EXPECT_EQ(symvers.exports[1].name_space, "NS");
}

TEST(ParseSymvers, CrcsAsRustParsesThem) {
  auto crc = [](std::string_view word) {
    return ParseSymvers(std::string(word) + " a vmlinux EXPORT_SYMBOL\n", "S").exports[0].crc;
  };
  EXPECT_EQ(crc("0X1F"), 0x1fu);
  EXPECT_EQ(crc("0x00000000deadbeef"), 0xdeadbeefu);  // leading zeros: any number
  EXPECT_EQ(crc("0x+7"), 7u);
  EXPECT_EQ(crc("0xffffffff"), 0xffffffffu);
}

TEST(ParseSymvers, EmptyFileHasNoExports) {
  EXPECT_TRUE(ParseSymvers("", "empty").exports.empty());
}

TEST(ParseSymvers, MalformedLinesNameFileAndLine) {
  const std::string ok = "0x00000001\ta\tvmlinux\tEXPORT_SYMBOL\t\n";
  const std::string fields =
      "expected 4 or 5 fields (CRC, symbol, module, export type[, namespace]) separated by white "
      "space, got ";
  EXPECT_EQ(ParseError(ok + "0x00000002 b vmlinux\n"), "Module.symvers:2: " + fields + "3");
  EXPECT_EQ(ParseError(ok + "0x00000002\tb\tvmlinux\tEXPORT_SYMBOL\tNS\textra\n"),
            "Module.symvers:2: " + fields + "6");
  EXPECT_EQ(ParseError(ok + "\n"), "Module.symvers:2: " + fields + "0");
  EXPECT_EQ(ParseError(ok + " \t\n"), "Module.symvers:2: " + fields + "0");
  EXPECT_EQ(ParseError("12345678\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '12345678' (expected 0x and a hexadecimal number)");
  EXPECT_EQ(ParseError("0x123456789\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '0x123456789' (more than 32 bits)");
  EXPECT_EQ(ParseError("0xabcdefgh\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '0xabcdefgh' (not a hexadecimal number)");
  EXPECT_EQ(ParseError("0x\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '0x' (no hexadecimal digits)");
  EXPECT_EQ(ParseError("0x+\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '0x+' (no hexadecimal digits)");
  EXPECT_EQ(ParseError("0x-1\ta\tvmlinux\tEXPORT_SYMBOL\t\n"),
            "Module.symvers:1: invalid CRC '0x-1' (not a hexadecimal number)");
  EXPECT_EQ(ParseError("0x00000001\ta\tvmlinux\tEXPORT_SYMBOL_NS\t\n"),
            "Module.symvers:1: invalid export type 'EXPORT_SYMBOL_NS' for 'a' (expected "
            "EXPORT_SYMBOL or EXPORT_SYMBOL_GPL)");
  EXPECT_EQ(ParseError("0x00000001\ta\tvmlinux\tEXPORT_UNUSED_SYMBOL\t\n"),
            "Module.symvers:1: invalid export type 'EXPORT_UNUSED_SYMBOL' for 'a' (expected "
            "EXPORT_SYMBOL or EXPORT_SYMBOL_GPL)");
  EXPECT_EQ(ParseError(ok + ok), "Module.symvers:2: 'a' is exported twice (first at line 1)");
  EXPECT_EQ(ParseError(ok + "0x1 \xff vmlinux EXPORT_SYMBOL\n"),
            "Module.symvers:2: invalid UTF-8 (byte 0xff at offset 40)");
}

TEST(ReadSymvers, NamesAMissingFile) {
  try {
    ReadSymvers("/nonexistent/Module.symvers");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/Module.symvers"), std::string::npos)
        << e.what();
  }
}

class CompressedSymvers : public testing::Test {
 protected:
  const std::string text_ = "0x00000001\ta\tvmlinux\tEXPORT_SYMBOL\t\n";
  std::filesystem::path dir_ = testing::TempDir();
};

TEST_F(CompressedSymvers, XzAndZstdAreRecognisedByTheirMagic) {
  std::string xz(lzma_stream_buffer_bound(text_.size()), '\0');
  size_t xz_size = 0;
  ASSERT_EQ(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr,
                                    reinterpret_cast<const uint8_t*>(text_.data()), text_.size(),
                                    reinterpret_cast<uint8_t*>(xz.data()), &xz_size, xz.size()),
            LZMA_OK);
  xz.resize(xz_size);
  std::string zst(ZSTD_compressBound(text_.size()), '\0');
  zst.resize(ZSTD_compress(zst.data(), zst.size(), text_.data(), text_.size(), 3));
  for (const auto& [name, bytes] :
       {std::pair{"Module.symvers.xz", xz}, {"Module.symvers.zst", zst}}) {
    const std::string path = (dir_ / name).string();
    WriteFileAtomically(path, bytes);
    const Symvers symvers = ReadSymvers(path);
    ASSERT_EQ(symvers.exports.size(), 1u) << name;
    EXPECT_EQ(symvers.exports[0].symbol, "a");
    EXPECT_EQ(symvers.path, path);
  }
}

}  // namespace
}  // namespace kcrc
