#include "gen/export_pass.h"

namespace kcrc {
namespace {

std::optional<ExportMatch> MatchCandidate(DwarfFile& dwarf, const DwarfFile::Candidate& candidate,
                                          const ExportList& exports) {
  ExportMatch match;
  match.name = ExportOfName(exports, candidate.SymbolName());
  const DieNode* origin =
      candidate.abstract_origin ? &dwarf.Get(*candidate.abstract_origin) : nullptr;
  if (origin) match.origin_name = ExportOfName(exports, origin->SymbolName());
  if (!match.name && !match.origin_name) return std::nullopt;
  match.source = origin ? origin->offset : candidate.offset;
  const auto source_name = origin ? origin->SymbolName() : candidate.SymbolName();
  match.pointer = source_name && source_name->starts_with(kSymbolPointerPrefix);
  match.kind = candidate.tag == DW_TAG_subprogram ? SymbolKind::kSubprogram : SymbolKind::kVariable;
  return match;
}

void ScanChildren(DwarfFile& dwarf, DieOffset container, bool c_unit, const ExportList& exports,
                  std::vector<ExportMatch>& matches) {
  dwarf.ForEachChild(container, [&](const DwarfFile::Candidate& candidate) {
    switch (candidate.tag) {
      case DW_TAG_namespace:
      case DW_TAG_class_type:
      case DW_TAG_structure_type:
        if (candidate.has_children && !c_unit)
          ScanChildren(dwarf, candidate.offset, c_unit, exports, matches);
        break;
      case DW_TAG_subprogram:
      case DW_TAG_variable:
        if (auto match = MatchCandidate(dwarf, candidate, exports)) matches.push_back(*match);
        break;
      default:
        break;
    }
  });
}

}  // namespace

std::optional<uint32_t> ExportOfName(const ExportList& exports,
                                     std::optional<std::string_view> name) {
  if (!name || name->empty()) return std::nullopt;
  std::string_view key = *name;
  if (key.starts_with(kSymbolPointerPrefix)) key.remove_prefix(kSymbolPointerPrefix.size());
  return exports.Find(key);
}

std::vector<ExportMatch> ScanUnitExports(DwarfFile& dwarf, const UnitInfo& unit,
                                         const ExportList& exports) {
  std::vector<ExportMatch> matches;
  ScanChildren(dwarf, unit.die, IsCLanguage(unit.language), exports, matches);
  return matches;
}

}  // namespace kcrc
