// shape/shape.h: records parsed into typed shapes, and printed back.
//
// The property test reads every record of every fixture, golden compare
// scenario and conformance case: each must parse into a shape (not opaque)
// and print back byte for byte. Outside CTest, the same check over a real
// kernel's records:
//   KCRC_SHAPE_CORPUS=~/.cache/kcrc-bench/6.1-cloud.symtypes
//     build/tests/kcrc_tests --gtest_filter='ShapeProperty.*'
#include "kcrc/shape/shape.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "kcrc/compare/corpus.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;
using grammar::Attribute;
using grammar::Keyword;

TEST(Shape, Structure) {
  const std::string text =
      "structure_type node { member pointer_type { s#node } byte_size(8) next "
      "data_member_location(0) , member s#point pos data_member_location(8) , member base_type "
      "unsigned int byte_size(4) encoding(7) flags bit_size(3) data_bit_offset(128) } "
      "byte_size(24)";
  const Shape shape = ParseShape(text);
  ASSERT_EQ(shape.form, Shape::Form::kType);
  const auto* node = As<AggregateType>(shape.type);
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->keyword, Keyword::kStructureType);
  EXPECT_EQ(node->name, "node");
  EXPECT_EQ(node->attributes.Get(Attribute::kByteSize), 24u);
  EXPECT_FALSE(node->attributes.Get(Attribute::kAlignment));
  ASSERT_EQ(node->body.items.size(), 3u);
  const Item& next = node->body.items[0];
  EXPECT_EQ(next.keyword, Keyword::kMember);
  EXPECT_EQ(next.name, "next");
  EXPECT_EQ(next.offset_bits(), 0u);
  const auto* pointer = As<ModifierType>(*next.type);
  ASSERT_NE(pointer, nullptr);
  EXPECT_EQ(pointer->keyword, Keyword::kPointerType);
  EXPECT_EQ(pointer->attributes.Get(Attribute::kByteSize), 8u);
  ASSERT_NE(As<RefType>(*pointer->target), nullptr);
  EXPECT_EQ(As<RefType>(*pointer->target)->key, "s#node");
  EXPECT_EQ(node->body.items[1].offset_bits(), 64u);
  const Item& flags = node->body.items[2];
  EXPECT_EQ(flags.name, "flags");
  EXPECT_EQ(flags.bit_size(), 3u);
  EXPECT_EQ(flags.offset_bits(), 128u);
  const auto* base = As<BaseType>(*flags.type);
  ASSERT_NE(base, nullptr);
  EXPECT_EQ(base->name, "unsigned int");
  EXPECT_EQ(base->attributes.Get(Attribute::kEncoding), 7u);
  EXPECT_EQ(PrintShape(shape), text);
}

TEST(Shape, EnumeratorsAndOpaqueBodies) {
  const std::string text =
      "enumeration_type color { enumerator RED = 0 , enumerator GREEN = 5 , enumerator NEG = "
      "18446744073709551615 } byte_size(4)";
  const Shape shape = ParseShape(text);
  const auto* color = As<AggregateType>(shape.type);
  ASSERT_NE(color, nullptr);
  ASSERT_EQ(color->body.items.size(), 3u);
  EXPECT_EQ(color->body.items[1].name, "GREEN");
  EXPECT_EQ(color->body.items[1].value, 5u);
  EXPECT_EQ(color->body.items[2].value, ~uint64_t{0});
  EXPECT_EQ(PrintShape(shape), text);

  const Shape declared = ParseShape("structure_type opaque { }");
  ASSERT_NE(As<AggregateType>(declared.type), nullptr);
  EXPECT_TRUE(As<AggregateType>(declared.type)->opaque());
  EXPECT_FALSE(As<AggregateType>(declared.type)->body.empty_child);
  // An enum whose every enumerator a kABI rule ignores: an empty child.
  const Shape ignored = ParseShape("enumeration_type e { } byte_size(4)");
  EXPECT_FALSE(As<AggregateType>(ignored.type)->opaque());
  const std::string gap = "enumeration_type e {  } byte_size(4)";
  const Shape with_gap = ParseShape(gap);
  ASSERT_NE(As<AggregateType>(with_gap.type), nullptr);
  EXPECT_TRUE(As<AggregateType>(with_gap.type)->body.empty_child);
  EXPECT_EQ(PrintShape(with_gap), gap);
}

