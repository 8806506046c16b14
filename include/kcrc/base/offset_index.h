// A dense, open-addressing map from a 64-bit key (a DIE offset) to a 32-bit
// index, for the hottest lookups of the engine: every visit of a type during
// rendering looks its DIE up once. std::unordered_map allocates a node per
// entry and chases a pointer per lookup; this keeps keys and values in one
// flat array probed linearly (load factor <= 1/2).
//
// Slots follow offsets (offset / 4), so that the children of a DIE, which
// are read together, share cache lines: with a scrambling hash each lookup
// missed the cache (Children spent 80% of its time there, 4% of a vmlinux
// run). Offsets denser than that (DIEs of a few bytes, read by the
// thousand: crafted files) would make long probe runs; a probe run past
// kMaxProbe switches the table to a scrambling hash until Clear.
//
// INVARIANTS: capacity is a power of two; an empty slot has key kEmpty, so the
// key ~0 cannot be stored (DIE offsets never reach it). Every key is within
// kMaxProbe slots of its home slot, or the table is scrambled.
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
    size_t i = Home(key);
    for (size_t probes = 0; scrambled_ || probes <= kMaxProbe; ++probes, i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.key == key) return slot.value;
      if (slot.key == kEmpty) return std::nullopt;
    }
    return std::nullopt;  // unscrambled, every key is within kMaxProbe of home
  }

  // Inserts `key` -> `value`; the key must not be present.
  void Insert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    if (!Place(key, value)) {
      Scramble();
      Place(key, value);
    }
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
    scrambled_ = false;
  }

  // Whether a dense run of keys switched the table to the scrambling hash.
  bool scrambled() const { return scrambled_; }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  static constexpr size_t kMaxProbe = 64;
  struct Slot {
    uint64_t key = kEmpty;
    uint32_t value = 0;
  };

  size_t Home(uint64_t key) const {
    // Fibonacci hashing spreads any keys; offset / 4 keeps neighbours close.
    const uint64_t hash = scrambled_ ? (key * 0x9E3779B97F4A7C15ull) >> 20 : key >> 2;
    return static_cast<size_t>(hash) & mask_;
  }

  // Places a key that is not present. Unscrambled, fails (placing nothing)
  // when no slot within kMaxProbe of its home is free.
  bool Place(uint64_t key, uint32_t value) {
    size_t i = Home(key);
    for (size_t probes = 0; slots_[i].key != kEmpty; ++probes, i = (i + 1) & mask_)
      if (!scrambled_ && probes == kMaxProbe) return false;
    slots_[i] = {key, value};
    return true;
  }

  // Places every entry again in `capacity` slots, scrambled if unscrambled
  // placing fails.
  void Rehash(size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    while (true) {
      slots_.assign(capacity, Slot{});
      mask_ = capacity - 1;
      bool placed = true;
      for (const Slot& slot : old) {
        if (slot.key == kEmpty) continue;
        if (!Place(slot.key, slot.value)) {
          placed = false;
          break;
        }
      }
      if (placed) return;
      scrambled_ = true;
    }
  }

  void Scramble() {
    scrambled_ = true;
    Rehash(slots_.size());
  }

  void Grow() { Rehash(slots_.empty() ? 1024 : slots_.size() * 2); }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
  bool scrambled_ = false;
};

}  // namespace kcrc
