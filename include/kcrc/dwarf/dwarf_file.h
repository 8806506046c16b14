// The libdw boundary: opens an object file's DWARF (relocations of ET_REL
// objects applied through libdwfl's offline reporting), lists its units and
// reads DIEs into DieNodes on demand. No other module sees libdw types.
//
// Not thread-safe: one DwarfFile per thread.
#pragma once

#include <memory>
#include <optional>
#include <type_traits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kcrc/dwarf/die_node.h"

namespace kcrc {

struct UnitInfo {
  DieOffset die = 0;  // offset of the unit DIE
  int version = 0;    // DWARF version
  int language = -1;  // DW_AT_language of the unit DIE, -1 when absent
};

class DwarfFile {
 public:
  // Throws Error naming the file when it cannot be read or has no DWARF.
  explicit DwarfFile(std::string path);
  ~DwarfFile();
  DwarfFile(const DwarfFile&) = delete;
  DwarfFile& operator=(const DwarfFile&) = delete;

  const std::string& path() const { return path_; }

  // Every unit of .debug_info, in order.
  const std::vector<UnitInfo>& units() const { return units_; }

  // The node at `offset`, read on first use. Throws for an invalid offset.
  const DieNode& Get(DieOffset offset);

  // The children of a node, in DWARF order (read on first use).
  const std::vector<DieOffset>& Children(DieOffset offset);

  // Drops the nodes read so far (they are read again on demand); used
  // between units to bound memory.
  void ForgetNodes() {
    // Assigning empty maps also frees the bucket arrays: clear() would keep
    // them and cost their size on every later clear.
    nodes_ = {};
    children_ = {};
  }

  // The full name of the source file a decl_file index names in the unit of
  // `node`, from the unit's line table. Throws when it cannot be resolved.
  std::string_view SourceFileName(const DieNode& node, uint64_t file_index);

  // The few attributes the export pass needs, read without building a node.
  struct Candidate {
    DieOffset offset = 0;
    int tag = 0;
    bool has_children = false;
    std::optional<std::string_view> name;
    std::optional<std::string_view> linkage_name;
    std::optional<DieOffset> abstract_origin;
    std::optional<std::string_view> SymbolName() const { return linkage_name ? linkage_name : name; }
  };

  // Calls visit(candidate) for each child of the DIE at `offset`, in order.
  template <typename Visitor>
  void ForEachChild(DieOffset offset, Visitor&& visit);

  // Walks every DIE of a unit in pre-order, without materialising nodes:
  // calls visit(offset, tag, name-or-null, has_children, depth).
  template <typename Visitor>
  void WalkUnit(const UnitInfo& unit, Visitor&& visit);

  // Location prefix for error messages: "<path>: DIE 0x<offset>".
  std::string Where(DieOffset offset) const;

 private:
  struct Impl;
  using RawChildVisitor = void (*)(void* context, const Candidate& candidate);
  void ForEachChildRaw(DieOffset offset, RawChildVisitor visit, void* context);
  using RawVisitor = void (*)(void* context, DieOffset offset, int tag, const char* name,
                              bool has_children, int depth);
  void WalkUnitRaw(const UnitInfo& unit, RawVisitor visit, void* context);

  std::string path_;
  std::unique_ptr<Impl> impl_;
  std::vector<UnitInfo> units_;
  std::unordered_map<DieOffset, DieNode> nodes_;
  std::unordered_map<DieOffset, std::vector<DieOffset>> children_;
};

template <typename Visitor>
void DwarfFile::ForEachChild(DieOffset offset, Visitor&& visit) {
  auto trampoline = [](void* context, const Candidate& candidate) {
    (*static_cast<std::remove_reference_t<Visitor>*>(context))(candidate);
  };
  ForEachChildRaw(offset, trampoline, &visit);
}

template <typename Visitor>
void DwarfFile::WalkUnit(const UnitInfo& unit, Visitor&& visit) {
  auto trampoline = [](void* context, DieOffset offset, int tag, const char* name,
                       bool has_children, int depth) {
    (*static_cast<Visitor*>(context))(offset, tag, name, has_children, depth);
  };
  WalkUnitRaw(unit, trampoline, &visit);
}

}  // namespace kcrc
