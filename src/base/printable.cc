#include "kcrc/base/printable.h"

#include <cstdint>

namespace kcrc {
namespace {

// The length of the valid UTF-8 sequence at text[i] (1..4), or 0 when the
// byte there does not start one, or starts a control character.
size_t PrintableSequence(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t first = byte(i);
  if (first < 0x20 || first == 0x7f) return 0;
  if (first < 0x80) return 1;
  size_t length;
  uint32_t code;
  if (first >= 0xc2 && first <= 0xdf) {
    length = 2;
    code = first & 0x1f;
  } else if (first >= 0xe0 && first <= 0xef) {
    length = 3;
    code = first & 0x0f;
  } else if (first >= 0xf0 && first <= 0xf4) {
    length = 4;
    code = first & 0x07;
  } else {
    return 0;  // a continuation byte, an overlong 2-byte lead, or past U+10FFFF
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3f);
  }
  const uint32_t smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
  if (code < smallest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0;
  if (code >= 0x80 && code <= 0x9f) return 0;  // C1 controls
  return length;
}

}  // namespace

std::string Printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t length = PrintableSequence(text, i);
    if (length != 0) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    const auto byte = static_cast<uint8_t>(text[i++]);
    out += "\\x";
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

bool IsPrintable(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t length = PrintableSequence(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace kcrc
