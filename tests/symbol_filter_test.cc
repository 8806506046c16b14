#include "kcrc/symvers/symbol_filter.h"

#include <gtest/gtest.h>

#include <string>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

TEST(SymbolFilter, LiteralNamesAndWildcards) {
  const SymbolFilter filter = SymbolFilter::Parse("jiffies\nkvm_*\nsym_?\n[ab]x\n", "list");
  EXPECT_TRUE(filter.Matches("jiffies"));
  EXPECT_FALSE(filter.Matches("jiffies_64"));
  EXPECT_TRUE(filter.Matches("kvm_vcpu_kick"));
  EXPECT_TRUE(filter.Matches("sym_a"));
  EXPECT_TRUE(filter.Matches("bx"));
  EXPECT_FALSE(filter.Matches("cx"));
}

TEST(SymbolFilter, LinesAreTakenVerbatim) {
  // A trailing blank is part of the name; "\r\n" endings are not.
  const SymbolFilter filter = SymbolFilter::Parse("a \r\nb\r\n", "list");
  EXPECT_FALSE(filter.Matches("a"));
  EXPECT_TRUE(filter.Matches("a "));
  EXPECT_TRUE(filter.Matches("b"));
}

std::string ParseError(std::string_view text) {
  try {
    SymbolFilter::Parse(text, "list");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(SymbolFilter, EmptyLinesAndInvalidUtf8AreErrors) {
  EXPECT_EQ(ParseError("a\n\nb\n"), "list:2: empty line (expected a symbol or a pattern)");
  EXPECT_EQ(ParseError("a\r\n\r\n"), "list:2: empty line (expected a symbol or a pattern)");
  EXPECT_EQ(ParseError("\xff\n"), "list:1: invalid UTF-8 (byte 0xff at offset 0)");
  EXPECT_EQ(ParseError(""), "no error");
}

TEST(SymbolFilter, LiteralsAreTriedBeforeAMalformedWildcard) {
  const SymbolFilter filter = SymbolFilter::Parse("x[a\nxa\n", "list");
  EXPECT_TRUE(filter.Matches("xa"));  // the literal line 2 answers first
  try {
    filter.Matches("xaa");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "list:1: pattern 'x[a' has an unterminated '[' where it is matched against 'xaa' "
              "(suse-kabi-tools panics on it)");
  }
}

}  // namespace
}  // namespace kcrc
