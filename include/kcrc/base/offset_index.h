// A dense, open-addressing map from a 64-bit key (a DIE offset) to a 32-bit
// index, for the hottest lookups of the engine: every visit of a type during
// rendering looks its DIE up once. std::unordered_map allocates a node per
// entry and chases a pointer per lookup; this keeps keys and values in one
// flat array probed linearly (load factor <= 1/2).
//
// INVARIANTS: capacity is a power of two; an empty slot has key kEmpty, so the
// key ~0 cannot be stored (DIE offsets never reach it).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace kcrc {

class OffsetIndex {
 public:
  std::optional<uint32_t> Find(uint64_t key) const {
    if (slots_.empty()) return std::nullopt;
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.key == key) return slot.value;
      if (slot.key == kEmpty) return std::nullopt;
    }
  }

  // Inserts `key` -> `value`; the key must not be present.
  void Insert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Place(key, value);
    ++size_;
  }

  size_t size() const { return size_; }

  // Empties the index. The slots are kept for the next use (the generator
  // clears per unit, and growing again from empty was 4% of a vmlinux run)
  // unless they are far more than this use needed.
  void Clear() {
    if (slots_.size() > 8 * std::max<size_t>(size_, 1024)) {
      slots_ = {};
      mask_ = 0;
    } else {
      std::fill(slots_.begin(), slots_.end(), Slot{});
    }
    size_ = 0;
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  struct Slot {
    uint64_t key = kEmpty;
    uint32_t value = 0;
  };

  static size_t Hash(uint64_t key) {
    // Fibonacci hashing spreads the clustered offsets of one unit.
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 20);
  }

  void Place(uint64_t key, uint32_t value) {
    size_t i = Hash(key) & mask_;
    while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
    slots_[i] = {key, value};
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old)
      if (slot.key != kEmpty) Place(slot.key, slot.value);
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace kcrc
