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

namespace kcrc {

enum class RenderState : uint8_t { kIncomplete, kUnexpanded, kComplete, kSymbol };

// The numbers a rendering prints, kept as numbers and formatted only when
// a rendering is flattened or dumped: most never are (a unit's types are
// mostly in the type map already), and formatting and storing millions of
// attributes per vmlinux was 4% of a run.
enum class NumberFormat : uint8_t {
  kByteSize,  // " byte_size(N)", and so on to kDiscrValue
  kEncoding,
  kAlignment,
  kAccessibility,
  kBitSize,
  kDataBitOffset,
  kDataMemberLocation,
  kDiscrValue,
  kSubscript,  // "[N]"
  kPlain,      // "N"
};
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
  uint32_t index = 0;  // creation order within the map
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
// REQUIREMENT: the renderer calls MarkFinished when it sets a rendering to the
// state it was created for. The map then keeps, per (DIE, state), only the
// newest finished rendering, and lookups never scan unfinished ones: a cyclic
// type chain (corrupt DWARF) leaves one per nesting level, and scanning them
// made each lookup O(depth), O(depth^2) per cycle (tests/regressions).
class DieMap {
 public:
  // DIEs are named by their DieNode::id (dense within a unit: the map is
  // cleared with the nodes), so lookups index a table instead of hashing.

  // The newest finished rendering of `node` in `state`, or a new empty
  // (kIncomplete) one when there is none.
  Rendering& GetOrCreate(const DieNode& node, RenderState state);
  // Records that `rendering` reached its state (the one of its GetOrCreate).
  void MarkFinished(const Rendering& rendering);
  // The rendering of (node id, state) if it exists and is finished.
  const Rendering* Find(uint32_t node, RenderState state) const;
  // For flattening: the COMPLETE rendering if any, else the UNEXPANDED one.
  const Rendering* FindForFlattening(uint32_t node) const;

  // Lists a finished rendering for Listed(): the renderer lists those that
  // become entries (symbols and named types), as it finishes them. Scanning
  // every rendering for them at the unit's end read each one from memory
  // again (5% of a vmlinux run).
  void List(const Rendering& rendering) {
    listed_.emplace_back(Key(rendering.offset, rendering.state), rendering.index);
  }
  // The listed renderings, ordered by DIE offset, then state, then creation
  // (deterministic).
  std::vector<const Rendering*> Listed() const;

  // Drops every rendering (flattened tokens own copies of their text).
  void Clear() {
    // Assigning empty containers frees their storage too (see ForgetNodes).
    for (const Rendering& rendering : renderings_) newest_[Slot(rendering)] = 0;
    renderings_ = {};
    listed_.clear();
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
  // Slot(node, state) -> 1 + index of the newest finished rendering (0: none).
  std::vector<uint32_t> newest_;
  // Fragment lists; declared before the renderings that
  // point into it.
  std::pmr::monotonic_buffer_resource arena_;
  std::deque<Rendering> renderings_;
  // (Key, index) of the listed renderings.
  std::vector<std::pair<uint64_t, uint32_t>> listed_;
};

}  // namespace kcrc
