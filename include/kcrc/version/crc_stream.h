// zlib crc32 over a stream of small pieces, for the versioning walks.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <string_view>

namespace kcrc {

// zlib crc32 over many small pieces: pieces are gathered in a buffer and
// hashed in large blocks, which costs far less than one crc32 call each.
class CrcStream {
 public:
  void Append(std::string_view text) {
    length_ += text.size();
    if (text.size() > kBuffer - used_) {
      Flush();
      if (text.size() >= kBuffer) {
        crc_ = crc32(crc_, reinterpret_cast<const Bytef*>(text.data()),
                     static_cast<uInt>(text.size()));
        return;
      }
    }
    std::memcpy(buffer_ + used_, text.data(), text.size());
    used_ += text.size();
  }
  uLong Finish() {
    Flush();
    return crc_;
  }
  uint64_t length() const { return length_; }

 private:
  static constexpr size_t kBuffer = 64 * 1024;
  void Flush() {
    if (used_ == 0) return;
    crc_ = crc32(crc_, buffer_, static_cast<uInt>(used_));
    used_ = 0;
  }
  uLong crc_ = crc32(0, nullptr, 0);
  uint64_t length_ = 0;
  size_t used_ = 0;
  Bytef buffer_[kBuffer];
};

}  // namespace kcrc
