// The rendering cache: one fragment list per (DIE, state), kept for a whole
// object file.
//
// REQUIREMENTS: a rendering is created at the first meeting of its DIE in the
// wanted state and frozen afterwards (later symbols replay it, whatever their
// own state): the reference's list commas and its kABI renamed-name leak are
// frozen this way too, and CRCs depend on it.
//
// Example: `struct point { int x; int y; }` rendered COMPLETE is
//   "structure_type" " point" " {" LB(+1) <child member x> <child member y>
//   LB(-1) "}" " byte_size(8)"
// and member y's own list is " ," LB(0) "member " <child int> " y" ...
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kcrc/base/offset_index.h"
#include "kcrc/dwarf/die_node.h"

namespace kcrc {

enum class RenderState : uint8_t { kIncomplete, kUnexpanded, kComplete, kSymbol };

struct Fragment {
  enum class Kind : uint8_t { kString, kLinebreak, kChild };
  Kind kind;
  int8_t delta = 0;       // kLinebreak: indentation change (+1, 0, -1)
  std::string_view text;  // kString: static, DWARF-owned or arena-owned text
  DieOffset child = 0;    // kChild: the DIE whose rendering goes here
};

struct Rendering {
  DieOffset offset = 0;
  int tag = 0;
  RenderState state = RenderState::kIncomplete;
  // The FQN, once the renderer printed the name (process_fqn); empty when the
  // DIE has none. Named struct/union/enum/typedef renderings become references.
  std::string_view fqn;
  std::vector<Fragment> fragments;
};

// A DIE can have several renderings in the same state: when a DIE is met again
// while its first rendering is still in progress (a pointer reached again
// through the structs it points to), the reference starts a second rendering
// instead of reusing the unfinished one. Lookups, like the reference's hash
// chains, return the newest rendering whose current state is the one asked for.
class DieMap {
 public:
  // The newest rendering of `offset` in `state`, or a new empty (kIncomplete)
  // one when there is none.
  Rendering& GetOrCreate(DieOffset offset, RenderState state);
  // The rendering of (offset, state) if it exists and is finished.
  const Rendering* Find(DieOffset offset, RenderState state) const;
  // For flattening: the COMPLETE rendering if any, else the UNEXPANDED one.
  const Rendering* FindForFlattening(DieOffset offset) const;

  // Every rendering, ordered by DIE offset then state (deterministic).
  std::vector<const Rendering*> Sorted() const;

  // Keeps a copy of a formatted string for the lifetime of the map.
  std::string_view Store(std::string text);

 private:
  static uint64_t Key(DieOffset offset, RenderState state) {
    return (offset << 2) | static_cast<uint64_t>(state);
  }
  static constexpr uint32_t kNone = UINT32_MAX;
  // The newest rendering of each (offset, state) key, and for each rendering
  // the next older one of its key (kNone at the oldest): a flat index and a
  // chain instead of a hash map of vectors (the renderer looks up a rendering
  // at every type it visits).
  OffsetIndex newest_;
  std::vector<uint32_t> older_;
  std::deque<Rendering> renderings_;
  std::deque<std::string> arena_;
};

}  // namespace kcrc
