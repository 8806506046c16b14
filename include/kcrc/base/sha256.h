// SHA-256 through OpenSSL libcrypto (EVP). Used to hash over-long symbol names
// in modversion tables; never hand-written.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace kcrc {

using Sha256Digest = std::array<uint8_t, 32>;

Sha256Digest Sha256(std::string_view data);

// Lower-case hex, two digits per byte.
std::string ToHex(std::span<const uint8_t> bytes);

}  // namespace kcrc
