// What an object's units add up to: the type map (every named type's longest
// expansion, and with symtypes the symbols' records) and each symbol DIE's
// flattened rendering, merged unit by unit in unit order.
//
// Merging units one by one is equivalent to building the map from all
// renderings at the end: renderings are offered in DIE offset order either
// way, and units do not share DIEs (a reference into an earlier unit, which
// only LTO objects have, renders that DIE again).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kcrc/base/diagnostics.h"
#include "kcrc/dwarf/die_node.h"
#include "kcrc/kabi/rules.h"
#include "kcrc/render/die_map.h"
#include "kcrc/render/type_map.h"

namespace kcrc {

// What a finished unit adds, in the order it is offered (DIE offset, then
// state). Built from the unit's renderings, which may then be dropped.
struct UnitItem {
  DieOffset symbol_die = 0;              // a symbol's rendering (key empty), or
  std::string key;                       // a named type: its key and
  TokenList tokens;                      // its flattened tokens, or
  std::optional<std::string> rule_text;  // a type_string rule replacing it
};
using UnitItems = std::vector<UnitItem>;

// Collects the items of a unit's renderings. `rules`: with --stable, the
// object's rules (a type_string rule replaces a type's rendering), else
// null. `should_flatten(key, length)` says whether an expansion of that
// length could still be stored: most units repeat types an earlier unit
// defined, and measuring is far cheaper than building the tokens.
template <typename ShouldFlatten>
UnitItems CollectUnitItems(const DieMap& map, const KabiRules* rules,
                           ShouldFlatten&& should_flatten) {
  // Only symbols and named types are stored, which the renderer listed;
  // most renderings are neither (members, parameters, pointers).
  UnitItems items;
  std::string key;  // reused: most keys are only looked up
  for (const Rendering* rendering : map.Listed()) {
    if (rendering->state == RenderState::kSymbol) {
      items.push_back({rendering->offset, {}, Flatten(map, *rendering), {}});
      continue;
    }
    // An unexpanded rendering only counts when no complete one exists.
    if (rendering->state == RenderState::kUnexpanded &&
        map.Find(rendering->node, RenderState::kComplete))
      continue;
    if (!AssignTypeRefKey(*rendering, key)) continue;
    if (rules) {
      if (auto text = rules->TypeString(key)) {
        items.push_back({0, key, {}, std::string(*text)});
        continue;
      }
    }
    if (!should_flatten(key, FlattenedLength(map, *rendering))) continue;
    items.push_back({0, key, Flatten(map, *rendering), {}});
  }
  return items;
}

class ObjectTypes {
 public:
  // `rules`: with --stable, the object's rules, else null. With `dump_types`
  // every stored entry is dumped (--dump-types).
  ObjectTypes(const KabiRules* rules, bool dump_types, Diagnostics& diagnostics)
      : rules_(rules), dump_types_(dump_types), diagnostics_(diagnostics) {}

  // Adds a unit's items: the first rendering of a symbol DIE, the longest
  // expansion of a type (the first among equals).
  void Merge(UnitItems items);

  // Adds or replaces (when longer) an entry, dumping it if stored.
  void Add(const std::string& key, TokenList tokens);

  // The record of a reference key; with --stable a type_string rule may
  // define a type the DWARF has not (it is added then).
  const TokenList* Resolve(std::string_view key);

  // The flattened rendering of a symbol DIE, if one was rendered.
  const TokenList* SymbolTokens(DieOffset die) const;

  TypeMap& types() { return types_; }
  const TypeMap& types() const { return types_; }

 private:
  const KabiRules* rules_;
  bool dump_types_;
  Diagnostics& diagnostics_;
  TypeMap types_;
  std::unordered_map<DieOffset, TokenList> symbol_tokens_;
};

}  // namespace kcrc
