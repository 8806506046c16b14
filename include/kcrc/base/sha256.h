// SHA-256 from GNU Nettle. Used to hash over-long symbol names in modversion
// tables; never hand-written. Nettle rather than OpenSSL's libcrypto: kcrc
// gen runs once per kernel object, and loading libcrypto cost 0.5 ms of
// start-up per process (a quarter of the run of a small module).
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
