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
#include <memory_resource>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kcrc/dwarf/die_node.h"
#include "kcrc/grammar/grammar.h"

namespace kcrc {

enum class RenderState : uint8_t { kIncomplete, kUnexpanded, kComplete, kSymbol };

// The numbers a rendering prints (grammar.h), kept as numbers and formatted
// only when a rendering is flattened or dumped: most never are (a unit's
// types are mostly in the type map already), and formatting and storing
// millions of attributes per vmlinux was 4% of a run.
using grammar::NumberFormat;
// Room for any NumberFormat's text.
constexpr size_t kMaxNumberText = 48;
// Writes the text of `value` in `format` to `out` (kMaxNumberText bytes);
// returns its length.
size_t FormatNumber(NumberFormat format, uint64_t value, char* out);
// The length FormatNumber writes, without writing.
size_t NumberLength(NumberFormat format, uint64_t value);

// 16 bytes: renderings hold millions of these on large objects.
class Fragment {
 public:
  enum class Kind : uint8_t { kString, kLinebreak, kChild, kNumber };

  static Fragment String(std::string_view text) {
    Fragment f(Kind::kString);
    f.size_ = static_cast<uint32_t>(text.size());
    f.text_ = text.data();
    return f;
  }
  static Fragment Linebreak(int delta) {
    Fragment f(Kind::kLinebreak);
    f.delta_ = static_cast<int8_t>(delta);
    return f;
  }
  // `length`: the child's flattened length, when it is final already (see
  // MemoizeFinalLength), else nullopt.
  static Fragment Child(const DieNode& child, std::optional<size_t> length) {
    Fragment f(Kind::kChild);
    f.size_ = child.id;
    f.child_length_ = length ? static_cast<uint64_t>(*length) : kUnknownLength;
    return f;
  }

  static Fragment Number(NumberFormat format, uint64_t value) {
    Fragment f(Kind::kNumber);
    f.delta_ = static_cast<int8_t>(format);
    f.size_ = static_cast<uint32_t>(NumberLength(format, value));
    f.number_ = value;
    return f;
  }

  Kind kind() const { return kind_; }
  // kString: static, DWARF-owned or arena-owned text.
  std::string_view text() const { return {text_, size_}; }
  // kString and kNumber: the length of the text.
  size_t text_size() const { return size_; }
  // kString and kNumber: the text, formatted into `buffer`
  // (kMaxNumberText bytes) for a number.
  std::string_view Text(char* buffer) const {
    if (kind_ == Kind::kString) return text();
    return {buffer, FormatNumber(static_cast<NumberFormat>(delta_), number_, buffer)};
  }
  // kLinebreak: indentation change (+1, 0, -1).
  int delta() const { return delta_; }
  // kChild: the node id (DieNode::id) of the DIE whose rendering goes here,
  // and its flattened length if it was final when the child was added.
  uint32_t child_node() const { return size_; }
  std::optional<size_t> child_length() const {
    if (child_length_ == kUnknownLength) return std::nullopt;
    return static_cast<size_t>(child_length_);
  }

 private:
  static constexpr uint64_t kUnknownLength = ~uint64_t{0};
  explicit Fragment(Kind kind) : kind_(kind) {}
  Kind kind_;
  int8_t delta_ = 0;
  uint32_t size_ = 0;
  union {
    const char* text_;
    uint64_t child_length_;
    uint64_t number_;
  };
};
static_assert(sizeof(Fragment) == 16);

struct Rendering {
  DieOffset offset = 0;
  uint32_t node = 0;  // DieNode::id of the DIE
  int tag = 0;
  RenderState state = RenderState::kIncomplete;
  // The FQN, once the renderer printed the name (process_fqn); empty when the
  // DIE has none. Named struct/union/enum/typedef renderings become references.
  std::string_view fqn;
  // Set when the rendering is finished (DieMap::StoreFragments): a copy in
  // the map's arena, exactly sized. A unit creates hundreds of thousands of
  // these lists and frees them all at once (DieMap::Clear).
  std::span<const Fragment> fragments;
  uint32_t index = 0;  // creation order within the map (DieMap::Start)
  // FlattenedLength's memo: shared anonymous types (base, pointer and const
  // types) are inlined into every member that uses them. Valid while no
  // rendering is added, i.e. while a finished unit is flushed.
  mutable std::optional<size_t> flattened_length;
  // TypeRefKeyLength's memo (-1: not a reference), set once finished.
  mutable int32_t ref_key_length = kUnknownLength;
  static constexpr int32_t kUnknownLength = -2;
};

// A DIE can have several renderings in the same state: when a DIE is met again
// while its first rendering is still in progress (a pointer reached again
// through the structs it points to), the reference starts a second rendering
// instead of reusing the unfinished one. Lookups, like the reference's hash
// chains, return the newest rendering whose current state is the one asked for.
//
// A rendering in progress lives outside the map (the renderer keeps it on its
// stack) and enters it when finished; the map keeps, per (DIE, state), the
// newest finished rendering, newest by creation. Lookups never meet
// unfinished ones: a cyclic type chain (corrupt DWARF) leaves one per nesting
// level, and scanning them made each lookup O(depth), O(depth^2) per cycle
// (tests/regressions). And a finished rendering is written to the map while
// it is still in the cache: one created in the map was finished only after
// its whole type tree, by which time it had left the cache.
class DieMap {
 public:
  // DIEs are named by their DieNode::id (dense within a unit: the map is
  // cleared with the nodes), so lookups index a table instead of hashing.

