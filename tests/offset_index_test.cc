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

}  // namespace
}  // namespace kcrc
