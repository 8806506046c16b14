// The type map of one object file: reference key (or symbol name) -> tokens.
//
// GUARANTEES: as in the reference, a key keeps the longest expansion offered
// for it (strictly longer byte length replaces). Where the reference keeps
// one of two equally long, different expansions depending on memory
// addresses, kcrc keeps the first offered; Build offers renderings in DIE
// offset order, so the definition with the lowest DIE offset wins a tie.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kcrc/render/die_map.h"
#include "kcrc/symtypes/record.h"

namespace kcrc {

class TypeMap {
 public:
  struct Entry {
    TokenList tokens;
    size_t length = 0;
  };

  // Adds or replaces (when strictly longer) an entry; returns true when stored.
  bool Add(const std::string& key, TokenList tokens);
  const TokenList* Find(std::string_view key) const;
  // Transparent hashing: lookups by string_view do not build a std::string
  // (versioning looks up every reference token it meets).
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };
  using Entries = std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>>;

  const Entries& entries() const { return entries_; }

  // "<key> <value>\n" for every entry, sorted by key (bytewise).
  std::string SortedText() const;

 private:
  Entries entries_;
};

// The reference key of a rendering (`s#foo`), or nullopt when it is not a
// named struct/class/union/enum/typedef rendering.
std::optional<std::string> TypeRefKey(const Rendering& rendering);

// Flattens a rendering into tokens: strings verbatim, a linebreak as one space
// unless the next fragment of the same list is a linebreak too, named child
// types as references and anonymous ones inline.
TokenList Flatten(const DieMap& map, const Rendering& rendering);

}  // namespace kcrc
