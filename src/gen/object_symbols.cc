#include "gen/object_symbols.h"

#include <fmt/format.h>

namespace kcrc {

ObjectSymbols::ObjectSymbols(const std::vector<ElfSymbol>& globals, const ExportList& exports,
                             Diagnostics& diagnostics)
    : groups_of_(exports.size(), nullptr) {
  std::vector<std::optional<std::pair<uint32_t, uint64_t>>> addresses(exports.size());
  for (const ElfSymbol& global : globals) {
    const std::optional<uint32_t> index = exports.Find(global.name);
    if (!index) continue;
    const std::pair<uint32_t, uint64_t> address{global.section, global.value};
    std::optional<std::pair<uint32_t, uint64_t>>& known = addresses[*index];
    if (!known) {
      known = address;
      groups_[address].push_back(*index);
    } else if (*known != address) {
      diagnostics.Warning(
          fmt::format("set_symbol_addr: multiple addresses for symbol {}?", exports[*index].name));
    }
  }
  for (const auto& [address, group] : groups_)
    if (group.size() > 1)
      for (uint32_t index : group) groups_of_[index] = &group;
}

std::optional<uint32_t> ObjectSymbols::Unprocessed(const ExportList& exports,
                                                   uint32_t index) const {
  std::optional<uint32_t> found;
  ForEachAlias(index, [&](uint32_t alias) {
    if (exports[alias].state == SymbolState::kUnprocessed) found = alias;
  });
  return found;
}

}  // namespace kcrc
