#include "kcrc/gen/longest_expansions.h"

#include <gtest/gtest.h>

namespace kcrc {
namespace {

TEST(LongestExpansions, LongerWinsAndShorterIsSkipped) {
  LongestExpansions best;
  EXPECT_TRUE(best.Offer("s#a", 10, 0));
  EXPECT_FALSE(best.Offer("s#a", 9, 1));
  EXPECT_TRUE(best.Offer("s#a", 11, 2));
  EXPECT_FALSE(best.Offer("s#a", 10, 0));
  EXPECT_TRUE(best.Offer("s#b", 1, 5));  // keys are independent
}

// Units finish out of order: an earlier unit's equally long expansion must
// still be flattened (it wins the ordered merge), a later unit's need not.
TEST(LongestExpansions, EarlierUnitWinsTiesWhateverTheOrderOfOffers) {
  LongestExpansions best;
  EXPECT_TRUE(best.Offer("s#a", 10, 7));
  EXPECT_TRUE(best.Offer("s#a", 10, 3));
  EXPECT_FALSE(best.Offer("s#a", 10, 5));
  EXPECT_TRUE(best.Offer("s#a", 10, 3));  // the same unit offering again
}

}  // namespace
}  // namespace kcrc
