// The export pass of one unit: which function and variable DIEs stand for
// exports. A pure function of the unit and the export names (no symbol
// state is read), so that with units in parallel workers scan units ahead
// of the ordered stage that decides which DIE each symbol gets.
//
// Visited: the children of the unit, and in C++ units of namespaces, classes
// and structs (in C a struct's children are members, never exports), read
// without building nodes (most are not exports). A DIE matches when its name
// (DW_AT_linkage_name, else DW_AT_name), or its abstract origin's, is an
// export's, or is `__gendwarfksyms_ptr_` followed by one.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "gen/export_list.h"
#include "kcrc/dwarf/dwarf_file.h"
#include "kcrc/render/renderer.h"

namespace kcrc {

inline constexpr std::string_view kSymbolPointerPrefix = "__gendwarfksyms_ptr_";

struct ExportMatch {
  std::optional<uint32_t> name;         // the export the DIE's name stands for
  std::optional<uint32_t> origin_name;  // the export its abstract origin's name stands for
  DieOffset source = 0;                 // the origin if any (it has the types), else the DIE
  bool pointer = false;                 // source is a __gendwarfksyms_ptr_ variable
  SymbolKind kind = SymbolKind::kVariable;
};

// The export a DIE name stands for (the pointer prefix stripped), any state.
std::optional<uint32_t> ExportOfName(const ExportList& exports,
                                     std::optional<std::string_view> name);

// The matches of a unit, in DWARF order.
std::vector<ExportMatch> ScanUnitExports(DwarfFile& dwarf, const UnitInfo& unit,
                                         const ExportList& exports);

}  // namespace kcrc
