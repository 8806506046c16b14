#include "kcrc/base/string_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kcrc {
namespace {

TEST(StringIndex, FindsWhatWasInsertedAndNothingElse) {
  StringIndex index;
  EXPECT_EQ(index.Find("absent"), std::nullopt);  // empty: no slots yet
  const std::vector<std::string> names = {"printk", "kmalloc", "", "kfree"};
  for (uint32_t i = 0; i < names.size(); ++i) EXPECT_EQ(index.Insert(names[i], i), i);
  EXPECT_EQ(index.size(), names.size());
  for (uint32_t i = 0; i < names.size(); ++i) EXPECT_EQ(index.Find(names[i]), i) << names[i];
  EXPECT_EQ(index.Find("kmallo"), std::nullopt);
  EXPECT_EQ(index.Find("kmalloc_"), std::nullopt);
}

// As std::unordered_map::emplace: a second insertion of a key keeps the
// first value (the generator's first list entry of a name wins).
TEST(StringIndex, FirstValueOfAKeyStays) {
  StringIndex index;
  EXPECT_EQ(index.Insert("dup", 1), 1u);
  EXPECT_EQ(index.Insert("dup", 2), 1u);
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.Find("dup"), 1u);
}

// Growing rehashes every key: all stay findable, with their values.
TEST(StringIndex, KeepsEveryKeyAcrossGrowth) {
  std::vector<std::string> names;
  for (int i = 0; i < 20000; ++i) names.push_back("symbol_" + std::to_string(i * 7919));
  StringIndex index;
  for (uint32_t i = 0; i < names.size(); ++i) index.Insert(names[i], i);
  EXPECT_EQ(index.size(), names.size());
  for (uint32_t i = 0; i < names.size(); ++i) ASSERT_EQ(index.Find(names[i]), i) << names[i];
  EXPECT_EQ(index.Find("symbol_1"), std::nullopt);
}

}  // namespace
}  // namespace kcrc
