#include "kcrc/symvers/wildcard.h"

#include <algorithm>
#include <span>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

enum class Outcome { kMatch, kNoMatch, kAbort };

// Thrown (and caught in Matches) where wildmat would index past the pattern.
struct PastPatternEnd {};

// A pattern or text as wildmat sees it: its characters followed by one NUL;
// reading past that NUL throws PastPatternEnd (wildmat's out-of-bounds read).
template <typename Char>
class Cursor {
 public:
  explicit Cursor(std::span<const Char> chars) : chars_(chars) {}
  Char operator[](size_t i) const {
    const size_t at = at_ + i;
    if (at < chars_.size()) return chars_[at];
    if (at == chars_.size()) return 0;
    throw PastPatternEnd{};
  }
  void Advance() { ++at_; }

 private:
  std::span<const Char> chars_;
  size_t at_ = 0;
};

template <typename Char>
Outcome MatchFrom(Cursor<Char> text, Cursor<Char> p) {
  while (p[0] != 0) {
    if (text[0] == 0 && p[0] != '*') return Outcome::kAbort;
    switch (p[0]) {
      case '\\':
        p.Advance();
        if (text[0] != p[0]) return Outcome::kNoMatch;
        break;
      case '?':
        break;
      case '*': {
        p.Advance();
        while (p[0] == '*') p.Advance();
        if (p[0] == 0) return Outcome::kMatch;
        for (; text[0] != 0; text.Advance()) {
          const Outcome outcome = MatchFrom(text, p);
          if (outcome != Outcome::kNoMatch) return outcome;
        }
        return Outcome::kAbort;
      }
      case '[': {
        const bool negated = p[1] == '^';
        if (negated) p.Advance();
        bool found = false;
        // A ']' or '-' right after the opening is a member, not the end or a range.
        if (p[1] == ']' || p[1] == '-') {
          p.Advance();
          found = p[0] == text[0];
        }
        Char previous = p[0];
        p.Advance();
        while (p[0] != 0 && p[0] != ']') {
          if (p[0] == '-' && p[1] != ']') {
            p.Advance();
            if (text[0] <= p[0] && text[0] >= previous) found = true;
          } else if (text[0] == p[0]) {
            found = true;
          }
          previous = p[0];
          p.Advance();
        }
        if (found == negated) return Outcome::kNoMatch;
        break;
      }
      default:
        if (text[0] != p[0]) return Outcome::kNoMatch;
        break;
    }
    text.Advance();
    p.Advance();
  }
  return text[0] == 0 ? Outcome::kMatch : Outcome::kNoMatch;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Decodes valid UTF-8 (the readers check it) into code points.
std::u32string Decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    size_t length = 1;
    char32_t c = lead;
    if (lead >= 0xf0) {
      length = 4;
      c = lead & 0x07;
    } else if (lead >= 0xe0) {
      length = 3;
      c = lead & 0x0f;
    } else if (lead >= 0x80) {
      length = 2;
      c = lead & 0x1f;
    }
    for (size_t k = 1; k < length && i + k < text.size(); ++k) c = (c << 6) | (byte(i + k) & 0x3f);
    out.push_back(c);
    i += length;
  }
  return out;
}

template <typename Char>
bool WholeMatch(std::span<const Char> text, std::span<const Char> pattern) {
  return MatchFrom(Cursor<Char>(text), Cursor<Char>(pattern)) == Outcome::kMatch;
}

}  // namespace

Wildcard::Wildcard(std::string pattern) : pattern_(std::move(pattern)), ascii_(IsAscii(pattern_)) {
  if (!ascii_) code_points_ = Decode(pattern_);
}

bool Wildcard::IsLiteral() const { return pattern_.find_first_of("*?[\\") == std::string::npos; }

bool Wildcard::Matches(std::string_view text) const {
  try {
    if (ascii_ && IsAscii(text)) {
      // Bytes are code points here: no decoding.
      const auto as_bytes = [](std::string_view s) {
        return std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(s.data()),
                                              s.size());
      };
      return WholeMatch(as_bytes(text), as_bytes(pattern_));
    }
    const std::u32string decoded_text = Decode(text);
    const std::u32string decoded_pattern = ascii_ ? Decode(pattern_) : std::u32string();
    return WholeMatch(std::span<const char32_t>(decoded_text),
                      std::span<const char32_t>(ascii_ ? decoded_pattern : code_points_));
  } catch (const PastPatternEnd&) {
    Fail(
        "pattern '{}' has an unterminated '[' where it is matched against '{}' "
        "(suse-kabi-tools panics on it)",
        pattern_, text);
  }
}

}  // namespace kcrc
