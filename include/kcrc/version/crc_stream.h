// CRC-32 (zlib's) over a stream of small pieces, for the versioning walks.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "kcrc/version/crc32.h"

namespace kcrc {

// CRC-32 over many small pieces: pieces are gathered in a buffer and hashed
// in large blocks, which costs far less than one call each (and lets the
// block CRC run at full speed).
class CrcStream {
 public:
  void Append(std::string_view text) {
    length_ += text.size();
    // Long pieces are hashed where they are: copying them cost more than
    // the CRC itself (type expansions run to gigabytes on vmlinux).
    if (text.size() >= kDirect || text.size() > kBuffer - used_) {
      Flush();
      if (text.size() >= kDirect) {
        crc_ = Crc32Update(crc_, text.data(), text.size());
        return;
      }
    }
    std::memcpy(buffer_ + used_, text.data(), text.size());
    used_ += text.size();
  }
  uint32_t Finish() {
    Flush();
    return crc_;
  }
  uint64_t length() const { return length_; }

 private:
  static constexpr size_t kBuffer = 64 * 1024;
  static constexpr size_t kDirect = 512;
  void Flush() {
    if (used_ == 0) return;
    crc_ = Crc32Update(crc_, buffer_, used_);
    used_ = 0;
  }
  uint32_t crc_ = 0;
  uint64_t length_ = 0;
  size_t used_ = 0;
  unsigned char buffer_[kBuffer];
};

}  // namespace kcrc
