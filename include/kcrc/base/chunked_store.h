// An append-only sequence with stable element addresses, allocated in chunks
// of kChunk elements. std::deque allocates a block per element for elements
// over 256 bytes (libstdc++ blocks are 512 bytes), which made DIE nodes cost
// a malloc each. Clear() keeps the chunks for reuse.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace kcrc {

template <typename T, size_t kChunk = 256>
class ChunkedStore {
 public:
  // The slot the next element goes to, holding whatever it held last (a
  // default value or an element forgotten by Clear), for filling in place;
  // Commit() appends it. Large elements are then written once, not built
  // aside and moved.
  T& NextSlot() {
    if (size_ == chunks_.size() * kChunk) chunks_.push_back(std::make_unique<T[]>(kChunk));
    return chunks_[size_ / kChunk][size_ % kChunk];
  }
  T& Commit() { return (*this)[size_++]; }
  T& operator[](size_t index) { return chunks_[index / kChunk][index % kChunk]; }
  const T& operator[](size_t index) const { return chunks_[index / kChunk][index % kChunk]; }
  size_t size() const { return size_; }
  // Forgets the elements (their addresses become invalid); keeps the memory.
  void Clear() { size_ = 0; }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace kcrc
