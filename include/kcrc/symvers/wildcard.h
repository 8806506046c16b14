// Shell wildcard patterns as suse-kabi-tools matches them (Rich Salz's wildmat,
// which its severity rules and symbol filters use), not fnmatch(3):
//
//   *        any run of characters, '/' included
//   ?        any one character (a code point, not a byte)
//   [abc]    one of the listed characters; ranges a-z; a leading ']' or '-' is
//            literal; [^...] negates ('!' does not); no backslash escapes or
//            [:classes:] inside brackets
//   \c       the character c
//
// The pattern must match the whole text. A NUL character ends the text and the
// pattern, as in wildmat.
//
// GUARANTEES
//   - Matches() answers what suse-kabi-tools' matches_wildcard() answers for
//     every pattern and text on which that function returns.
//   - Where it does not return (it indexes past the end of the pattern and
//     panics, on an unterminated bracket such as "foo[a" or "x[^" once the
//     match gets that far), Matches() throws an Error saying so instead.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

class Wildcard {
 public:
  explicit Wildcard(std::string pattern);

  const std::string& pattern() const { return pattern_; }
  // True when the pattern has no wildcard character (*, ?, [ or \).
  bool IsLiteral() const;

  // True when the whole of `text` (valid UTF-8) matches. Throws an Error
  // when the pattern is malformed where the match reaches it (above).
  bool Matches(std::string_view text) const;

 private:
  std::string pattern_;
  bool ascii_;                  // pattern_ is all ASCII: match bytes
  std::u32string code_points_;  // otherwise: the decoded pattern
};

}  // namespace kcrc
