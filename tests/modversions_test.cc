#include "kcrc/elf/modversions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kcrc/base/error.h"
#include "kcrc/base/sha256.h"

namespace kcrc {
namespace {

const std::string kRustInfo = "_RNvNtNtCs1cdwasc6FUb_6kernel5print14format_strings4INFO";

std::string Name(size_t length, char fill = 'a') { return std::string(length, fill); }

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(ToHex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(DigestOfSymbolName, RustName) {
  EXPECT_TRUE(ToHex(DigestOfSymbolName(kRustInfo)).starts_with("5696f427db4abf"));
}

TEST(DigestOfSymbolName, StripsOneLeadingDot) {
  EXPECT_EQ(DigestOfSymbolName("." + kRustInfo), DigestOfSymbolName(kRustInfo));
  EXPECT_EQ(DigestOfSymbolName(".." + kRustInfo), Sha256("." + kRustInfo));
}

TEST(IsOverLong, LimitsPerWordSize) {
  EXPECT_EQ(NameFieldSize(64), 56u);
  EXPECT_EQ(NameFieldSize(32), 60u);
  EXPECT_FALSE(IsOverLong(Name(55), 64));
  EXPECT_TRUE(IsOverLong(Name(56), 64));
  EXPECT_FALSE(IsOverLong(Name(59), 32));
  EXPECT_TRUE(IsOverLong(Name(60), 32));
  EXPECT_THROW(IsOverLong("x", 16), Error);
}

TEST(TableForm, ShortNamesStayLongNamesHash) {
  EXPECT_EQ(TableForm("printk", 64), "printk");
  EXPECT_EQ(TableForm(Name(56), 32), Name(56));
  EXPECT_EQ(TableForm(Name(56), 64), "sha256:" + ToHex(Sha256(Name(56))));
  EXPECT_EQ(TableForm(".printk", 64), ".printk");
  // A dotted name is measured with its dot but hashed without it.
  EXPECT_EQ(TableForm("." + Name(55), 64), "sha256:" + ToHex(Sha256(Name(55))));
}

TEST(EncodeNameField, HashedLayout) {
  std::string field = EncodeNameField(kRustInfo, 64);
  ASSERT_EQ(field.size(), 56u);
  EXPECT_EQ(field.substr(0, 7), std::string("sha256\0", 7));
  Sha256Digest digest = DigestOfSymbolName(kRustInfo);
  EXPECT_EQ(field.substr(7, 32), std::string(digest.begin(), digest.end()));
  EXPECT_EQ(field.substr(39), std::string(17, '\0'));
}

struct RoundTripCase {
  uint32_t bits;
  Endian endian;
};

class BasicRoundTrip : public testing::TestWithParam<RoundTripCase> {};

TEST_P(BasicRoundTrip, NamesAroundTheLimit) {
  const Target target{GetParam().bits, GetParam().endian};
  std::vector<ImportVersion> symbols = {
      {Name(55), 0x11111111},  {Name(56), 0x22222222},       {Name(59), 0x33333333},
      {Name(60), 0x44444444},  {"." + Name(55), 0x55555555}, {".printk", 0xfedcba98},
      {kRustInfo, 0x66666666},
  };
  std::string bytes = EncodeBasicTable(symbols, target);
  ASSERT_EQ(bytes.size(), symbols.size() * 64);
  std::vector<BasicEntry> entries = DecodeBasicTable(bytes, target);
  ASSERT_EQ(entries.size(), symbols.size());
  for (size_t i = 0; i < symbols.size(); ++i) {
    SCOPED_TRACE(symbols[i].name);
    EXPECT_EQ(entries[i].crc, symbols[i].crc);
    if (IsOverLong(symbols[i].name, target.bits)) {
      EXPECT_EQ(entries[i].name, "sha256");
      ASSERT_TRUE(entries[i].digest.has_value());
      EXPECT_EQ(*entries[i].digest, DigestOfSymbolName(symbols[i].name));
    } else {
      EXPECT_EQ(entries[i].name, symbols[i].name);
      EXPECT_FALSE(entries[i].digest.has_value());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, BasicRoundTrip,
                         testing::Values(RoundTripCase{64, Endian::kLittle},
                                         RoundTripCase{64, Endian::kBig},
                                         RoundTripCase{32, Endian::kLittle},
                                         RoundTripCase{32, Endian::kBig}));

TEST(EncodeBasicTable, CrcByteOrder) {
  std::vector<ImportVersion> symbols = {{"f", 0x01020304}};
  EXPECT_EQ(EncodeBasicTable(symbols, {64, Endian::kBig}).substr(0, 8),
            std::string("\0\0\0\0\1\2\3\4", 8));
  EXPECT_EQ(EncodeBasicTable(symbols, {32, Endian::kLittle}).substr(0, 5),
            std::string("\4\3\2\1f", 5));
}

TEST(DecodeBasicTable, RejectsPartialEntry) {
  try {
    DecodeBasicTable(std::string(100, '\0'), {64, Endian::kLittle});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "__versions is 100 bytes long, not a multiple of the 64-byte entry");
  }
}

TEST(DecodeBasicTable, RejectsUnterminatedName) {
  std::string bytes = std::string(8, '\0') + Name(56);
  EXPECT_THROW(DecodeBasicTable(bytes, {64, Endian::kLittle}), Error);
}

TEST(ExtendedTables, RoundTripWithLongRustNames) {
  std::vector<ImportVersion> symbols = {
      {"printk", 0xdeadbeef},
      {kRustInfo, 0x01234567},
      {"_RNvMs_NtCs1cdwasc6FUb_6kernel5errorNtB4_5Error14from_errno_long_tail", 0x89abcdef},
  };
  for (Endian endian : {Endian::kLittle, Endian::kBig}) {
    ExtendedTable table = DecodeExtendedTables(EncodeExtendedCrcs(symbols, endian),
                                               EncodeExtendedNames(symbols), endian);
    EXPECT_TRUE(table.warnings.empty());
    ASSERT_EQ(table.entries.size(), symbols.size());
    for (size_t i = 0; i < symbols.size(); ++i) {
      EXPECT_EQ(table.entries[i].name, symbols[i].name);
      EXPECT_EQ(table.entries[i].crc, symbols[i].crc);
    }
  }
}

TEST(ExtendedTables, MoreCrcsThanNamesIsRejected) {
  std::vector<ImportVersion> symbols = {{"a", 1}, {"b", 2}, {"c", 3}};
  std::string names("a\0b\0c", 5);  // the last name lacks its NUL
  try {
    DecodeExtendedTables(EncodeExtendedCrcs(symbols, Endian::kLittle), names, Endian::kLittle);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(),
                 "more extended version CRCs than names: __version_ext_crcs has 3 CRCs, "
                 "__version_ext_names 2 NUL-terminated names (the loader refuses this module)");
  }
}

TEST(ExtendedTables, ExtraNamesAndCrcBytesAreWarnings) {
  std::vector<ImportVersion> symbols = {{"a", 1}};
  std::string crcs = EncodeExtendedCrcs(symbols, Endian::kLittle) + "xy";
  ExtendedTable table = DecodeExtendedTables(crcs, std::string("a\0b\0", 4), Endian::kLittle);
  ASSERT_EQ(table.entries.size(), 1u);
  EXPECT_EQ(table.warnings.size(), 2u);
}

}  // namespace
}  // namespace kcrc
