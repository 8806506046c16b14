// The ordered step of a unit: applies the export pass's matches to the
// symbols, in DWARF order and unit after unit, as the reference's symbol
// state machine does (the first DIE met wins), and says which DIEs to render.
//
// A match of a `__gendwarfksyms_ptr_<sym>` variable only remembers its type;
// at the end of the unit, the symbols that are still unprocessed and have
// such a type are mapped to it, in the reference's symbol order.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "gen/export_list.h"
#include "gen/export_pass.h"
#include "gen/object_symbols.h"
#include "kcrc/dwarf/dwarf_file.h"

namespace kcrc {

struct RenderRequest {
  DieOffset die;
  SymbolKind kind;
};

class SymbolMapper {
 public:
  // `dwarf` reads the pointer variables' types; `object`: the object's index
  // in the run (ExportSymbol::object).
  SymbolMapper(ExportList& exports, const ObjectSymbols& symbols, NodeSource& dwarf, int object);

  const ExportList& exports() const { return exports_; }

  // Applies one unit's matches; returns the DIEs to render, in order.
  std::vector<RenderRequest> ApplyUnit(const std::vector<ExportMatch>& matches);

 private:
  void Apply(const ExportMatch& match, std::vector<RenderRequest>& requests);
  void Map(uint32_t index, DieOffset die, SymbolKind kind, std::vector<RenderRequest>& requests);
  void SavePointer(uint32_t index, const DieNode& variable);
  void MapPointers(std::vector<RenderRequest>& requests);

  ExportList& exports_;
  const ObjectSymbols& symbols_;
  NodeSource& dwarf_;
  int object_;
  // Per export: the type a pointer variable gave it in this object.
  std::vector<std::optional<DieOffset>> pointers_;
  // Exports given a pointer in the current unit.
  std::vector<uint32_t> pending_pointers_;
};

}  // namespace kcrc
