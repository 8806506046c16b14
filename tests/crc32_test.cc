// Crc32Update (ISA-L or zlib) against zlib's crc32, which defines the
// reference's CRCs: every length around the block sizes, and chaining.
#include "kcrc/version/crc32.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>
#include <random>
#include <string>

#include "kcrc/version/crc_stream.h"

namespace kcrc {
namespace {

uint32_t Zlib(const std::string& bytes) {
  return static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random());
  return bytes;
}

TEST(Crc32Update, KnownValues) {
  EXPECT_EQ(Crc32Update(0, "", 0), 0u);
  EXPECT_EQ(Crc32Update(0, "123456789", 9), 0xcbf43926u);  // the CRC-32 check value
  EXPECT_TRUE(std::strcmp(Crc32Implementation(), "isa-l") == 0 ||
              std::strcmp(Crc32Implementation(), "zlib") == 0);
}

TEST(Crc32Update, EqualsZlibForEveryLengthAndSplit) {
  const std::string bytes = RandomBytes(70000, 1);
  for (size_t size :
       {1, 2, 3, 7, 8, 15, 16, 31, 63, 64, 65, 127, 128, 255, 256, 1023, 4096, 65536, 70000}) {
    const std::string piece = bytes.substr(0, size);
    ASSERT_EQ(Crc32Update(0, piece.data(), piece.size()), Zlib(piece)) << size;
    for (size_t split : {size_t{0}, size / 3, size / 2, size - 1}) {
      const uint32_t first = Crc32Update(0, piece.data(), split);
      ASSERT_EQ(Crc32Update(first, piece.data() + split, size - split), Zlib(piece))
          << size << " split at " << split;
    }
  }
}

TEST(CrcStream, EqualsOneCrcOfTheConcatenation) {
  const std::string bytes = RandomBytes(300000, 2);
  std::mt19937 random(3);
  CrcStream* stream = new CrcStream;  // 64 KiB: not on the stack
  std::string text;
  size_t at = 0;
  while (at < bytes.size()) {
    // Mostly small pieces (copied), some of hundreds of bytes (hashed in
    // place from 512 on), now and then one larger than the stream's buffer.
    const unsigned kind = random() % 50;
    const size_t wanted = kind == 0 ? size_t{70000} : kind < 6 ? random() % 2000 : random() % 40;
    const size_t size = std::min(bytes.size() - at, wanted);
    stream->Append(std::string_view(bytes).substr(at, size));
    text.append(bytes, at, size);
    at += size;
  }
  EXPECT_EQ(stream->length(), text.size());
  EXPECT_EQ(stream->Finish(), Zlib(text));
  delete stream;
}

}  // namespace
}  // namespace kcrc
