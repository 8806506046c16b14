#include "gen/symbol_mapper.h"

#include <algorithm>
#include <string>

#include "kcrc/base/error.h"

namespace kcrc {

SymbolMapper::SymbolMapper(ExportList& exports, const ObjectSymbols& symbols, NodeSource& dwarf,
                           int object)
    : exports_(exports),
      symbols_(symbols),
      dwarf_(dwarf),
      object_(object),
      pointers_(exports.size()) {}

std::vector<RenderRequest> SymbolMapper::ApplyUnit(const std::vector<ExportMatch>& matches) {
  std::vector<RenderRequest> requests;
  for (const ExportMatch& match : matches) Apply(match, requests);
  MapPointers(requests);
  return requests;
}

// Maps (or remembers the pointer of) the symbol a match stands for, if it is
// still unprocessed.
void SymbolMapper::Apply(const ExportMatch& match, std::vector<RenderRequest>& requests) {
  std::optional<uint32_t> index;
  if (match.name) index = symbols_.Unprocessed(exports_, *match.name);
  if (!index && match.origin_name) index = symbols_.Unprocessed(exports_, *match.origin_name);
  if (!index) return;
  if (match.pointer) {
    SavePointer(*index, dwarf_.Get(match.source));
    return;
  }
  Map(*index, match.source, match.kind, requests);
}

void SymbolMapper::Map(uint32_t index, DieOffset die, SymbolKind kind,
                       std::vector<RenderRequest>& requests) {
  symbols_.ForEachAlias(index, [&](uint32_t alias) {
    ExportSymbol& symbol = exports_[alias];
    symbol.state = SymbolState::kMapped;
    symbol.object = object_;
    symbol.die = die;
  });
  requests.push_back({die, kind});
}

// Remembers the type of a __gendwarfksyms_ptr_<sym> variable, used when
// <sym> itself has no DIE in this unit.
void SymbolMapper::SavePointer(uint32_t index, const DieNode& variable) {
  const std::string name(variable.SymbolName().value_or(""));
  const DieNode* pointer = variable.type ? &dwarf_.Get(*variable.type) : nullptr;
  if (!(pointer && pointer->tag == DW_TAG_pointer_type))
    Fail(dwarf_.At(variable.offset), "save_symbol_ptr: {} must be a pointer type!", name);
  if (!(pointer->type.has_value()))
    Fail(dwarf_.At(variable.offset), "save_symbol_ptr: {} pointer missing a type attribute?", name);
  const DieNode& target = dwarf_.Get(*pointer->type);
  const DieOffset remembered =
      target.tag == DW_TAG_subroutine_type ? target.offset : pointer->offset;
  symbols_.ForEachAlias(index, [&](uint32_t alias) {
    pointers_[alias] = remembered;
    pending_pointers_.push_back(alias);
  });
}

// Maps the unprocessed symbols that have a saved pointer, in the reference's
// hash order. Only pointers saved in this unit can qualify: every symbol with
// a pointer is mapped here, so none is left for the next unit (the reference
// scans the whole symbol table after each unit).
void SymbolMapper::MapPointers(std::vector<RenderRequest>& requests) {
  std::vector<uint32_t> pending = std::move(pending_pointers_);
  pending_pointers_.clear();
  std::sort(pending.begin(), pending.end(),
            [&](uint32_t a, uint32_t b) { return exports_.hash_rank(a) < exports_.hash_rank(b); });
  pending.erase(std::unique(pending.begin(), pending.end()), pending.end());
  for (uint32_t index : pending) {
    if (exports_[index].state != SymbolState::kUnprocessed || !pointers_[index]) continue;
    const DieNode& node = dwarf_.Get(*pointers_[index]);
    Map(index, node.offset,
        node.tag == DW_TAG_subroutine_type ? SymbolKind::kSubprogram : SymbolKind::kVariable,
        requests);
  }
}

}  // namespace kcrc
