#include "kcrc/exports/symbol_list.h"

#include <gtest/gtest.h>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

using Names = std::vector<std::string>;

TEST(ParseSymbolList, TakesTheFirstWordOfEachLine) {
  EXPECT_EQ(ParseSymbolList("  foo extra\n\tbar\r\nbaz", "t"), (Names{"foo", "bar", "baz"}));
}

TEST(ParseSymbolList, DropsDuplicatesKeepingTheFirst) {
  EXPECT_EQ(ParseSymbolList("a\nb\na\n", "t"), (Names{"a", "b"}));
}

TEST(ParseSymbolList, EmptyInputIsAnEmptyList) { EXPECT_TRUE(ParseSymbolList("", "t").empty()); }

TEST(ParseSymbolList, BlankLineIsAnErrorNamingTheLine) {
  try {
    ParseSymbolList("a\n  \nb\n", "<stdin>");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "<stdin>:2: symbol_read_exports: malformed input line '  '");
  }
}

TEST(ParseSymbolList, CarriageReturnOnlyLineIsBlank) {
  EXPECT_THROW(ParseSymbolList("a\n\r\n", "t"), Error);
}

TEST(ReferenceHashOrder, MatchesTheReferenceOrder) {
  // The order the reference printed for this list (spec 1.3).
  Names names = {"use_point", "use_node", "gval", "garr", "gcb", "names", "vfn"};
  Names ordered;
  for (uint32_t index : ReferenceHashOrder(names)) ordered.push_back(names[index]);
  EXPECT_EQ(ordered, (Names{"garr", "names", "use_node", "use_point", "gval", "vfn", "gcb"}));
}

TEST(ReferenceNameHash, SignExtendsBytes) {
  // FNV-1a of one byte 0x80 with the byte sign-extended to 0xffffff80.
  const uint32_t expected = (2166136261u ^ 0xffffff80u) * 16777619u;
  EXPECT_EQ(ReferenceNameHash("\x80"), expected);
}

}  // namespace
}  // namespace kcrc
