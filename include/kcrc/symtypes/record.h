// The shared model of gen and compare: a type-string record as it is hashed.
//
// A record is what one symtypes line holds: a key (`s#foo`, `u#'a b'`, `e#x`,
// `t#y`, or a bare symbol name) and a value, a list of tokens. A token is
// either literal text or a reference to another record by key. The DWARF
// renderer produces these tokens directly; the symtypes parser recovers them
// from text. Concatenating the token texts gives the symtypes value; expanding
// the references (first occurrence per symbol) gives the CRC input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

struct Token {
  std::string text;
  bool is_ref = false;

  bool operator==(const Token&) const = default;
};

using TokenList = std::vector<Token>;

// The concatenated text of a token list, as written in a symtypes file.
std::string JoinTokens(const TokenList& tokens);

// True when `text` starts like a type reference: one of s, u, e, t and '#'.
inline bool IsTypeRefPrefix(std::string_view text) {
  return text.size() >= 2 && text[1] == '#' &&
         (text[0] == 's' || text[0] == 'u' || text[0] == 'e' || text[0] == 't');
}

// The reference key of a named type: `<prefix>#<fqn>`, with the name wrapped
// in single quotes when it contains a space.
std::string MakeTypeRef(char prefix, std::string_view fqn);
// The same, into `ref` (its storage is reused).
void AssignTypeRef(char prefix, std::string_view fqn, std::string& ref);

}  // namespace kcrc
