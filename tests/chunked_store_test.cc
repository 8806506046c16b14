#include "kcrc/base/chunked_store.h"

#include <gtest/gtest.h>

#include <vector>

namespace kcrc {
namespace {

// Elements keep their addresses while the store grows by chunks.
TEST(ChunkedStore, AddressesStayAcrossChunks) {
  ChunkedStore<int, 4> store;
  std::vector<int*> addresses;
  for (int i = 0; i < 10; ++i) {
    int& slot = store.NextSlot();
    slot = i * 10;
    EXPECT_EQ(store.size(), static_cast<size_t>(i));  // not appended yet
    addresses.push_back(&store.Commit());
  }
  ASSERT_EQ(store.size(), 10u);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(&store[i], addresses[i]);
    EXPECT_EQ(store[i], i * 10);
  }
}

// Clear forgets the elements and keeps the memory: the next slot is the
// first one again, still holding what it held (callers reset it).
TEST(ChunkedStore, ClearReusesTheSlots) {
  ChunkedStore<int, 4> store;
  for (int i = 0; i < 6; ++i) {
    store.NextSlot() = i + 1;
    store.Commit();
  }
  int* first = &store[0];
  store.Clear();
  EXPECT_EQ(store.size(), 0u);
  int& slot = store.NextSlot();
  EXPECT_EQ(&slot, first);
  EXPECT_EQ(slot, 1);
}

}  // namespace
}  // namespace kcrc
