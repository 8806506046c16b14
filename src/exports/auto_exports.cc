#include "kcrc/exports/auto_exports.h"

#include <algorithm>
#include <string_view>

#include "kcrc/elf/elf_file.h"

namespace kcrc {

namespace {

void AddExports(const ElfFile& elf, std::vector<std::string>& names) {
  constexpr std::string_view kPrefixes[] = {"__export_symbol_", "__ksymtab_"};
  for (const ElfSymbol& symbol : elf.symbols()) {
    std::string_view name = symbol.name;
    for (std::string_view prefix : kPrefixes) {
      if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
      names.emplace_back(name.substr(prefix.size()));
      break;
    }
  }
}

void SortUnique(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

}  // namespace

std::vector<std::string> FindExports(std::span<const std::unique_ptr<ElfFile>> objects) {
  std::vector<std::string> names;
  for (const std::unique_ptr<ElfFile>& object : objects) AddExports(*object, names);
  SortUnique(names);
  return names;
}

std::vector<std::string> FindExports(const ElfFile& object) {
  std::vector<std::string> names;
  AddExports(object, names);
  SortUnique(names);
  return names;
}

}  // namespace kcrc
