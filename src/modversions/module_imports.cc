#include "kcrc/modversions/module_imports.h"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "kcrc/base/error.h"
#include "kcrc/elf/elf_file.h"

namespace kcrc {

ModuleImports ReadModuleImports(std::span<const std::string> object_paths) {
  Check(!object_paths.empty(), "no object files given");
  ModuleImports imports;
  std::vector<std::string> undefined;
  std::unordered_set<std::string> defined;
  for (size_t i = 0; i < object_paths.size(); ++i) {
    const ElfFile elf(object_paths[i]);
    if (i == 0) {
      imports.target = elf.target();
    } else {
      Check(
          elf.target().bits == imports.target.bits && elf.target().endian == imports.target.endian,
          "{}: {}-bit {}-endian, but {} is {}-bit {}-endian", elf.path(), elf.target().bits,
          EndianName(elf.target().endian), object_paths[0], imports.target.bits,
          EndianName(imports.target.endian));
    }
    for (const ElfSymbol& symbol : elf.symbols()) {
      if (!symbol.global_or_weak()) continue;
      if (symbol.defined()) {
        defined.emplace(symbol.name);
      } else {
        undefined.emplace_back(symbol.name);
      }
    }
  }
  std::unordered_set<std::string_view> seen;
  for (const std::string& name : undefined) {
    if (defined.contains(name) || !seen.insert(name).second) continue;
    imports.names.push_back(name);
  }
  return imports;
}

ResolvedImports ResolveImports(std::span<const std::string> imports,
                               std::span<const SymversExport> symvers) {
  std::unordered_map<std::string_view, uint32_t> crcs;
  for (const SymversExport& entry : symvers) crcs.emplace(entry.symbol, entry.crc);
  ResolvedImports resolved;
  for (const std::string& name : imports) {
    auto it = crcs.find(name);
    if (it == crcs.end()) {
      resolved.missing.push_back(name);
    } else {
      resolved.versions.push_back({name, it->second});
    }
  }
  return resolved;
}

}  // namespace kcrc
