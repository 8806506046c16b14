#include "kcrc/elf/module_versions.h"

#include "kcrc/base/error.h"
#include "kcrc/elf/elf_file.h"

namespace kcrc {
namespace {

struct TableBytes {
  std::optional<std::string_view> basic, crcs, names;
};

ModuleVersions Decode(const std::string& path, const Target& target, const TableBytes& bytes) {
  ModuleVersions result;
  result.path = path;
  result.target = target;
  try {
    if (bytes.basic) result.basic = DecodeBasicTable(*bytes.basic, target);
    if (bytes.crcs.has_value() != bytes.names.has_value()) {
      Fail(
          "{} is present but {} is missing: extended version CRCs and names must come "
          "together (the loader refuses this module)",
          bytes.crcs ? "__version_ext_crcs" : "__version_ext_names",
          bytes.crcs ? "__version_ext_names" : "__version_ext_crcs");
    }
    if (bytes.crcs) {
      ExtendedTable table = DecodeExtendedTables(*bytes.crcs, *bytes.names, target.endian);
      result.extended = std::move(table.entries);
      result.warnings = std::move(table.warnings);
    }
  } catch (const Error& error) {
    Fail("{}: {}", path, error.what());
  }
  return result;
}

constexpr uint64_t kAlloc = 0x2;  // SHF_ALLOC
constexpr uint32_t kNoBits = 8;   // SHT_NOBITS

// The loader's find_sec: the first section of that name with SHF_ALLOC.
std::optional<std::string_view> LoaderSection(const ElfFile& elf, std::string_view name) {
  for (const ElfSection& section : elf.sections()) {
    if (section.name != name || !(section.flags & kAlloc)) continue;
    if (section.type == kNoBits && section.size != 0)
      throw Error(Location{elf.path(), 0, {}},
                  fmt::format("section {} has no data in the file", name));
    return section.bytes;
  }
  return std::nullopt;
}

}  // namespace

ModuleVersions ReadModuleVersions(const std::string& path) {
  const ElfFile elf(path);
  // Errors of ElfFile already name the file; decoding errors get it added.
  return Decode(path, elf.target(),
                {elf.MaybeSection("__versions"), elf.MaybeSection("__version_ext_crcs"),
                 elf.MaybeSection("__version_ext_names")});
}

ModuleVersions ReadLoaderVersions(const ElfFile& elf) {
  return Decode(elf.path(), elf.target(),
                {LoaderSection(elf, "__versions"), LoaderSection(elf, "__version_ext_crcs"),
                 LoaderSection(elf, "__version_ext_names")});
}

}  // namespace kcrc
