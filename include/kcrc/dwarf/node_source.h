// Where the renderer, the FQN pass and the kABI checks read DIEs: a cache of
// DieNodes and child lists filled on demand by an implementation that reads
// them, DwarfFile (libdw) or, in unit tests, an in-memory DIE tree
// (tests/support/die_tree.h).
//
// GUARANTEES: Get and Children are a pure cache: what they return does not
// depend on what was asked before, or on ForgetNodes. A cache hit is one
// probe of a flat table, inline; only a miss calls the implementation.
//
// USAGE (implementations): ReadNode fills NewNode(offset) and returns
// CommitNode(); ReadChildren builds each child with Known / NewNode +
// CommitNode and returns StoreChildren(offset, list).
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/base/chunked_store.h"
#include "kcrc/base/error.h"
#include "kcrc/base/offset_index.h"
#include "kcrc/dwarf/die_node.h"

namespace kcrc {

// "<path>: DIE 0x<offset>", formatted only when printed: messages that are
// not errors (kABI findings) name DIEs this way.
struct DieLocation {
  const std::string* path;
  DieOffset offset;
};

struct UnitInfo {
  DieOffset die = 0;  // offset of the unit DIE
  int version = 0;    // DWARF version
  int language = 0;   // DW_AT_language of the unit DIE (0 when absent)
};

// Whether a unit's source language is C (any standard), where no type that
// an exported symbol can reach is defined inside a function body.
bool IsCLanguage(int language);

class NodeSource {
 public:
  explicit NodeSource(std::string path) : path_(std::move(path)) {}
  virtual ~NodeSource();
  NodeSource(const NodeSource&) = delete;
  NodeSource& operator=(const NodeSource&) = delete;

  const std::string& path() const { return path_; }

  // The node at `offset`, read on first use. Throws for an invalid offset.
  const DieNode& Get(DieOffset offset) {
    if (const std::optional<uint32_t> index = node_index_.Find(offset)) return nodes_[*index];
    return ReadNode(offset);
  }
  // The node with DieNode::id `id`, read since the last ForgetNodes.
  const DieNode& Node(uint32_t id) const { return nodes_[id]; }

  // The nodes of the children of a node, in DWARF order (read on first use;
  // valid until ForgetNodes).
  std::span<const DieNode* const> Children(DieOffset offset) {
    if (const std::optional<uint32_t> index = children_index_.Find(offset))
      return children_[*index];
    return ReadChildren(offset);
  }

  // Drops the nodes and child lists read so far (they are read again if
  // asked for); invalidates references Get and Children returned. The unit
  // route calls it after each unit: types are per unit, so the cache of one
  // unit is rarely of use to the next, and whole-vmlinux runs would
  // otherwise keep every node of every unit alive.
  void ForgetNodes();

  // The name (without its directory) of the source file a decl_file index
  // names in the unit of `node`. Throws when it cannot be resolved.
  virtual std::string_view SourceFileName(const DieNode& node, uint64_t file_index) = 0;

  // Walks every DIE of a unit in pre-order, without materialising nodes:
  // calls visit(offset, tag, name-or-null, has_children, depth). With
  // skip_function_bodies the children of DW_TAG_subprogram DIEs are not
  // visited (the subprogram itself is, with has_children false).
  template <typename Visitor>
  void WalkUnit(const UnitInfo& unit, Visitor&& visit, bool skip_function_bodies = false);

  // Where a DIE is, for errors ("<path>: DIE 0x<offset>" once printed).
  Location At(DieOffset offset) const { return Location{path_, 0, offset}; }
  // The same as text to format into a message (not an error's location).
  DieLocation Where(DieOffset offset) const { return {&path_, offset}; }

 protected:
  virtual const DieNode& ReadNode(DieOffset offset) = 0;
  virtual std::span<const DieNode* const> ReadChildren(DieOffset offset) = 0;
  using RawVisitor = void (*)(void* context, DieOffset offset, int tag, const char* name,
                              bool has_children, int depth);
  virtual void WalkUnitRaw(const UnitInfo& unit, RawVisitor visit, void* context,
                           bool skip_bodies) = 0;

  // The node at `offset` if it is cached.
  const DieNode* Known(DieOffset offset) const {
    const std::optional<uint32_t> index = node_index_.Find(offset);
    return index ? &nodes_[*index] : nullptr;
  }
  // The slot of a new node at `offset` (not cached), reset, for filling in
  // place (nodes are 200 bytes, millions per kernel); CommitNode caches it.
  // No other node may be started in between.
  DieNode& NewNode(DieOffset offset) {
    DieNode& node = nodes_.NextSlot();
    node.Reset(offset, static_cast<uint32_t>(nodes_.size()));
    return node;
  }
  const DieNode& CommitNode() {
    node_index_.Insert(nodes_.NextSlot().offset, static_cast<uint32_t>(nodes_.size()));
    return nodes_.Commit();
  }
  // A list to collect children into (reused), and caching a collected list.
  std::vector<const DieNode*>& ChildrenScratch() {
    children_scratch_.clear();
    return children_scratch_;
  }
  std::span<const DieNode* const> StoreChildren(DieOffset offset,
                                                std::span<const DieNode* const> children);

 private:
  std::string path_;
  // Nodes and child lists read so far (references stay valid), found by DIE
  // offset through flat indexes.
  ChunkedStore<DieNode> nodes_;
  OffsetIndex node_index_;
  // Child lists live in an arena until ForgetNodes; the scratch list is
  // reused to collect each list before its exact-size copy.
  std::pmr::monotonic_buffer_resource children_arena_;
  std::vector<std::span<const DieNode* const>> children_;
  std::vector<const DieNode*> children_scratch_;
  OffsetIndex children_index_;
};

template <typename Visitor>
void NodeSource::WalkUnit(const UnitInfo& unit, Visitor&& visit, bool skip_function_bodies) {
  auto trampoline = [](void* context, DieOffset offset, int tag, const char* name,
                       bool has_children, int depth) {
    (*static_cast<std::remove_reference_t<Visitor>*>(context))(offset, tag, name, has_children,
                                                               depth);
  };
  WalkUnitRaw(unit, trampoline, &visit, skip_function_bodies);
}

}  // namespace kcrc

template <>
struct fmt::formatter<kcrc::DieLocation> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const kcrc::DieLocation& location, FormatContext& context) const {
    return fmt::format_to(context.out(), "{}: DIE 0x{:x}", *location.path, location.offset);
  }
};
