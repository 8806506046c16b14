#include "kcrc/compare/member_diff.h"

#include <gtest/gtest.h>

#include "kcrc/symtypes/parser.h"

namespace kcrc {
namespace {

std::vector<Change> Diff(std::string_view a, std::string_view b) {
  const RefSizer none = [](std::string_view) { return std::optional<uint64_t>(); };
  return DiffRecords(TokenizeValue(a), TokenizeValue(b), none, none);
}

std::vector<std::string> Describe(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const Change& c : changes) out.push_back(c.Describe());
  return out;
}

std::string Pretty(std::string_view type) {
  const TokenList tokens = TokenizeValue(type);
  return PrettyType(SplitWords(tokens));
}

TEST(PrettyType, CSpellings) {
  EXPECT_EQ(Pretty("base_type long unsigned int byte_size(8) encoding(7)"), "long unsigned int");
  EXPECT_EQ(Pretty("pointer_type { const_type { s#point } } byte_size(8)"), "const struct point *");
  EXPECT_EQ(Pretty("array_type[4][5] { base_type int byte_size(4) encoding(5) }"), "int[4][5]");
  EXPECT_EQ(
      Pretty("pointer_type { subroutine_type ( formal_parameter pointer_type { base_type void } "
             "byte_size(8) , formal_parameter base_type int byte_size(4) encoding(5) ) -> "
             "base_type int byte_size(4) encoding(5) } byte_size(8)"),
      "int (*)(void *, int)");
  EXPECT_EQ(Pretty("t#ulong_t"), "ulong_t");
  EXPECT_EQ(Pretty("u#'a b'"), "union a b");
  EXPECT_EQ(Pretty("union_type { member base_type int byte_size(4) encoding(5) i } byte_size(4)"),
            "union {...}");
  EXPECT_EQ(Declaration("int (*)(void)", "fn"), "int (*fn)(void)");
  EXPECT_EQ(Declaration("char[16]", "name"), "char name[16]");
}

TEST(TypeSize, FromByteSizeArraysAndReferences) {
  auto size = [](std::string_view type) {
    const TokenList tokens = TokenizeValue(type);
    return MaybeTypeSize(SplitWords(tokens), [](std::string_view ref) -> std::optional<uint64_t> {
      if (ref == "s#point") return 8;
      return std::nullopt;
    });
  };
  EXPECT_EQ(size("base_type int byte_size(4) encoding(5)"), 4u);
  EXPECT_EQ(size("pointer_type { s#node } byte_size(8)"), 8u);
  EXPECT_EQ(size("array_type[4][5] { base_type int byte_size(4) encoding(5) }"), 80u);
  EXPECT_EQ(size("array_type[] { base_type int byte_size(4) encoding(5) }"), 0u);
  EXPECT_EQ(size("const_type { s#point }"), 8u);
  EXPECT_EQ(size("s#point"), 8u);
  EXPECT_EQ(size("s#other"), std::nullopt);
}

TEST(ParseShape, StructWithBitfieldsAndAnonymousUnion) {
  // From the specification's examples (3.7 and 5).
  const TokenList tokens = TokenizeValue(
      "structure_type node { member pointer_type { s#node } byte_size(8) next "
      "data_member_location(0) "
      ", member s#point pos data_member_location(8) , member base_type unsigned int byte_size(4) "
      "encoding(7) flags bit_size(3) data_bit_offset(128) , member union_type { member s#c cc } "
      "byte_size(4) data_member_location(20) } byte_size(24) alignment(8)");
  const Shape shape = ParseShape(SplitWords(tokens));
  EXPECT_EQ(shape.kind, ShapeKind::kStruct);
  EXPECT_EQ(shape.name, "node");
  EXPECT_EQ(shape.byte_size, 24u);
  EXPECT_EQ(shape.alignment, 8u);
  ASSERT_EQ(shape.items.size(), 4u);
  EXPECT_EQ(shape.items[0].name, "next");
  EXPECT_EQ(shape.items[0].offset_bits, 0u);
  EXPECT_EQ(shape.items[1].name, "pos");
  EXPECT_EQ(shape.items[1].offset_bits, 64u);
  EXPECT_EQ(shape.items[2].name, "flags");
  EXPECT_EQ(shape.items[2].bit_size, 3u);
  EXPECT_EQ(shape.items[2].offset_bits, 128u);
  EXPECT_EQ(shape.items[3].name, "");
  EXPECT_EQ(shape.items[3].offset_bits, 160u);
  EXPECT_FALSE(shape.declaration);
  EXPECT_TRUE(ParseShape(SplitWords(TokenizeValue("structure_type foo { }"))).declaration);
}

TEST(DiffRecords, MembersAddedRemovedRenamedRetypedMoved) {
  const std::string a =
      "structure_type s { member base_type int byte_size(4) encoding(5) a data_member_location(0) "
      ", "
      "member base_type int byte_size(4) encoding(5) b data_member_location(4) , "
      "member base_type int byte_size(4) encoding(5) c data_member_location(8) , "
      "member base_type int byte_size(4) encoding(5) gone data_member_location(12) } byte_size(16)";
  const std::string b =
      "structure_type s { member base_type int byte_size(4) encoding(5) a data_member_location(0) "
      ", "
      "member base_type int byte_size(4) encoding(5) bee data_member_location(4) , "
      "member base_type long int byte_size(8) encoding(5) c data_member_location(8) , "
      "member base_type int byte_size(4) encoding(5) d data_member_location(16) } byte_size(24)";
  EXPECT_EQ(Describe(Diff(a, b)),
            (std::vector<std::string>{
                "member 'b' renamed to 'bee' at offset 4",
                "member 'gone' (int) removed from offset 12 (size 4)",
                "member 'c' changed type from 'int' to 'long int' at offset 8, size 4 -> 8",
                "member 'd' (int) added at offset 16 (size 4)",
                "byte size changed from 16 to 24",
            }));
}

TEST(DiffRecords, RetypedAndMoved) {
  EXPECT_EQ(
      Describe(Diff(
          "structure_type s { member base_type int byte_size(4) encoding(5) a "
          "data_member_location(0) , "
          "member base_type int byte_size(4) encoding(5) b data_member_location(4) } byte_size(8)",
          "structure_type s { member base_type long int byte_size(8) encoding(5) a "
          "data_member_location(0) , "
          "member base_type int byte_size(4) encoding(5) b data_member_location(8) } "
          "byte_size(16)")),
      (std::vector<std::string>{
          "member 'a' changed type from 'int' to 'long int' at offset 0, size 4 -> 8",
          "member 'b' moved from offset 4 to offset 8",
          "byte size changed from 8 to 16",
      }));
  EXPECT_EQ(Describe(Diff("structure_type s { member base_type int byte_size(4) encoding(5) a "
                          "data_member_location(4) } byte_size(8)",
                          "structure_type s { member base_type char byte_size(1) encoding(6) a "
                          "data_member_location(0) } byte_size(8)")),
            (std::vector<std::string>{"member 'a' changed type from 'int' to 'char' and moved from "
                                      "offset 4 to offset 0, size 4 -> 1"}));
}

TEST(DiffRecords, InsideAnonymousUnion) {
  const std::string a =
      "structure_type s { member union_type { member base_type int byte_size(4) encoding(5) x , "
      "member base_type int byte_size(4) encoding(5) __kabi_reserved0 } byte_size(4) "
      "data_member_location(0) } byte_size(4)";
  const std::string b =
      "structure_type s { member union_type { member base_type int byte_size(4) encoding(5) x , "
      "member base_type int byte_size(4) encoding(5) y } byte_size(4) data_member_location(0) } "
      "byte_size(4)";
  EXPECT_EQ(Describe(Diff(a, b)),
            (std::vector<std::string>{
                "member '(anonymous union at offset 0).__kabi_reserved0' renamed to "
                "'(anonymous union at offset 0).y'"}));
}

TEST(DiffRecords, EnumsParametersTypedefsDeclarations) {
  EXPECT_EQ(
      Describe(Diff("enumeration_type e { enumerator A = 0 , enumerator B = 1 } byte_size(4)",
                    "enumeration_type e { enumerator A = 0 , enumerator C = 1 , enumerator B = 2 } "
                    "byte_size(4)")),
      (std::vector<std::string>{"enumerator 'C' = 1 added",
                                "enumerator 'B' value changed from 1 to 2"}));
  EXPECT_EQ(
      Describe(Diff("subprogram ( formal_parameter base_type int byte_size(4) encoding(5) a ) -> "
                    "base_type void",
                    "subprogram ( formal_parameter base_type int byte_size(4) encoding(5) b ) -> "
                    "base_type void")),
      (std::vector<std::string>{"parameter 1 'a' renamed to 'b'"}));
  EXPECT_EQ(Describe(Diff("typedef_type t { base_type int byte_size(4) encoding(5) }",
                          "typedef_type t { base_type long int byte_size(8) encoding(5) }")),
            (std::vector<std::string>{"type changed from 'int' to 'long int', size 4 -> 8"}));
  EXPECT_EQ(Describe(Diff("structure_type foo { }",
                          "structure_type foo { member base_type int byte_size(4) encoding(5) x "
                          "data_member_location(0) } byte_size(4)")),
            (std::vector<std::string>{"became defined (was a declaration only) (size 4)"}));
  EXPECT_EQ(Diff("structure_type foo { }", "union_type foo { }")[0].kind, ChangeKind::kKindChanged);
  EXPECT_TRUE(Diff("variable s#a", "variable s#a").empty());
}

}  // namespace
}  // namespace kcrc
