#include "kcrc/symvers/text_lines.h"

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

// The length of the valid UTF-8 sequence at the start of `text`, or 0.
size_t Utf8SequenceLength(std::string_view text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  size_t length;
  unsigned char low = 0x80;   // the range of the second byte, narrowed to
  unsigned char high = 0xbf;  // refuse overlong forms, surrogates, > U+10FFFF
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (size_t i = 2; i < length; ++i)
    if (byte(i) < 0x80 || byte(i) > 0xbf) return 0;
  return length;
}

}  // namespace

void CheckUtf8(std::string_view text, const std::string& path) {
  uint32_t line = 1;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t length = Utf8SequenceLength(text.substr(pos));
    if (length == 0)
      Fail(Location{path, line, {}}, "invalid UTF-8 (byte 0x{:02x} at offset {})",
           static_cast<unsigned char>(text[pos]), pos);
    if (text[pos] == '\n') ++line;
    pos += length;
  }
}

size_t SplitWords(std::string_view line, std::span<std::string_view> words) {
  size_t count = 0;
  size_t pos = 0;
  while (true) {
    while (pos < line.size() && IsAsciiWhitespace(line[pos])) ++pos;
    if (pos == line.size()) return count;
    size_t end = pos;
    while (end < line.size() && !IsAsciiWhitespace(line[end])) ++end;
    if (count < words.size()) words[count] = line.substr(pos, end - pos);
    ++count;
    pos = end;
  }
}

}  // namespace kcrc