  // A new rendering of `node` (kIncomplete), numbered in creation order, to
  // be filled and then added with Add.
  Rendering Start(const DieNode& node) {
    Rendering rendering;
    rendering.offset = node.offset;
    rendering.node = node.id;
    rendering.index = created_++;
    return rendering;
  }
  // Adds a finished rendering (its state set): Find returns it for its (DIE,
  // state) unless one created after it was added already. With `list`, it is
  // listed too (see Listed).
  const Rendering& Add(Rendering&& rendering, bool list);
  // The rendering of (node id, state) if it exists and is finished.
  const Rendering* Find(uint32_t node, RenderState state) const;
  // For flattening: the COMPLETE rendering if any, else the UNEXPANDED one.
  const Rendering* FindForFlattening(uint32_t node) const;
  // The length FindForFlattening's rendering adds to a parent's flattened
  // text, when already final (see MemoizeFinalLength in type_map.h): its
  // reference key's length, or its own memoized length if COMPLETE; taken
  // from the memos Add found in the rendering, and kept beside the lookup
  // table (reading the rendering itself missed the cache for cached types).
  std::optional<size_t> FinalChildLength(uint32_t node) const;

  // The renderings added with `list`, ordered by DIE offset, then state,
  // then creation (deterministic). The renderer lists those that become
  // entries (symbols and named types) as it finishes them: scanning every
  // rendering for them at the unit's end read each one from memory again.
  std::vector<const Rendering*> Listed() const;

  // Drops every rendering (flattened tokens own copies of their text).
  void Clear() {
    // Assigning empty containers frees their storage too (see ForgetNodes).
    for (const Rendering& rendering : renderings_) newest_[Slot(rendering)] = {};
    renderings_ = {};
    listed_.clear();
    created_ = 0;
    arena_.release();
  }

  // Keeps a copy of a finished rendering's fragments until the map is cleared.
  std::span<const Fragment> StoreFragments(std::span<const Fragment> fragments);

 private:
  static uint64_t Key(DieOffset offset, RenderState state) {
    return (offset << 2) | static_cast<uint64_t>(state);
  }
  static size_t Slot(uint32_t node, RenderState state) {
    return size_t{node} * 4 + static_cast<size_t>(state);
  }
  static size_t Slot(const Rendering& rendering) { return Slot(rendering.node, rendering.state); }
  // Slot(node, state) -> the newest finished rendering: 1 + its position in
  // renderings_ (0: none), and its final length as a child.
  struct Newest {
    uint32_t position = 0;
    uint32_t child_length = kUnknownChildLength;
  };
  static constexpr uint32_t kUnknownChildLength = ~uint32_t{0};
  std::vector<Newest> newest_;
  // The entry of (node, state), nullptr when it has no finished rendering;
  // for flattening, COMPLETE's if any, else UNEXPANDED's.
  const Newest* NewestOf(uint32_t node, RenderState state) const;
  const Newest* NewestForFlattening(uint32_t node) const;
  uint32_t created_ = 0;  // renderings started since Clear
  // Fragment lists; declared before the renderings that
  // point into it.
  std::pmr::monotonic_buffer_resource arena_;
  std::deque<Rendering> renderings_;
  // The listed renderings: sort key, creation index, position.
  struct ListEntry {
    uint64_t key;
    uint32_t index;
    uint32_t position;
  };
  std::vector<ListEntry> listed_;
};

}  // namespace kcrc
