// CRC-32 as zlib's crc32() computes it (the gzip CRC: reflected polynomial
// 0xEDB88320, pre- and post-inverted), so that kcrc's CRCs equal the
// reference's zlib ones.
//
// Why not always zlib: versioning a whole vmlinux feeds about a gigabyte of
// expanded type strings to the CRC. zlib 1.2.13 (Debian 12) hashes 4 GB/s;
// ISA-L's crc32_gzip_refl (carry-less multiplication) 45 GB/s on blocks of
// 4 KiB and up. kcrc uses ISA-L where it was built with it (Debian packages
// it for amd64 and arm64), zlib otherwise.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kcrc {

// The CRC of `size` bytes at `data` continued from `crc` (0 to start), like
// zlib's crc32(crc, data, size).
uint32_t Crc32Update(uint32_t crc, const void* data, size_t size);

// Which implementation Crc32Update uses: "isa-l" or "zlib".
const char* Crc32Implementation();

}  // namespace kcrc
