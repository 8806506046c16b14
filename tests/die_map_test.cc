#include "kcrc/render/die_map.h"

#include <gtest/gtest.h>

namespace kcrc {
namespace {

// Finishes `rendering` the way the renderer does.
void Finish(DieMap& map, Rendering& rendering, RenderState state) {
  rendering.state = state;
  map.MarkFinished(rendering);
}

TEST(DieMap, UnfinishedRenderingsAreNotReturned) {
  DieMap map;
  Rendering& first = map.GetOrCreate(0x10, RenderState::kComplete);
  Rendering& second = map.GetOrCreate(0x10, RenderState::kComplete);
  EXPECT_NE(&first, &second);
  EXPECT_EQ(map.Find(0x10, RenderState::kComplete), nullptr);
}

TEST(DieMap, NewestFinishedWinsEvenWhenAnOlderOneFinishesLater) {
  DieMap map;
  Rendering& outer = map.GetOrCreate(0x10, RenderState::kComplete);
  Rendering& nested = map.GetOrCreate(0x10, RenderState::kComplete);
  Finish(map, nested, RenderState::kComplete);
  Finish(map, outer, RenderState::kComplete);
  EXPECT_EQ(&map.GetOrCreate(0x10, RenderState::kComplete), &nested);
  EXPECT_EQ(map.Find(0x10, RenderState::kComplete), &nested);
}

TEST(DieMap, StatesAreSeparate) {
  DieMap map;
  Rendering& complete = map.GetOrCreate(0x10, RenderState::kComplete);
  Finish(map, complete, RenderState::kComplete);
  Rendering& unexpanded = map.GetOrCreate(0x10, RenderState::kUnexpanded);
  EXPECT_NE(&unexpanded, &complete);
  EXPECT_EQ(map.Find(0x10, RenderState::kUnexpanded), nullptr);
  EXPECT_EQ(map.FindForFlattening(0x10), &complete);
}

// A cyclic type chain starts one rendering per nesting level; a lookup must
// not cost more with every level (it scanned them all: O(depth^2) per cycle).
TEST(DieMap, ManyUnfinishedRenderingsOfOneDie) {
  DieMap map;
  constexpr int kLevels = 200000;
  for (int i = 0; i < kLevels; ++i) map.GetOrCreate(0x10, RenderState::kComplete);
  Rendering& last = map.GetOrCreate(0x10, RenderState::kComplete);
  Finish(map, last, RenderState::kComplete);
  EXPECT_EQ(&map.GetOrCreate(0x10, RenderState::kComplete), &last);
  EXPECT_EQ(map.Sorted().size(), static_cast<size_t>(kLevels) + 1);
}

}  // namespace
}  // namespace kcrc
