#include "kcrc/base/offset_index.h"

#include <gtest/gtest.h>

namespace kcrc {
namespace {

TEST(OffsetIndex, FindsInsertedKeysAcrossGrowth) {
  OffsetIndex index;
  EXPECT_EQ(index.Find(0x10), std::nullopt);
  for (uint32_t i = 0; i < 5000; ++i) index.Insert(0x1000 + 7 * uint64_t{i}, i);
  EXPECT_EQ(index.size(), 5000u);
  for (uint32_t i = 0; i < 5000; ++i) ASSERT_EQ(index.Find(0x1000 + 7 * uint64_t{i}), i);
  EXPECT_EQ(index.Find(0x1001), std::nullopt);
}

// Clear forgets every entry (the generator clears per unit; a unit's offsets
// must not find the previous unit's nodes), and the index fills again.
TEST(OffsetIndex, ClearForgetsEveryEntry) {
  OffsetIndex index;
  for (int round = 0; round < 3; ++round) {
    for (uint32_t i = 0; i < 3000; ++i) index.Insert(uint64_t{i} * 16, i + round);
    for (uint32_t i = 0; i < 3000; ++i) ASSERT_EQ(index.Find(uint64_t{i} * 16), i + round);
    index.Clear();
    EXPECT_EQ(index.size(), 0u);
    for (uint32_t i = 0; i < 3000; ++i) ASSERT_EQ(index.Find(uint64_t{i} * 16), std::nullopt);
  }
}

// Offsets as DIEs have them (a few bytes apart) keep the locality-preserving
// layout; denser ones (crafted files: one-byte DIEs) switch to the
// scrambling hash instead of making every lookup probe a long run (this
// test then takes seconds instead of milliseconds).
TEST(OffsetIndex, DenseKeysScrambleInsteadOfProbingLongRuns) {
  OffsetIndex spaced;
  for (uint32_t i = 0; i < 100000; ++i) spaced.Insert(0x40 + 6 * uint64_t{i}, i);
  EXPECT_FALSE(spaced.scrambled());
  for (uint32_t i = 0; i < 100000; ++i) ASSERT_EQ(spaced.Find(0x40 + 6 * uint64_t{i}), i);

  OffsetIndex dense;
  for (uint32_t i = 0; i < 300000; ++i) dense.Insert(0x40 + uint64_t{i}, i);
  EXPECT_TRUE(dense.scrambled());
  for (uint32_t i = 0; i < 300000; ++i) ASSERT_EQ(dense.Find(0x40 + uint64_t{i}), i);
  for (uint64_t missing = 0; missing < 0x40; ++missing)
    ASSERT_EQ(dense.Find(missing), std::nullopt);
  dense.Clear();
  EXPECT_FALSE(dense.scrambled());
  EXPECT_EQ(dense.Find(0x40), std::nullopt);
}

}  // namespace
}  // namespace kcrc
