#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kcrc/base/error.h"
#include "kcrc/compare/symvers.h"
#include "kcrc/modversions/c_source.h"
#include "kcrc/modversions/module_imports.h"
#include "kcrc/modversions/name_index.h"
#include "kcrc/modversions/versions_report.h"

namespace kcrc {
namespace {

const std::string kRustInfo = "_RNvNtNtCs1cdwasc6FUb_6kernel5print14format_strings4INFO";

TEST(ResolveImports, KeepsImportOrderAndReportsMissing) {
  std::vector<SymversExport> symvers =
      ParseSymvers("0x1\tb\tvmlinux\tEXPORT_SYMBOL\t\n0x2\ta\tvmlinux\tEXPORT_SYMBOL\t\n", "S")
          .exports;
  std::vector<std::string> imports = {"a", "missing", "b"};
  ResolvedImports resolved = ResolveImports(imports, symvers);
  ASSERT_EQ(resolved.versions.size(), 2u);
  EXPECT_EQ(resolved.versions[0].name, "a");
  EXPECT_EQ(resolved.versions[0].crc, 2u);
  EXPECT_EQ(resolved.versions[1].name, "b");
  EXPECT_EQ(resolved.missing, std::vector<std::string>{"missing"});
}

std::vector<ImportVersion> Symbols() { return {{"printk", 0x6e13f7c7}, {kRustInfo, 0x12345678}}; }

TEST(WriteVersionsSource, BasicHashesLongNames) {
  std::string source = WriteVersionsSource(Symbols(), 64, {.basic = true, .extended = false});
  EXPECT_NE(source.find("\t{ 0x6e13f7c7, \"printk\" },\n"), std::string::npos) << source;
  EXPECT_NE(source.find("\t{ 0x12345678, \"sha256\\0\\x56\\x96\\xf4\\x27"), std::string::npos)
      << source;
  EXPECT_NE(source.find("/* " + kRustInfo + " */"), std::string::npos) << source;
  EXPECT_EQ(source.find("__version_ext"), std::string::npos);
  EXPECT_NE(source.find("sizeof(unsigned long) == 8"), std::string::npos);
}

TEST(WriteVersionsSource, BothLeaveLongNamesOutOfVersions) {
  std::string source = WriteVersionsSource(Symbols(), 32, {.basic = true, .extended = true});
  EXPECT_EQ(source.find("sha256"), std::string::npos) << source;
  EXPECT_NE(source.find("\t0x12345678,\n"), std::string::npos) << source;
  EXPECT_NE(source.find("\t\"" + kRustInfo + "\\0\"\n"), std::string::npos) << source;
  EXPECT_NE(source.find("sizeof(unsigned long) == 4"), std::string::npos);
}

TEST(WriteVersionsSource, ExtendedOnlyAndEscapes) {
  std::vector<ImportVersion> symbols = {{"we\"ird\\?", 1}};
  std::string source = WriteVersionsSource(symbols, 64, {.basic = false, .extended = true});
  EXPECT_EQ(source.find("modversion_info"), std::string::npos) << source;
  EXPECT_NE(source.find("\"we\\042ird\\134\\077\\0\""), std::string::npos) << source;
  EXPECT_THROW(WriteVersionsSource(symbols, 64, {.basic = false, .extended = false}), Error);
}

TEST(NameIndex, FindsDottedAndPlainNames) {
  NameIndex index;
  index.Add("." + kRustInfo);
  std::optional<std::string> found = index.MaybeFind(DigestOfSymbolName(kRustInfo));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, kRustInfo);
  EXPECT_FALSE(index.MaybeFind(Sha256("other")).has_value());
}

TEST(VersionsText, MatchesModprobeAndDecodesWithNames) {
  ModuleVersions module;
  module.path = "m.ko";
  module.basic = DecodeBasicTable(
      EncodeBasicTable(std::vector<ImportVersion>{{".printk", 1}, {kRustInfo, 2}}, {}), {});
  EXPECT_EQ(VersionsText(module, VersionsTable::kBasic, nullptr),
            "0x00000001\tprintk\n0x00000002\tsha256\n");
  NameIndex names;
  EXPECT_EQ(
      VersionsText(module, VersionsTable::kBasic, &names),
      "0x00000001\tprintk\n0x00000002\tsha256:" + ToHex(DigestOfSymbolName(kRustInfo)) + "\n");
  names.Add(kRustInfo);
  EXPECT_EQ(VersionsText(module, VersionsTable::kBasic, &names),
            "0x00000001\tprintk\n0x00000002\t" + kRustInfo + "\n");
  try {
    VersionsText(module, VersionsTable::kExtended, nullptr);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "m.ko: no __version_ext_crcs and __version_ext_names sections");
  }
  module.extended = std::vector<ImportVersion>{{kRustInfo, 3}};
  EXPECT_EQ(VersionsText(module, VersionsTable::kLoader, nullptr),
            "0x00000003\t" + kRustInfo + "\n");
  nlohmann::json json = VersionsJson(module, &names);
  EXPECT_EQ(json["loader_table"], "extended");
  EXPECT_EQ(json["versions"][1]["full_name"], kRustInfo);
  EXPECT_EQ(json["versions"][1]["sha256"], ToHex(DigestOfSymbolName(kRustInfo)));
  EXPECT_EQ(json["extended"][0]["crc"], "0x00000003");
}

}  // namespace
}  // namespace kcrc
