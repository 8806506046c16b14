// Which unit's expansion of a type can still win, while units are rendered
// in parallel (see src/gen/unit_route.h).
//
// The type map keeps, per type key, the longest expansion, and among equally
// long ones the first unit's. Units finish in any order, so each offer is
// compared with the best offered so far: a unit need flatten a type (the
// expensive part) only if it is longer, or as long and from an earlier unit.
// Whatever the order of offers, every offer that is the final winner returns
// true. Thread-safe.
#pragma once

#include <xxhash.h>

#include <array>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/base/string_index.h"

namespace kcrc {

class LongestExpansions {
 public:
  // Records that `unit` has an expansion of `key` of `length` bytes; true
  // when it may win (it is now the best offer).
  bool Offer(std::string_view key, size_t length, size_t unit) {
    Shard& shard = shards_[XXH3_64bits(key.data(), key.size()) % kShards];
    std::lock_guard<std::mutex> lock(shard.mutex);
    if (const std::optional<uint32_t> index = shard.index.Find(key)) {
      Best& best = shard.best[*index];
      if (length < best.length || (length == best.length && unit > best.unit)) return false;
      best = {length, unit};
      return true;
    }
    shard.index.Insert(shard.keys.emplace_back(key), static_cast<uint32_t>(shard.best.size()));
    shard.best.push_back({length, unit});
    return true;
  }

 private:
  static constexpr size_t kShards = 64;  // few threads rarely meet on one lock
  struct Best {
    size_t length;
    size_t unit;
  };
  struct Shard {
    std::mutex mutex;
    std::deque<std::string> keys;  // stable addresses: the index views them
    std::vector<Best> best;        // by index
    StringIndex index;
  };
  std::array<Shard, kShards> shards_;
};

}  // namespace kcrc
