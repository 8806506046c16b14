// The type map of one object file: reference key (or symbol name) -> tokens.
//
// GUARANTEES: as in the reference, a key keeps the longest expansion offered
// for it (strictly longer byte length replaces). Where the reference keeps
// one of two equally long, different expansions depending on memory
// addresses, kcrc keeps the first offered; Build offers renderings in DIE
// offset order, so the definition with the lowest DIE offset wins a tie.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "kcrc/base/string_index.h"
#include "kcrc/render/die_map.h"
#include "kcrc/symtypes/record.h"

namespace kcrc {

class TypeMap {
 public:
  TypeMap() = default;
  // Movable, not copyable: the index views the keys of the entries, which a
  // move keeps in place (deque storage) and a copy would not.
  TypeMap(TypeMap&&) = default;
  TypeMap& operator=(TypeMap&&) = default;
  TypeMap(const TypeMap&) = delete;
  TypeMap& operator=(const TypeMap&) = delete;

  struct Entry {
    TokenList tokens;
    size_t length = 0;
  };

  // Adds or replaces (when strictly longer) an entry; returns true when stored.
  bool Add(const std::string& key, TokenList tokens);
  // Whether an expansion of `length` bytes would be stored for `key`.
  bool WouldStore(std::string_view key, size_t length) const;
  const TokenList* Find(std::string_view key) const;

  // "<key> <value>\n" for every entry, sorted by key (bytewise).
  std::string SortedText() const;

 private:
  const Entry* FindEntry(std::string_view key) const;
  // Keys and entries in insertion order (stable addresses: the index views
  // the keys), and the index by key.
  std::deque<std::pair<std::string, Entry>> entries_;
  StringIndex index_;
};

// The reference key of a rendering (`s#foo`), or nullopt when it is not a
// named struct/class/union/enum/typedef rendering.
std::optional<std::string> TypeRefKey(const Rendering& rendering);
// The same into `key` (its storage is reused); false, leaving `key` as it
// was, when the rendering is not a reference.
bool AssignTypeRefKey(const Rendering& rendering, std::string& key);
// The size of TypeRefKey(rendering), without building it.
std::optional<size_t> TypeRefKeyLength(const Rendering& rendering);

// Flattens a rendering into tokens: strings verbatim, a linebreak as one space
// unless the next fragment of the same list is a linebreak too, named child
// types as references and anonymous ones inline.
TokenList Flatten(const DieMap& map, const Rendering& rendering);

// The byte length of Flatten's text, without building it. Memoized per rendering:
// call it only once the map is complete (a finished unit).
size_t FlattenedLength(const DieMap& map, const Rendering& rendering);

// Memoizes FlattenedLength of a finished rendering if it is final already:
// if every child fragment carries its child's final length (from
// DieMap::FinalChildLength). Lengths known before the unit's end spare the
// end reading renderings and fragments again (they have left the cache by
// then: those reads were 8% of a vmlinux run).
//
// A rendering's flattened length cannot change any more once every child is
// a reference (its key's length) or a COMPLETE rendering whose length is
// final: a DIE gets a new rendering in a state only while it has no finished
// one, so the rendering a child's flattening finds is final once it exists.
// An UNEXPANDED anonymous child is not final: a later symbol may expand it.
void MemoizeFinalLength(const Rendering& rendering);

}  // namespace kcrc
