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
  EXPECT_EQ(map.Sorted().size(), static_cast<size_t>(kLevels) + 1);
}

TEST(DieMap, ClearForgetsEveryRendering) {
  DieMap map;
  Rendering& rendering = map.GetOrCreate(Node(), RenderState::kComplete);
  Finish(map, rendering, RenderState::kComplete);
  map.Clear();
  EXPECT_EQ(map.Find(Node().id, RenderState::kComplete), nullptr);
  EXPECT_EQ(map.Sorted().size(), 0u);
}

}  // namespace
}  // namespace kcrc
