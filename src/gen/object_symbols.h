// Where the exports are in one object file: its symbol table groups aliases
// (exports at the same section and address share one DIE and one CRC). Built
// fresh for each object: aliases are matched within one object only
// (docs/design.md, "Deliberate departures").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "gen/export_list.h"
#include "kcrc/base/diagnostics.h"
#include "kcrc/elf/elf_file.h"

namespace kcrc {

class ObjectSymbols {
 public:
  // `globals`: the object's defined non-local symbols, in symbol table
  // order. Warns (as the reference's set_symbol_addr) about an export
  // defined at two addresses; the first one counts.
  ObjectSymbols(const std::vector<ElfSymbol>& globals, const ExportList& exports,
                Diagnostics& diagnostics);

  // Calls fn(index) for the export `index`, then for each other export at
  // its address, in symbol table order.
  template <typename Fn>
  void ForEachAlias(uint32_t index, Fn&& fn) const {
    fn(index);
    const std::vector<uint32_t>* group = groups_of_[index];
    if (!group) return;
    for (uint32_t alias : *group)
      if (alias != index) fn(alias);
  }

  // The unprocessed export that a DIE named like export `index` stands for:
  // among `index` and its aliases, the last unprocessed one in
  // ForEachAlias's order; nullopt when all are mapped or versioned.
  std::optional<uint32_t> Unprocessed(const ExportList& exports, uint32_t index) const;

 private:
  std::map<std::pair<uint32_t, uint64_t>, std::vector<uint32_t>> groups_;
  // Per export: its group when it has aliases (looked up for every DIE whose
  // name is in the list: each unit of a kernel declares the functions it
  // calls), else null.
  std::vector<const std::vector<uint32_t>*> groups_of_;
};

}  // namespace kcrc
