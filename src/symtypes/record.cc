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
  std::string ref;
  AssignTypeRef(prefix, fqn, ref);
  return ref;
}

void AssignTypeRef(char prefix, std::string_view fqn, std::string& ref) {
  const bool quote = fqn.find(' ') != std::string_view::npos;
  ref.clear();
  ref.reserve(fqn.size() + 4);
  ref += prefix;
  ref += '#';
  if (quote) ref += '\'';
  ref += fqn;
  if (quote) ref += '\'';
}

}  // namespace kcrc