TEST(Shape, FunctionsArraysAndVariables) {
  const std::string text =
      "subprogram ( formal_parameter pointer_type { subroutine_type ( formal_parameter s#req , "
      "formal_parameter base_type unsigned int byte_size(4) encoding(7) ) -> base_type int "
      "byte_size(4) encoding(5) } byte_size(8) cb , formal_parameter array_type[4][] { base_type "
      "char byte_size(1) encoding(6) } buf ) -> base_type void";
  const Shape shape = ParseShape(text);
  const auto* function = As<FunctionType>(shape.type);
  ASSERT_NE(function, nullptr);
  EXPECT_EQ(function->keyword, Keyword::kSubprogram);
  ASSERT_EQ(function->parameters.size(), 2u);
  EXPECT_EQ(function->parameters[0].name, "cb");
  const auto* callback = As<FunctionType>(*As<ModifierType>(*function->parameters[0].type)->target);
  ASSERT_NE(callback, nullptr);
  EXPECT_EQ(callback->parameters.size(), 2u);
  EXPECT_EQ(As<BaseType>(*callback->result)->name, "int");
  const auto* array = As<ArrayType>(*function->parameters[1].type);
  ASSERT_NE(array, nullptr);
  ASSERT_EQ(array->bounds.size(), 2u);
  EXPECT_EQ(array->bounds[0], 4u);
  EXPECT_FALSE(array->bounds[1]);
  EXPECT_EQ(As<BaseType>(*function->result)->name, "void");
  EXPECT_EQ(PrintShape(shape), text);

  const std::string variable = "variable const_type { s#'tmpl<long int>' }";
  const Shape var = ParseShape(variable);
  EXPECT_EQ(var.form, Shape::Form::kVariable);
  EXPECT_EQ(As<RefType>(*As<ModifierType>(var.type)->target)->key, "s#'tmpl<long int>'");
  EXPECT_EQ(PrintShape(var), variable);

  const Shape none = ParseShape("subprogram ( ) -> unspecified_type");
  EXPECT_TRUE(As<FunctionType>(none.type)->parameters.empty());
  EXPECT_NE(As<UnspecifiedType>(*As<FunctionType>(none.type)->result), nullptr);
}

TEST(Shape, NamesWithSpacesAndEmptyTypes) {
  // Rust pointer names, C++ template names; a kABI-ignored union renders as
  // nothing, here as a typedef's target and as a parameter's type.
  for (const std::string text : {
           "subprogram ( formal_parameter pointer_type &r::Shape { s#r::Shape } s ) -> base_type "
           "u64 byte_size(8) encoding(7)",
           "structure_type tmpl<long int> { }",
           "typedef_type ign_t {  }",
           "subprogram ( formal_parameter  x ) -> base_type void",
           "variable ",
           "structure_type r::Shape { variant_part { member base_type u16 byte_size(2) "
           "encoding(7) data_member_location(0) , variant { member s#r::Shape::Circle Circle "
           "data_member_location(0) } discr_value(0) } } byte_size(8) alignment(4)",
       }) {
    const Shape shape = ParseShape(text);
    EXPECT_NE(shape.form, Shape::Form::kOpaque) << text;
    EXPECT_EQ(PrintShape(shape), text);
  }
  const Shape rust = ParseShape(
      "subprogram ( formal_parameter pointer_type &r::Shape { s#r::Shape } s ) -> base_type u64 "
      "byte_size(8) encoding(7)");
  const Item& s = As<FunctionType>(rust.type)->parameters[0];
  EXPECT_EQ(s.name, "s");
  EXPECT_EQ(As<ModifierType>(*s.type)->name, "&r::Shape");
}

TEST(Shape, TextOutsideTheGrammarIsOpaque) {
  for (const std::string text :
       {"structure_type x {", "byte_size(4)", "structure_type a { } byte_size(08)", "s#a s#b",
        "array_type[x] { s#a }", "member s#a"}) {
    const Shape shape = ParseShape(text);
    EXPECT_EQ(shape.form, Shape::Form::kOpaque) << text;
    EXPECT_EQ(PrintShape(shape), text);
  }
}

// Every record of a corpus parses and prints back; returns how many.
size_t ExpectRoundTrip(const std::string& path) {
  const Corpus corpus = Corpus::Load(path, 1);
  size_t opaque = 0;
  for (RecordId id = 0; id < corpus.record_count(); ++id) {
    const std::string_view text = corpus.text(id);
    const Shape shape = ParseShape(text);
    if (shape.form == Shape::Form::kOpaque) {
      ++opaque;
      ADD_FAILURE() << path << ": " << corpus.key(id) << " does not parse: " << text;
      continue;
    }
    EXPECT_EQ(PrintShape(shape), text) << path << ": " << corpus.key(id);
  }
  EXPECT_EQ(opaque, 0u) << path;
  return corpus.record_count();
}

std::vector<fs::path> SymtypesFiles(const fs::path& root) {
  std::vector<fs::path> files;
  if (!fs::exists(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file() && entry.path().extension() == ".symtypes")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ShapeProperty, FixturesAndGoldenScenarios) {
  size_t records = 0;
  const fs::path source(KCRC_SOURCE_DIR);
  for (const fs::path& dir : {source / "fixtures", source / "tests"})
    for (const fs::path& file : SymtypesFiles(dir)) records += ExpectRoundTrip(file.string());
  EXPECT_GT(records, 200u);
}

TEST(ShapeProperty, ConformanceCases) {
  const std::vector<fs::path> files = SymtypesFiles(fs::path(KCRC_CONFORMANCE_DIR) / "cases");
  if (files.empty()) GTEST_SKIP() << "conformance pack not found at " << KCRC_CONFORMANCE_DIR;
  size_t records = 0;
  for (const fs::path& file : files) records += ExpectRoundTrip(file.string());
  EXPECT_GT(records, 300u);
}

TEST(ShapeProperty, ExternalCorpus) {
  const char* path = std::getenv("KCRC_SHAPE_CORPUS");
  if (!path) GTEST_SKIP() << "set KCRC_SHAPE_CORPUS to a symtypes file or tree";
  const size_t records = ExpectRoundTrip(path);
  RecordProperty("records", static_cast<int>(records));
  EXPECT_GT(records, 0u);
}

}  // namespace
}  // namespace kcrc
