#include "kcrc/render/die_map.h"

#include <gtest/gtest.h>

namespace kcrc {
namespace {

// A node as DwarfFile makes them: DIE 0x10, the fourth node of its unit.
DieNode Node() {
  DieNode node;
  node.offset = 0x10;
  node.id = 3;
  return node;
}

// Finishes `rendering` the way the renderer does.
void Finish(DieMap& map, Rendering& rendering, RenderState state) {
  rendering.state = state;
  map.MarkFinished(rendering);
}

TEST(DieMap, UnfinishedRenderingsAreNotReturned) {
  DieMap map;
  Rendering& first = map.GetOrCreate(Node(), RenderState::kComplete);
  Rendering& second = map.GetOrCreate(Node(), RenderState::kComplete);
  EXPECT_NE(&first, &second);
  EXPECT_EQ(map.Find(Node().id, RenderState::kComplete), nullptr);
}

TEST(DieMap, NewestFinishedWinsEvenWhenAnOlderOneFinishesLater) {
  DieMap map;
  Rendering& outer = map.GetOrCreate(Node(), RenderState::kComplete);
  Rendering& nested = map.GetOrCreate(Node(), RenderState::kComplete);
  Finish(map, nested, RenderState::kComplete);
  Finish(map, outer, RenderState::kComplete);
  EXPECT_EQ(&map.GetOrCreate(Node(), RenderState::kComplete), &nested);
  EXPECT_EQ(map.Find(Node().id, RenderState::kComplete), &nested);
}

TEST(DieMap, StatesAreSeparate) {
  DieMap map;
  Rendering& complete = map.GetOrCreate(Node(), RenderState::kComplete);
  Finish(map, complete, RenderState::kComplete);
  Rendering& unexpanded = map.GetOrCreate(Node(), RenderState::kUnexpanded);
  EXPECT_NE(&unexpanded, &complete);
  EXPECT_EQ(map.Find(Node().id, RenderState::kUnexpanded), nullptr);
  EXPECT_EQ(map.FindForFlattening(Node().id), &complete);
}

// A cyclic type chain starts one rendering per nesting level; a lookup must
// not cost more with every level (it scanned them all: O(depth^2) per cycle).
TEST(DieMap, ManyUnfinishedRenderingsOfOneDie) {
  DieMap map;
  constexpr int kLevels = 200000;
  for (int i = 0; i < kLevels; ++i) map.GetOrCreate(Node(), RenderState::kComplete);
  Rendering& last = map.GetOrCreate(Node(), RenderState::kComplete);
  Finish(map, last, RenderState::kComplete);
  EXPECT_EQ(&map.GetOrCreate(Node(), RenderState::kComplete), &last);
}

TEST(DieMap, ClearForgetsEveryRendering) {
  DieMap map;
  Rendering& rendering = map.GetOrCreate(Node(), RenderState::kComplete);
  Finish(map, rendering, RenderState::kComplete);
  map.List(rendering);
  map.Clear();
  EXPECT_EQ(map.Find(Node().id, RenderState::kComplete), nullptr);
  EXPECT_EQ(map.Listed().size(), 0u);
}

// Listed renderings come back by DIE offset, then state, then creation,
// whatever order they were listed in; unlisted ones do not come back.
TEST(DieMap, ListedAreOrderedByOffsetStateAndCreation) {
  DieMap map;
  DieNode low = Node();
  DieNode high = Node();
  high.offset = 0x20;
  high.id = 4;
  Rendering& high_complete = map.GetOrCreate(high, RenderState::kComplete);
  Rendering& low_unexpanded = map.GetOrCreate(low, RenderState::kUnexpanded);
  Rendering& low_complete_first = map.GetOrCreate(low, RenderState::kComplete);
  Rendering& low_complete_second = map.GetOrCreate(low, RenderState::kComplete);
  Rendering& unlisted = map.GetOrCreate(low, RenderState::kSymbol);
  Finish(map, high_complete, RenderState::kComplete);
  Finish(map, low_unexpanded, RenderState::kUnexpanded);
  Finish(map, low_complete_second, RenderState::kComplete);
  Finish(map, low_complete_first, RenderState::kComplete);
  Finish(map, unlisted, RenderState::kSymbol);
  map.List(high_complete);
  map.List(low_complete_second);
  map.List(low_unexpanded);
  map.List(low_complete_first);
  const std::vector<const Rendering*> listed = map.Listed();
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(listed[0], &low_unexpanded);  // kUnexpanded sorts before kComplete
  EXPECT_EQ(listed[1], &low_complete_first);
  EXPECT_EQ(listed[2], &low_complete_second);
  EXPECT_EQ(listed[3], &high_complete);
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
