// The libdw boundary: opens an object file's DWARF (relocations of ET_REL
// objects applied through libdwfl's offline reporting), lists its units and
// reads DIEs into DieNodes on demand. No other module sees libdw types.
//
// Not thread-safe: one DwarfFile per thread.
#pragma once

#include <fmt/format.h>

#include <memory>
#include <memory_resource>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "kcrc/base/chunked_store.h"
#include "kcrc/base/error.h"
#include "kcrc/base/offset_index.h"
#include "kcrc/dwarf/die_node.h"
#include "kcrc/elf/elf_file.h"

namespace kcrc {

// "<path>: DIE 0x<offset>", formatted only when printed: error checks pass
// it on every call (Check's arguments are evaluated even when the check
// holds), so building the string eagerly cost a format per DIE visit.
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

class DwarfFile {
 public:
  // The DWARF of an opened object, read from its bytes (ElfFile::bytes),
  // which must outlive this handle; libdwfl relocates a relocatable file's
  // debug sections in them. Throws Error naming the file when it has no
  // DWARF. With `sibling`, another handle on the same file (for another
  // thread): a linked file's mapping is shared (a unit released by one is
  // released for both), and what the sibling read of the units is taken.
  explicit DwarfFile(const ElfFile& elf, const DwarfFile* sibling = nullptr);
  ~DwarfFile();
  DwarfFile(const DwarfFile&) = delete;
  DwarfFile& operator=(const DwarfFile&) = delete;

  const std::string& path() const { return path_; }

  // Every unit of .debug_info, in order.
  const std::vector<UnitInfo>& units() const { return units_; }

  // Whether the file is relocatable (ET_REL: kernel .o and .ko files), whose
  // debug sections libdwfl relocated when it was opened.
  bool relocatable() const { return relocatable_; }

  // Says that the units up to `index` (of units()) are done with: the memory
  // holding their DWARF (of a mapped, linked file) is given back, in batches
  // of kReleaseBatch bytes and at the last unit. Nodes and DIEs of them stay
  // readable; reading them again costs page faults.
  void ReleaseUnitsThrough(size_t index);
  static constexpr size_t kReleaseBatch = size_t{4} << 20;

  // The node at `offset`, read on first use. Throws for an invalid offset.
  const DieNode& Get(DieOffset offset);
  // The node with DieNode::id `id`, read since the last ForgetNodes.
  const DieNode& Node(uint32_t id) const { return nodes_[id]; }

  // Drops the nodes and child lists read so far (they are read again from
  // libdw if asked for). Get and Children are a pure cache, so this changes
  // no result; it invalidates references they returned. The generator calls
  // it after each unit: types are per unit, so the cache of one unit is
  // rarely of use to the next, and whole-vmlinux runs would otherwise keep
  // every node of every unit alive.
  void ForgetNodes();

  // The nodes of the children of a node, in DWARF order (read on first use;
  // valid until ForgetNodes).
  std::span<const DieNode* const> Children(DieOffset offset);

  // The name (without its directory) of the source file a decl_file index
  // names in the unit of `node`, from the unit's line table header. Throws
  // when it cannot be resolved.
  std::string_view SourceFileName(const DieNode& node, uint64_t file_index);

  // The few attributes the export pass needs, read without building a node.
  // name, linkage_name and abstract_origin are read for DW_TAG_subprogram
  // and DW_TAG_variable DIEs only.
  struct Candidate {
    DieOffset offset = 0;
    int tag = 0;
    bool has_children = false;
    std::optional<std::string_view> name;
    std::optional<std::string_view> linkage_name;
    std::optional<DieOffset> abstract_origin;
    std::optional<std::string_view> SymbolName() const {
      return linkage_name ? linkage_name : name;
    }
  };

  // Calls visit(candidate) for each child of the DIE at `offset`, in order.
  template <typename Visitor>
  void ForEachChild(DieOffset offset, Visitor&& visit);

  // Walks every DIE of a unit in pre-order, without materialising nodes:
  // calls visit(offset, tag, name-or-null, has_children, depth). With
  // skip_function_bodies the children of DW_TAG_subprogram DIEs are not
  // visited (the subprogram itself is, with has_children false).
  template <typename Visitor>
  void WalkUnit(const UnitInfo& unit, Visitor&& visit, bool skip_function_bodies = false);

  // Where a DIE is, for errors ("<path>: DIE 0x<offset>" once printed).
  Location At(DieOffset offset) const { return Location{path_, 0, offset}; }
  // The same as text to format into a message (not an error's location),
  // formatted only when printed.
  DieLocation Where(DieOffset offset) const { return {&path_, offset}; }

 private:
  struct Impl;
  using RawChildVisitor = void (*)(void* context, const Candidate& candidate);
  void ForEachChildRaw(DieOffset offset, RawChildVisitor visit, void* context);
  using RawVisitor = void (*)(void* context, DieOffset offset, int tag, const char* name,
                              bool has_children, int depth);
  void WalkUnitRaw(const UnitInfo& unit, RawVisitor visit, void* context, bool skip_bodies);
  bool ReportFile(const ElfFile& elf, bool sibling);
  static constexpr size_t kUnitsListedPerRelease = 64;  // see the constructor
  DieOffset released_until_ = 0;                        // see ReleaseUnitsThrough
  // Reads the node of a libdw DIE (a Dwarf_Die*: libdw types stay out of
  // headers) and indexes it; the offset must not be indexed yet.
  const DieNode& AddNode(void* libdw_die, DieOffset offset);
  // The file names of a unit's line table (libdw_cudie: a Dwarf_Die*);
  // errors name the DIE `user`, whose decl_file asked for them.
  std::vector<std::string_view> FileNames(void* libdw_cudie, DieOffset user);

  std::string path_;
  std::unique_ptr<Impl> impl_;
  std::vector<UnitInfo> units_;
  bool relocatable_ = false;
  // Nodes and child lists read so far (references stay valid), found by DIE
  // offset through flat indexes.
  ChunkedStore<DieNode> nodes_;
  OffsetIndex node_index_;
  // Child lists live in an arena until ForgetNodes; children_scratch_ is
  // reused to collect each list before its exact-size copy.
  std::pmr::monotonic_buffer_resource children_arena_;
  std::vector<std::span<const DieNode* const>> children_;
  std::vector<const DieNode*> children_scratch_;
  OffsetIndex children_index_;
};

template <typename Visitor>
void DwarfFile::ForEachChild(DieOffset offset, Visitor&& visit) {
  auto trampoline = [](void* context, const Candidate& candidate) {
    (*static_cast<std::remove_reference_t<Visitor>*>(context))(candidate);
  };
  ForEachChildRaw(offset, trampoline, &visit);
}

template <typename Visitor>
void DwarfFile::WalkUnit(const UnitInfo& unit, Visitor&& visit, bool skip_function_bodies) {
  auto trampoline = [](void* context, DieOffset offset, int tag, const char* name,
                       bool has_children, int depth) {
    (*static_cast<Visitor*>(context))(offset, tag, name, has_children, depth);
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
