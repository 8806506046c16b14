#include "kcrc/symtypes/record.h"

namespace kcrc {

std::string JoinTokens(const TokenList& tokens) {
  size_t size = 0;
  for (const Token& token : tokens) size += token.text.size();
  std::string text;
  text.reserve(size);
  for (const Token& token : tokens) text += token.text;
  return text;
}

std::string MakeTypeRef(char prefix, std::string_view fqn) {
  const bool quote = fqn.find(' ') != std::string_view::npos;
  std::string ref;
  ref.reserve(fqn.size() + 4);
  ref += prefix;
  ref += '#';
  if (quote) ref += '\'';
  ref += fqn;
  if (quote) ref += '\'';
  return ref;
}

}  // namespace kcrc
