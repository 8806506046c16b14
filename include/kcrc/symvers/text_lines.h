// The text files of kABI checks that suse-kabi-tools reads (Module.symvers,
// severity rules, symbol filters) are read here as it reads them, so that kcrc
// accepts and rejects the same files:
//
//   - the whole file must be valid UTF-8;
//   - lines end at '\n'; a "\r\n" ending loses its '\r' too (a lone '\r' stays);
//     a last line without '\n' counts, nothing after a final '\n' does;
//   - words are separated by ASCII white space: ' ', '\t', '\n', '\f', '\r'
//     (not '\v').
//
// USAGE
//   CheckUtf8(text, path);
//   ForEachTextLine(text, [&](std::string_view line, uint32_t number) {
//     std::array<std::string_view, 3> words;
//     const size_t count = SplitWords(line, words);
//     ...
//   });
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace kcrc {

// Throws an Error at `path` and the line of the first byte that is not part of
// a valid UTF-8 sequence (overlong forms, surrogates and code points above
// U+10FFFF are invalid too).
void CheckUtf8(std::string_view text, const std::string& path);

// True for the bytes that separate words.
constexpr bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// Calls `visit(line, number)` for every line of `text`, 1-based.
template <typename Visit>
void ForEachTextLine(std::string_view text, Visit&& visit) {
  uint32_t number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (end != std::string_view::npos && line.ends_with('\r')) line.remove_suffix(1);
    visit(line, ++number);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

// Splits `line` into its white-space separated words: stores the first
// `words.size()` of them and returns how many there are.
size_t SplitWords(std::string_view line, std::span<std::string_view> words);

}  // namespace kcrc
