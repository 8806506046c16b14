// The two properties of a target that shape its version tables: the word size
// (the CRC field of __versions is an `unsigned long`) and the byte order.
#pragma once

#include <cstdint>
#include <string_view>

namespace kcrc {

enum class Endian : uint8_t { kLittle, kBig };

struct Target {
  uint32_t bits = 64;  // 32 or 64
  Endian endian = Endian::kLittle;
};

constexpr std::string_view EndianName(Endian endian) {
  return endian == Endian::kLittle ? "little" : "big";
}

}  // namespace kcrc
