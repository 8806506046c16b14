// shape/scope.h and shape/c_type.h: sizes, alignment, representation and C
// spellings of shapes.
#include <gtest/gtest.h>

#include <deque>
#include <map>

#include "kcrc/shape/c_type.h"
#include "kcrc/shape/scope.h"

namespace kcrc {
namespace {

class Fixture : public testing::Test {
 protected:
  Fixture() {
    for (const auto& [key, text] : texts_) shapes_.emplace(key, ParseShape(text));
  }
  ShapeScope Scope() const {
    return ShapeScope([this](std::string_view key) -> const Shape* {
      auto it = shapes_.find(std::string(key));
      return it == shapes_.end() ? nullptr : &it->second;
    });
  }
  const Type& TypeOf(const std::string& text) {
    return parsed_.emplace_back(ParseShape(owned_.emplace_back(text))).type;
  }

  std::map<std::string, std::string> texts_ = {
      {"s#point",
       "structure_type point { member base_type int byte_size(4) encoding(5) x "
       "data_member_location(0) , member base_type long int byte_size(8) encoding(5) y "
       "data_member_location(8) } byte_size(16)"},
      {"t#u32", "typedef_type u32 { base_type unsigned int byte_size(4) encoding(7) }"},
      {"e#color", "enumeration_type color { enumerator RED = 0 } byte_size(4)"},
  };
  std::map<std::string, Shape> shapes_;
  std::deque<std::string> owned_;
  std::deque<Shape> parsed_;
};

TEST_F(Fixture, Sizes) {
  const ShapeScope scope = Scope();
  EXPECT_EQ(scope.SizeOf(TypeOf("base_type int byte_size(4) encoding(5)")), 4u);
  EXPECT_EQ(scope.SizeOf(TypeOf("pointer_type { s#node } byte_size(8)")), 8u);
  EXPECT_EQ(scope.SizeOf(TypeOf("pointer_type { s#node }")), std::nullopt);  // clang
  EXPECT_EQ(scope.SizeOf(TypeOf("array_type[4][5] { base_type int byte_size(4) encoding(5) }")),
            80u);
  EXPECT_EQ(scope.SizeOf(TypeOf("array_type[] { base_type int byte_size(4) encoding(5) }")),
            std::nullopt);
  EXPECT_EQ(scope.SizeOf(TypeOf("const_type { s#point }")), 16u);
  EXPECT_EQ(scope.SizeOf(TypeOf("t#u32")), 4u);
  EXPECT_EQ(scope.SizeOf(TypeOf("s#other")), std::nullopt);
}

TEST_F(Fixture, Alignment) {
  const ShapeScope scope = Scope();
  EXPECT_EQ(scope.AlignmentOf(TypeOf("s#point")), 8u);
  EXPECT_EQ(scope.AlignmentOf(TypeOf("array_type[3] { base_type char byte_size(1) encoding(6) }")),
            1u);
  EXPECT_EQ(scope.AlignmentOf(TypeOf("typedef_type aint { base_type int byte_size(4) encoding(5) "
                                     "} alignment(8)")),
            8u);
  EXPECT_EQ(NaturalAlignment(12), 4u);
  EXPECT_EQ(NaturalAlignment(32), 16u);
}

TEST_F(Fixture, Representation) {
  const ShapeScope scope = Scope();
  auto same = [&](const std::string& a, const std::string& b) {
    return SameRepresentation(scope.Representation(TypeOf(a)), scope.Representation(TypeOf(b)));
  };
  EXPECT_TRUE(same("t#u32", "base_type unsigned int byte_size(4) encoding(7)"));
  EXPECT_TRUE(same("base_type unsigned int byte_size(4) encoding(7)", "e#color"));
  EXPECT_FALSE(
      same("base_type int byte_size(4) encoding(5)", "base_type float byte_size(4) encoding(4)"));
  EXPECT_FALSE(same("base_type int byte_size(4) encoding(5)",
                    "base_type unsigned int byte_size(4) encoding(7)"));
  EXPECT_TRUE(same("pointer_type { base_type char byte_size(1) encoding(6) } byte_size(8)",
                   "pointer_type { const_type { base_type char byte_size(1) encoding(6) } } "
                   "byte_size(8)"));
  EXPECT_FALSE(
      same("pointer_type { s#point } byte_size(8)", "pointer_type { s#node } byte_size(8)"));
  EXPECT_FALSE(same("pointer_type { base_type void } byte_size(8)",
                    "pointer_type { s#point } byte_size(8)"));
  EXPECT_FALSE(same(
      "pointer_type { subroutine_type ( formal_parameter s#point ) -> base_type void } "
      "byte_size(8)",
      "pointer_type { subroutine_type ( formal_parameter s#point , formal_parameter base_type int "
      "byte_size(4) encoding(5) ) -> base_type void } byte_size(8)"));
}

TEST_F(Fixture, CSpellings) {
  EXPECT_EQ(CTypeName(TypeOf("base_type long unsigned int byte_size(8) encoding(7)")),
            "long unsigned int");
  EXPECT_EQ(CTypeName(TypeOf("pointer_type { const_type { s#point } } byte_size(8)")),
            "const struct point *");
  EXPECT_EQ(CTypeName(TypeOf("const_type { pointer_type { s#point } byte_size(8) }")),
            "struct point *const");
  EXPECT_EQ(CTypeName(TypeOf("array_type[4][5] { base_type int byte_size(4) encoding(5) }")),
            "int[4][5]");
  const Type& callback = TypeOf(
      "pointer_type { subroutine_type ( formal_parameter pointer_type { base_type void } "
      "byte_size(8) , formal_parameter base_type int byte_size(4) encoding(5) ) -> base_type int "
      "byte_size(4) encoding(5) } byte_size(8)");
  EXPECT_EQ(CTypeName(callback), "int (*)(void *, int)");
  EXPECT_EQ(CDeclaration(callback, "fn"), "int (*fn)(void *, int)");
  EXPECT_FALSE(IsPlainTypeName(callback));
  const Type& buffer = TypeOf("array_type[16] { base_type char byte_size(1) encoding(6) }");
  EXPECT_EQ(CDeclaration(buffer, "name"), "char name[16]");
  EXPECT_FALSE(IsPlainTypeName(buffer));
  EXPECT_EQ(CDeclaration(TypeOf("pointer_type { array_type[4] { base_type int byte_size(4) "
                                "encoding(5) } } byte_size(8)"),
                         "p"),
            "int (*p)[4]");
  EXPECT_EQ(CTypeName(TypeOf("t#ulong_t")), "ulong_t");
  EXPECT_EQ(CTypeName(TypeOf("u#'a b'")), "union a b");
  EXPECT_EQ(CTypeName(TypeOf("union_type { member base_type int byte_size(4) encoding(5) i , "
                             "member base_type unsigned int byte_size(4) encoding(7) f bit_size(3) "
                             "} byte_size(4)")),
            "union { int i; unsigned int f : 3; }");
  EXPECT_EQ(CTypeName(TypeOf("subprogram ( ) -> base_type void")), "void (void)");
}

}  // namespace
}  // namespace kcrc
