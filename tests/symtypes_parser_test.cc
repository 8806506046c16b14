#include <gtest/gtest.h>

#include "kcrc/base/error.h"
#include "kcrc/symtypes/parser.h"
#include "kcrc/symtypes/writer.h"

namespace kcrc {
namespace {

TEST(TokenizeValue, SplitsReferencesFromLiterals) {
  const TokenList tokens = TokenizeValue("member pointer_type { s#node } byte_size(8) next");
  const TokenList expected = {
      {"member pointer_type { ", false}, {"s#node", true}, {" } byte_size(8) next", false}};
  EXPECT_EQ(tokens, expected);
}

TEST(TokenizeValue, ReferenceAtStartAndEnd) {
  const TokenList tokens = TokenizeValue("s#a x t#b");
  const TokenList expected = {{"s#a", true}, {" x ", false}, {"t#b", true}};
  EXPECT_EQ(tokens, expected);
}

TEST(TokenizeValue, QuotedReferenceRunsToClosingQuote) {
  const TokenList tokens =
      TokenizeValue("formal_parameter pointer_type { s#'tmpl<long int>' } byte_size(8) t");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1], (Token{"s#'tmpl<long int>'", true}));
}

TEST(TokenizeValue, HashInsideAWordIsNotAReference) {
  // Rust closure names contain `e#`; only word starts count.
  const TokenList tokens = TokenizeValue("structure_type {closure#0} { } e#x");
  const TokenList expected = {{"structure_type {closure#0} { } ", false}, {"e#x", true}};
  EXPECT_EQ(tokens, expected);
}

TEST(TokenizeValue, KeepsExactBytes) {
  for (std::string_view value :
       {"typedef_type ign_t {  }", "", " ", "x  s#a  y ", "s#", "a b#c d", "variable u#'a b' "}) {
    EXPECT_EQ(JoinTokens(TokenizeValue(value)), value) << value;
  }
}

TEST(TokenizeValue, UnterminatedQuoteIsAnError) {
  EXPECT_THROW(TokenizeValue("variable s#'oops"), Error);
}

TEST(ParseSymtypes, RecordsInFileOrderWithLines) {
  const std::vector<Record> records =
      ParseSymtypes("gcb variable t#cb_t\ns#'a b' structure_type a b { }\nu#x \n", "f.symtypes");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].key, "gcb");
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_EQ(records[1].key, "s#'a b'");
  EXPECT_EQ(JoinTokens(records[1].tokens), "structure_type a b { }");
  EXPECT_EQ(records[2].key, "u#x");
  EXPECT_TRUE(records[2].tokens.empty());
  EXPECT_EQ(FormatSymtypes(records), "gcb variable t#cb_t\ns#'a b' structure_type a b { }\nu#x \n");
}

TEST(ParseSymtypes, ErrorsNameFileAndLine) {
  try {
    ParseSymtypes("a variable s#x\nbroken\n", "dir/f.symtypes");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "dir/f.symtypes:2: expected '<key> <value>', got 'broken'");
  }
  try {
    ParseSymtypes("a variable s#x\n\n", "f.symtypes");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "f.symtypes:2: empty line");
  }
}

TEST(ParseConsolidated, Sections) {
  const std::string text =
      "/* a.symtypes */\nx variable s#t\ns#t structure_type t { }\n"
      "/* sub/b.symtypes */\ny variable s#t\n";
  ASSERT_TRUE(IsConsolidated(text));
  EXPECT_FALSE(IsConsolidated("x variable s#t\n"));
  const std::vector<SymtypesFile> files = ParseConsolidated(text, "c");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, "a.symtypes");
  EXPECT_EQ(files[0].records.size(), 2u);
  EXPECT_EQ(files[1].path, "sub/b.symtypes");
  EXPECT_EQ(files[1].records[0].line, 5u);
  EXPECT_THROW(ParseConsolidated("x variable s#t\n/* a */\n", "c"), Error);
}

TEST(SortRecords, BytewiseOrder) {
  std::vector<Record> records = ParseSymtypes("s#b x\nZ y\n\xc3\xa9 z\na w\n", "f");
  SortRecords(records);
  EXPECT_EQ(records[0].key, "Z");
  EXPECT_EQ(records[1].key, "a");
  EXPECT_EQ(records[2].key, "s#b");
  EXPECT_EQ(records[3].key, "\xc3\xa9");
}

}  // namespace
}  // namespace kcrc
