// The libdw boundary: opens an object file's DWARF (relocations of ET_REL
// objects applied through libdwfl's offline reporting), lists its units and
// reads DIEs into DieNodes on demand (the NodeSource the renderer reads). No
// other module sees libdw types.
//
// Not thread-safe: one DwarfFile per thread.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "kcrc/dwarf/die_node.h"
#include "kcrc/dwarf/node_source.h"
#include "kcrc/elf/elf_file.h"

namespace kcrc {

class DwarfFile : public NodeSource {
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

  // The name (without its directory) of the source file a decl_file index
  // names in the unit of `node`, from the unit's line table header.
  std::string_view SourceFileName(const DieNode& node, uint64_t file_index) override;

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

 protected:
  const DieNode& ReadNode(DieOffset offset) override;
  std::span<const DieNode* const> ReadChildren(DieOffset offset) override;
  void WalkUnitRaw(const UnitInfo& unit, RawVisitor visit, void* context,
                   bool skip_bodies) override;

 private:
  struct Impl;
  using RawChildVisitor = void (*)(void* context, const Candidate& candidate);
  void ForEachChildRaw(DieOffset offset, RawChildVisitor visit, void* context);
  bool ReportFile(const ElfFile& elf, bool sibling);
  static constexpr size_t kUnitsListedPerRelease = 64;  // see the constructor
  DieOffset released_until_ = 0;                        // see ReleaseUnitsThrough
  // Fills the node of a libdw DIE (a Dwarf_Die*: libdw types stay out of
  // headers) and caches it; the offset must not be cached yet.
  const DieNode& AddNode(void* libdw_die, DieOffset offset);
  // The file names of a unit's line table (libdw_cudie: a Dwarf_Die*);
  // errors name the DIE `user`, whose decl_file asked for them.
  std::vector<std::string_view> FileNames(void* libdw_cudie, DieOffset user);

  std::unique_ptr<Impl> impl_;
  std::vector<UnitInfo> units_;
  bool relocatable_ = false;
};

template <typename Visitor>
void DwarfFile::ForEachChild(DieOffset offset, Visitor&& visit) {
  auto trampoline = [](void* context, const Candidate& candidate) {
    (*static_cast<std::remove_reference_t<Visitor>*>(context))(candidate);
  };
  ForEachChildRaw(offset, trampoline, &visit);
}

}  // namespace kcrc
