#include "kcrc/elf/module_versions.h"

#include "kcrc/base/error.h"
#include "kcrc/elf/elf_file.h"

namespace kcrc {

ModuleVersions ReadModuleVersions(const std::string& path) {
  const ElfFile elf(path);
  // Errors of ElfFile already name the file; decoding errors get it added.
  std::optional<std::string_view> basic = elf.MaybeSection("__versions");
  std::optional<std::string_view> crcs = elf.MaybeSection("__version_ext_crcs");
  std::optional<std::string_view> names = elf.MaybeSection("__version_ext_names");
  ModuleVersions result;
  result.path = path;
  result.target = elf.target();
  try {
    if (basic) result.basic = DecodeBasicTable(*basic, elf.target());
    if (crcs.has_value() != names.has_value()) {
      Fail(
          "{} is present but {} is missing: extended version CRCs and names must come "
          "together (the loader refuses this module)",
          crcs ? "__version_ext_crcs" : "__version_ext_names",
          crcs ? "__version_ext_names" : "__version_ext_crcs");
    }
    if (crcs) {
      ExtendedTable table = DecodeExtendedTables(*crcs, *names, elf.target().endian);
      result.extended = std::move(table.entries);
      result.warnings = std::move(table.warnings);
    }
  } catch (const Error& error) {
    Fail("{}: {}", path, error.what());
  }
  return result;
}

}  // namespace kcrc
