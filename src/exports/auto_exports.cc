#include "kcrc/exports/auto_exports.h"

#include <algorithm>
#include <string_view>

#include "kcrc/elf/elf_object.h"

namespace kcrc {

std::vector<std::string> FindExports(const std::vector<std::string>& objects) {
  constexpr std::string_view kPrefixes[] = {"__export_symbol_", "__ksymtab_"};
  std::vector<std::string> names;
  for (const std::string& path : objects) {
    ElfObject elf(path);
    for (const ElfSymbol& symbol : elf.all_symbols()) {
      std::string_view name = symbol.name;
      for (std::string_view prefix : kPrefixes) {
        if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
        names.emplace_back(name.substr(prefix.size()));
        break;
      }
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace kcrc
