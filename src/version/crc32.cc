#include "kcrc/version/crc32.h"

#if KCRC_HAVE_ISAL
#include <isa-l/crc.h>
#else
#include <zlib.h>

#include <algorithm>
#include <limits>
#endif

namespace kcrc {

#if KCRC_HAVE_ISAL

uint32_t Crc32Update(uint32_t crc, const void* data, size_t size) {
  // crc32_gzip_refl(0, ...) is zlib's crc32(0, ...), and it chains the same.
  return crc32_gzip_refl(crc, static_cast<const unsigned char*>(data), size);
}

const char* Crc32Implementation() { return "isa-l"; }

#else

uint32_t Crc32Update(uint32_t crc, const void* data, size_t size) {
  const auto* bytes = static_cast<const Bytef*>(data);
  uLong value = crc;
  while (size > 0) {  // zlib takes uInt lengths
    const size_t piece = std::min<size_t>(size, std::numeric_limits<uInt>::max());
    value = crc32(value, bytes, static_cast<uInt>(piece));
    bytes += piece;
    size -= piece;
  }
  return static_cast<uint32_t>(value);
}

const char* Crc32Implementation() { return "zlib"; }

#endif

}  // namespace kcrc
