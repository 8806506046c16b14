// compare/explain.h: paths inside function types, DECLONLY's by-value rule,
// and the reverse question (which exports reach a type).
#include "kcrc/compare/explain.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

// A plain symtypes file is one object only when its records are sorted.
Corpus Load(const std::string& text, const std::string& name) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::sort(lines.begin(), lines.end());
  std::string sorted;
  for (const std::string& line : lines) sorted += line + "\n";
  return Corpus::FromText(sorted, name);
}

TEST(Explain, PathNamesParametersOfFunctionTypes) {
  const std::string common =
      "f subprogram ( formal_parameter pointer_type { s#holder } byte_size(8) h ) -> base_type "
      "void\n"
      "s#holder structure_type holder { member t#cb_t cb data_member_location(0) } byte_size(8)\n"
      "t#cb_t typedef_type cb_t { pointer_type { subroutine_type ( formal_parameter pointer_type "
      "{ s#top } byte_size(8) ) -> base_type int byte_size(4) encoding(5) } byte_size(8) }\n";
  const Corpus ref =
      Load(common +
               "s#top structure_type top { member base_type int byte_size(4) encoding(5) a "
               "data_member_location(0) } byte_size(4)\n",
           "r");
  const Corpus neu =
      Load(common +
               "s#top structure_type top { member base_type long int byte_size(8) encoding(5) a "
               "data_member_location(0) } byte_size(8)\n",
           "n");
  const Explanation x = Explain(ref, neu, "f");
  ASSERT_EQ(x.causes.size(), 1u);
  EXPECT_EQ(FormatPath(x.causes[0].path),
            "export f -> parameter 1 'h' -> struct holder -> member 'cb' at offset 0 -> typedef "
            "cb_t -> parameter 1 of the function type -> struct top");
}

Explanation BecameDefined(const std::string& parameter) {
  const std::string signature =
      "f subprogram ( formal_parameter " + parameter + " c ) -> base_type void\n";
  const Corpus ref = Load(signature + "s#ctx structure_type ctx { }\n", "r");
  const Corpus neu =
      Load(signature +
               "s#ctx structure_type ctx { member base_type int byte_size(4) encoding(5) a "
               "data_member_location(0) } byte_size(4)\n",
           "n");
  return Explain(ref, neu, "f");
}

TEST(Explain, DeclonlySafeOnlyThroughPointers) {
  const Explanation pointer = BecameDefined("pointer_type { s#ctx } byte_size(8)");
  ASSERT_EQ(pointer.causes.size(), 1u);
  ASSERT_EQ(pointer.causes[0].fixits.size(), 1u);
  EXPECT_EQ(pointer.causes[0].fixits[0].macro, "KABI_DECLONLY(\"ctx\");");
  EXPECT_TRUE(pointer.causes[0].fixits[0].safe);
  const Explanation value = BecameDefined("s#ctx");
  ASSERT_EQ(value.causes.size(), 1u);
  ASSERT_EQ(value.causes[0].fixits.size(), 1u);
  EXPECT_FALSE(value.causes[0].fixits[0].safe);
  EXPECT_NE(value.causes[0].fixits[0].warning.find("reached by value"), std::string::npos);
}

TEST(Explain, NoteWhenEveryTypeIsOpaque) {
  const Corpus corpus = Load(
      "f subprogram ( formal_parameter pointer_type { s#priv } byte_size(8) p ) -> base_type "
      "void\ns#priv structure_type priv { }\n",
      "c");
  const Explanation x = Explain(corpus, corpus, "f");
  ASSERT_EQ(x.notes.size(), 1u);
  EXPECT_NE(x.notes[0].find("defined in a .c file"), std::string::npos);
}

TEST(Explain, CharSignednessIsNoCRetype) {
  // -funsigned-char: the old type cannot be written in C any more.
  auto corpus = [](int encoding) {
    return Load(fmt::format("f subprogram ( formal_parameter pointer_type {{ s#c }} byte_size(8) p "
                            ") -> base_type void\n"
                            "s#c structure_type c {{ member pointer_type {{ base_type char "
                            "byte_size(1) encoding({}) }} byte_size(8) name "
                            "data_member_location(0) , member base_type int byte_size(4) "
                            "encoding(5) n data_member_location(8) }} byte_size(16)\n",
                            encoding),
                "c");
  };
  const Explanation x = Explain(corpus(6), corpus(8), "f");
  ASSERT_EQ(x.causes.size(), 1u);
  ASSERT_EQ(x.causes[0].changes.size(), 1u);
  EXPECT_EQ(x.causes[0].changes[0].old_type, "char (signed_char) *");
  EXPECT_EQ(x.causes[0].changes[0].new_type, "char (unsigned_char) *");
  ASSERT_EQ(x.causes[0].fixits.size(), 1u);
  EXPECT_TRUE(x.causes[0].fixits[0].macro.starts_with("KABI_TYPE_STRING(\"s#c\""));
  EXPECT_FALSE(x.causes[0].fixits[0].safe);
}

TEST(Reach, ExportsPathsAndByValue) {
  const Corpus corpus = Load(
      "by_pointer subprogram ( formal_parameter pointer_type { s#outer } byte_size(8) o ) -> "
      "base_type void\n"
      "by_value variable s#outer\n"
      "unrelated subprogram ( ) -> base_type void\n"
      "s#outer structure_type outer { member s#inner i data_member_location(0) } byte_size(4)\n"
      "s#inner structure_type inner { member base_type int byte_size(4) encoding(5) n "
      "data_member_location(0) } byte_size(4)\n",
      "c");
  const Reach reach = FindReachingExports(corpus, "s#inner");
  ASSERT_EQ(reach.exports.size(), 2u);
  EXPECT_EQ(reach.exports[0].symbol, "by_pointer");
  EXPECT_FALSE(reach.exports[0].by_value);
  EXPECT_EQ(FormatPath(reach.exports[0].path),
            "export by_pointer -> parameter 1 'o' -> struct outer -> member 'i' at offset 0 -> "
            "struct inner");
  EXPECT_EQ(reach.exports[1].symbol, "by_value");
  EXPECT_TRUE(reach.exports[1].by_value);
  EXPECT_THROW(FindReachingExports(corpus, "s#nothing"), Error);
}

}  // namespace
}  // namespace kcrc
