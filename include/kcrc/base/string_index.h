// A flat, open-addressing map from a string (viewed, not owned) to a 32-bit
// index, for the engine's name lookups: the export pass looks up the name of
// every function and variable DIE of every unit (most are not exports), and
// a unit's end looks up the key of every named type it rendered. A missing
// name costs one probe of one array here; std::unordered_map chased a node
// per entry of the bucket, each a cache miss.
//
// INVARIANTS: capacity is a power of two, at most half full; a slot is empty
// when its value is kEmpty. Keys must outlive the index.
#pragma once

#include <xxhash.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace kcrc {

class StringIndex {
 public:
  static constexpr uint32_t kEmpty = ~uint32_t{0};

  // Maps `key` to `value` unless the key is present (the first value stays,
  // as with emplace); returns the value the key maps to. `value` must not be
  // kEmpty.
  uint32_t Insert(std::string_view key, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t hash = Hash(key);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.value == kEmpty) {
        slot = {hash, key, value};
        ++size_;
        return value;
      }
      if (slot.hash == hash && slot.key == key) return slot.value;
    }
  }

  std::optional<uint32_t> Find(std::string_view key) const {
    if (slots_.empty()) return std::nullopt;
    const uint64_t hash = Hash(key);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.value == kEmpty) return std::nullopt;
      if (slot.hash == hash && slot.key == key) return slot.value;
    }
  }

  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    std::string_view key;
    uint32_t value = kEmpty;
  };

  static uint64_t Hash(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.value == kEmpty) continue;
      size_t i = slot.hash & mask_;
      while (slots_[i].value != kEmpty) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace kcrc
