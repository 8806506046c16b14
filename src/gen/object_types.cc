#include "gen/object_types.h"

#include <fmt/format.h>

#include <utility>

namespace kcrc {

void ObjectTypes::Merge(UnitItems items) {
  for (UnitItem& item : items) {
    if (item.key.empty()) {
      symbol_tokens_.try_emplace(item.symbol_die, std::move(item.tokens));
    } else if (item.rule_text) {
      Add(item.key, ParseTypeString(item.key, *item.rule_text));
    } else {
      Add(item.key, std::move(item.tokens));
    }
  }
}

void ObjectTypes::Add(const std::string& key, TokenList tokens) {
  if (!types_.Add(key, std::move(tokens)) || !dump_types_) return;
  diagnostics_.Dump(fmt::format("{} {}\n", key, JoinTokens(*types_.Find(key))));
}

const TokenList* ObjectTypes::Resolve(std::string_view key) {
  if (const TokenList* tokens = types_.Find(key)) return tokens;
  if (!rules_) return nullptr;
  const std::string name(key);
  auto text = rules_->TypeString(name);
  if (!text) return nullptr;
  Add(name, ParseTypeString(name, *text));
  return types_.Find(name);
}

const TokenList* ObjectTypes::SymbolTokens(DieOffset die) const {
  auto it = symbol_tokens_.find(die);
  return it == symbol_tokens_.end() ? nullptr : &it->second;
}

}  // namespace kcrc
