#include "kcrc/render/die_map.h"

#include <gtest/gtest.h>

#include <vector>

namespace kcrc {
namespace {

// A node as DwarfFile makes them: DIE 0x10, the fourth node of its unit.
DieNode Node() {
  DieNode node;
  node.offset = 0x10;
  node.id = 3;
  return node;
}

// Finishes a rendering the way the renderer does: in `state`, added to the map.
const Rendering& Finish(DieMap& map, Rendering rendering, RenderState state, bool list = false) {
  rendering.state = state;
  return map.Add(std::move(rendering), list);
}

TEST(DieMap, UnfinishedRenderingsAreNotReturned) {
  DieMap map;
  const Rendering first = map.Start(Node());
  const Rendering second = map.Start(Node());
  EXPECT_LT(first.index, second.index);  // numbered in creation order
  EXPECT_EQ(map.Find(Node().id, RenderState::kComplete), nullptr);
}

TEST(DieMap, NewestFinishedWinsEvenWhenAnOlderOneFinishesLater) {
  DieMap map;
  Rendering outer = map.Start(Node());
  Rendering nested = map.Start(Node());
  const Rendering& nested_added = Finish(map, std::move(nested), RenderState::kComplete);
  Finish(map, std::move(outer), RenderState::kComplete);
  EXPECT_EQ(map.Find(Node().id, RenderState::kComplete), &nested_added);
  EXPECT_EQ(map.FindForFlattening(Node().id), &nested_added);
}

TEST(DieMap, StatesAreSeparate) {
  DieMap map;
  const Rendering& complete = Finish(map, map.Start(Node()), RenderState::kComplete);
  EXPECT_EQ(map.Find(Node().id, RenderState::kUnexpanded), nullptr);
  EXPECT_EQ(map.FindForFlattening(Node().id), &complete);
  const Rendering& unexpanded = Finish(map, map.Start(Node()), RenderState::kUnexpanded);
  EXPECT_EQ(map.Find(Node().id, RenderState::kUnexpanded), &unexpanded);
  EXPECT_EQ(map.FindForFlattening(Node().id), &complete);  // COMPLETE first
}

// A cyclic type chain starts one rendering per nesting level; none is in the
// map until finished, so lookups cost the same at any depth.
TEST(DieMap, ManyUnfinishedRenderingsOfOneDie) {
  DieMap map;
  constexpr int kLevels = 200000;
  std::vector<Rendering> open;
  for (int i = 0; i < kLevels; ++i) open.push_back(map.Start(Node()));
  const Rendering& last = Finish(map, map.Start(Node()), RenderState::kComplete);
  EXPECT_EQ(map.Find(Node().id, RenderState::kComplete), &last);
  // The outer ones finish afterwards, innermost first: the newest stays.
  for (int i = kLevels - 1; i >= kLevels - 10; --i)
    Finish(map, std::move(open[i]), RenderState::kComplete);
  EXPECT_EQ(map.Find(Node().id, RenderState::kComplete), &last);
}

TEST(DieMap, ClearForgetsEveryRendering) {
  DieMap map;
  Finish(map, map.Start(Node()), RenderState::kComplete, /*list=*/true);
  map.Clear();
  EXPECT_EQ(map.Find(Node().id, RenderState::kComplete), nullptr);
  EXPECT_EQ(map.Listed().size(), 0u);
  EXPECT_EQ(map.Start(Node()).index, 0u);  // numbering starts again
}

// Listed renderings come back by DIE offset, then state, then creation,
// whatever order they finished in; unlisted ones do not come back.
TEST(DieMap, ListedAreOrderedByOffsetStateAndCreation) {
  DieMap map;
  DieNode low = Node();
  DieNode high = Node();
  high.offset = 0x20;
  high.id = 4;
  Rendering high_complete = map.Start(high);
  Rendering low_unexpanded = map.Start(low);
  Rendering low_complete_first = map.Start(low);
  Rendering low_complete_second = map.Start(low);
  Rendering unlisted = map.Start(low);
  const Rendering* expected_high =
      &Finish(map, std::move(high_complete), RenderState::kComplete, true);
  const Rendering* expected_second =
      &Finish(map, std::move(low_complete_second), RenderState::kComplete, true);
  const Rendering* expected_unexpanded =
      &Finish(map, std::move(low_unexpanded), RenderState::kUnexpanded, true);
  const Rendering* expected_first =
      &Finish(map, std::move(low_complete_first), RenderState::kComplete, true);
  Finish(map, std::move(unlisted), RenderState::kSymbol);
  const std::vector<const Rendering*> listed = map.Listed();
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(listed[0], expected_unexpanded);  // kUnexpanded sorts before kComplete
  EXPECT_EQ(listed[1], expected_first);
  EXPECT_EQ(listed[2], expected_second);
  EXPECT_EQ(listed[3], expected_high);
}

// Numbers are kept as numbers and formatted when flattened; their length is
// known without formatting.
TEST(Fragment, NumbersFormatAsTheReferencePrintsThem) {
  const struct {
    NumberFormat format;
    uint64_t value;
    std::string_view text;
  } cases[] = {
      {NumberFormat::kByteSize, 8, " byte_size(8)"},
      {NumberFormat::kEncoding, 5, " encoding(5)"},
      {NumberFormat::kAlignment, 64, " alignment(64)"},
      {NumberFormat::kAccessibility, 1, " accessibility(1)"},
      {NumberFormat::kBitSize, 3, " bit_size(3)"},
      {NumberFormat::kDataBitOffset, 129, " data_bit_offset(129)"},
      {NumberFormat::kDataMemberLocation, 0, " data_member_location(0)"},
      {NumberFormat::kDiscrValue, 10, " discr_value(10)"},
      {NumberFormat::kSubscript, 0, "[0]"},
      {NumberFormat::kSubscript, 4096, "[4096]"},
      {NumberFormat::kPlain, ~uint64_t{0}, "18446744073709551615"},
      {NumberFormat::kPlain, 9, "9"},
      {NumberFormat::kPlain, 10, "10"},
  };
  for (const auto& c : cases) {
    const Fragment fragment = Fragment::Number(c.format, c.value);
    char buffer[kMaxNumberText];
    EXPECT_EQ(fragment.Text(buffer), c.text);
    EXPECT_EQ(fragment.text_size(), c.text.size()) << c.text;
  }
  const Fragment text = Fragment::String("member ");
  char unused[kMaxNumberText];
  EXPECT_EQ(text.Text(unused), "member ");
  EXPECT_EQ(text.text_size(), 7u);
}

}  // namespace
}  // namespace kcrc
