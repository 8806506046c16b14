#include "kcrc/compare/member_diff.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "kcrc/report/change_text.h"

namespace kcrc {
namespace {

// Records by key, for the scopes of both sides.
using Texts = std::map<std::string, std::string>;

class Records {
 public:
  explicit Records(Texts texts) : texts_(std::move(texts)) {
    for (const auto& [key, text] : texts_) shapes_.emplace(key, ParseShape(text));
  }
  ShapeScope Scope() const {
    return ShapeScope([this](std::string_view key) -> const Shape* {
      auto it = shapes_.find(std::string(key));
      return it == shapes_.end() ? nullptr : &it->second;
    });
  }

 private:
  std::map<std::string, std::string> texts_;
  std::map<std::string, Shape> shapes_;
};

std::vector<Change> Diff(const std::string& a, const std::string& b, const Records& old_records,
                         const Records& new_records) {
  const Shape x = ParseShape(a), y = ParseShape(b);
  const ShapeScope old_scope = old_records.Scope(), new_scope = new_records.Scope();
  return DiffShapes({x, old_scope}, {y, new_scope});
}

std::vector<Change> Diff(const std::string& a, const std::string& b) {
  const Records none(Texts{});
  return Diff(a, b, none, none);
}

std::vector<std::string> Describe(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const Change& c : changes) out.push_back(DescribeChange(c));
  return out;
}

TEST(DiffShapes, MembersAddedRemovedRenamedRetypedMovedInOffsetOrder) {
  const std::string a =
      "structure_type s { member base_type int byte_size(4) encoding(5) a data_member_location(0) "
      ", member base_type int byte_size(4) encoding(5) b data_member_location(4) , "
      "member base_type int byte_size(4) encoding(5) c data_member_location(8) , "
      "member base_type int byte_size(4) encoding(5) gone data_member_location(12) } byte_size(16)";
  const std::string b =
      "structure_type s { member base_type int byte_size(4) encoding(5) a data_member_location(0) "
      ", member base_type int byte_size(4) encoding(5) bee data_member_location(4) , "
      "member base_type long int byte_size(8) encoding(5) c data_member_location(8) , "
      "member base_type int byte_size(4) encoding(5) d data_member_location(16) } byte_size(24)";
  EXPECT_EQ(Describe(Diff(a, b)),
            (std::vector<std::string>{
                "member 'b' renamed to 'bee' at offset 4",
                "member 'c' changed type from 'int' to 'long int' at offset 8, size 4 -> 8",
                "member 'gone' (int) removed from offset 12 (size 4)",
                "member 'd' (int) added at offset 16 (size 4)",
                "byte size changed from 16 to 24 because 'c' (long int, at offset 8) grew from 4 "
                "to 8 bytes",
            }));
}

TEST(DiffShapes, MovesTiedToTheirCause) {
  EXPECT_EQ(
      Describe(Diff("structure_type s { member base_type int byte_size(4) encoding(5) a "
                    "data_member_location(0) , member base_type int byte_size(4) encoding(5) b "
                    "data_member_location(4) } byte_size(8)",
                    "structure_type s { member base_type long int byte_size(8) encoding(5) a "
                    "data_member_location(0) , member base_type int byte_size(4) encoding(5) b "
                    "data_member_location(8) } byte_size(16)")),
      (std::vector<std::string>{
          "member 'a' changed type from 'int' to 'long int' at offset 0, size 4 -> 8",
          "member 'b' moved from offset 4 to offset 8 because 'a' (long int, at offset 0) grew "
          "from 4 to 8 bytes",
          "byte size changed from 8 to 16 because 'a' (long int, at offset 0) grew from 4 to 8 "
          "bytes",
      }));
  // An embedded struct that grew: the outer struct's changes follow from it.
  const std::string outer_a =
      "structure_type outer { member base_type long int byte_size(8) encoding(5) id "
      "data_member_location(0) , member s#stats stats data_member_location(8) , member "
      "pointer_type { base_type void } byte_size(8) ops data_member_location(24) } byte_size(32)";
  const std::string outer_b =
      "structure_type outer { member base_type long int byte_size(8) encoding(5) id "
      "data_member_location(0) , member s#stats stats data_member_location(8) , member "
      "pointer_type { base_type void } byte_size(8) ops data_member_location(32) } byte_size(40)";
  const Records old_records(Texts{{"s#stats", "structure_type stats { } byte_size(16)"}});
  const Records new_records(Texts{{"s#stats", "structure_type stats { } byte_size(24)"}});
  const std::vector<Change> changes = Diff(outer_a, outer_b, old_records, new_records);
  EXPECT_EQ(Describe(changes),
            (std::vector<std::string>{
                "member 'ops' moved from offset 24 to offset 32 because 'stats' (struct stats, "
                "embedded at offset 8) grew from 16 to 24 bytes",
                "byte size changed from 32 to 40 because 'stats' (struct stats, embedded at "
                "offset 8) grew from 16 to 24 bytes",
            }));
  ASSERT_TRUE(changes[0].because);
  EXPECT_EQ(changes[0].because->key, "s#stats");
}

// Two bit-fields: `mode` of width `mode_bits` at bit 3, `flag` at `flag_at`.
std::string BitFields(int mode_bits, int flag_at) {
  return fmt::format(
      "structure_type f {{ member base_type unsigned int byte_size(4) encoding(7) mode "
      "bit_size({}) data_bit_offset(3) , member base_type unsigned int byte_size(4) encoding(7) "
      "flag bit_size(1) data_bit_offset({}) }} byte_size(4)",
      mode_bits, flag_at);
}

TEST(DiffShapes, BitFieldsInBits) {
  const std::string a = BitFields(4, 7);
  const std::string b = BitFields(5, 8);
  EXPECT_EQ(Describe(Diff(a, b)), (std::vector<std::string>{
                                      "member 'mode' bit width changed from 4 to 5",
                                      "member 'flag' moved from bit 7 to bit 8",
                                  }));
  const std::vector<Change> changes = Diff(a, b);
  EXPECT_EQ(changes[0].old_bit_size, 4u);
  EXPECT_EQ(changes[0].new_bit_size, 5u);
  EXPECT_EQ(changes[1].old_offset_bits, 7u);
  EXPECT_EQ(changes[1].new_offset_bits, 8u);
}

TEST(DiffShapes, InsideAnonymousUnion) {
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

TEST(DiffShapes, EnumsParametersTypedefsDeclarations) {
  EXPECT_EQ(
      Describe(Diff("enumeration_type e { enumerator A = 0 , enumerator B = 1 } byte_size(4)",
                    "enumeration_type e { enumerator A = 0 , enumerator C = 1 , enumerator B = 2 } "
                    "byte_size(4)")),
      (std::vector<std::string>{"enumerator 'C' = 1 added",
                                "enumerator 'B' value changed from 1 to 2"}));
  const std::vector<Change> renamed = Diff(
      "subprogram ( formal_parameter base_type int byte_size(4) encoding(5) a ) -> "
      "base_type void",
      "subprogram ( formal_parameter base_type int byte_size(4) encoding(5) b ) -> "
      "base_type void");
  EXPECT_EQ(Describe(renamed), (std::vector<std::string>{"parameter 1 'a' renamed to 'b'"}));
  EXPECT_EQ(renamed[0].kind, ChangeKind::kParameterRenamed);
  EXPECT_EQ(Describe(Diff("typedef_type t { base_type int byte_size(4) encoding(5) }",
                          "typedef_type t { base_type long int byte_size(8) encoding(5) }")),
            (std::vector<std::string>{"type changed from 'int' to 'long int', size 4 -> 8"}));
  EXPECT_EQ(Describe(Diff("structure_type foo { }",
                          "structure_type foo { member base_type int byte_size(4) encoding(5) x "
                          "data_member_location(0) } byte_size(4)")),
            (std::vector<std::string>{"became defined (was a declaration only) (size 4)"}));
  EXPECT_EQ(Diff("structure_type foo { }", "union_type foo { }")[0].kind, ChangeKind::kKindChanged);
  EXPECT_TRUE(Diff("variable s#a", "variable s#a").empty());
  // A typedef of an anonymous struct: diffed inside.
  EXPECT_EQ(Describe(Diff("typedef_type t { structure_type { member base_type int byte_size(4) "
                          "encoding(5) a data_member_location(0) } byte_size(4) }",
                          "typedef_type t { structure_type { member base_type int byte_size(4) "
                          "encoding(5) b data_member_location(0) } byte_size(4) }")),
            (std::vector<std::string>{"member 'a' renamed to 'b' at offset 0"}));
  // Outside the grammar: the texts.
  EXPECT_EQ(Diff("junk {", "junk }")[0].kind, ChangeKind::kTextChanged);
}

}  // namespace
}  // namespace kcrc
