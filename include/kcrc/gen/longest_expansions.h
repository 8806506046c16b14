// Which unit's expansion of a type can still win, while units are rendered
// in parallel (see Generator's RenderUnitsInParallel).
//
// The type map keeps, per type key, the longest expansion, and among equally
// long ones the first unit's. Units finish in any order, so each offer is
// compared with the best offered so far: a unit need flatten a type (the
// expensive part) only if it is longer, or as long and from an earlier unit.
// Whatever the order of offers, every offer that is the final winner returns
// true. Thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kcrc/base/string_hash.h"

namespace kcrc {

class LongestExpansions {
 public:
  // Records that `unit` has an expansion of `key` of `length` bytes; true
  // when it may win (it is now the best offer).
  bool Offer(std::string_view key, size_t length, size_t unit) {
    Shard& shard = shards_[StringHash()(key) % kShards];
    std::lock_guard<std::mutex> lock(shard.mutex);
    auto it = shard.best.find(key);
    if (it == shard.best.end()) {
      shard.best.emplace(std::string(key), Best{length, unit});
      return true;
    }
    Best& best = it->second;
    if (length < best.length || (length == best.length && unit > best.unit)) return false;
    best = {length, unit};
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
    std::unordered_map<std::string, Best, StringHash, std::equal_to<>> best;
  };
  std::array<Shard, kShards> shards_;
};

}  // namespace kcrc
