#include "kcrc/base/sha256.h"

#include <nettle/sha2.h>

namespace kcrc {

Sha256Digest Sha256(std::string_view data) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, data.size(), reinterpret_cast<const uint8_t*>(data.data()));
  Sha256Digest digest{};
  static_assert(sizeof(digest) == SHA256_DIGEST_SIZE);
  sha256_digest(&ctx, digest.size(), digest.data());
  return digest;
}

std::string ToHex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (uint8_t byte : bytes) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0xf]);
  }
  return hex;
}

}  // namespace kcrc
