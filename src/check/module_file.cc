#include "kcrc/check/module_file.h"

#include "kcrc/base/error.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/scan/decompress.h"

namespace kcrc {
namespace {

constexpr uint32_t kCommonSection = 0xfff2;  // SHN_COMMON
constexpr uint32_t kSymbolTable = 2;         // SHT_SYMTAB
constexpr uint32_t kNoBits = 8;              // SHT_NOBITS
constexpr uint64_t kAlloc = 0x2;             // SHF_ALLOC
constexpr uint8_t kWeak = 2;                 // STB_WEAK

// A 16-bit field of the ELF header (e_type at 16, e_machine at 18).
uint16_t HeaderHalf(const ElfFile& elf, size_t offset) {
  const std::span<char> bytes = elf.bytes();
  if (bytes.size() < offset + 2) return 0;
  const auto lo = static_cast<uint8_t>(bytes[offset + (elf.target().endian == Endian::kBig)]);
  const auto hi = static_cast<uint8_t>(bytes[offset + (elf.target().endian != Endian::kBig)]);
  return static_cast<uint16_t>(hi << 8 | lo);
}

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// "drivers/foo-bar.ko.xz" -> "foo-bar": what is left after the first ".ko".
std::string FileModuleName(std::string_view path) {
  std::string_view name = BaseName(path);
  const size_t dot = name.find(".ko");
  return std::string(dot == std::string_view::npos ? name : name.substr(0, dot));
}

bool HasAllocSection(const ElfFile& elf, std::string_view name) {
  for (const ElfSection& section : elf.sections())
    if (section.name == name && (section.flags & kAlloc)) return true;
  return false;
}

bool HasEntries(const ElfFile& elf, std::string_view name) {
  for (const ElfSection& section : elf.sections())
    if (section.name == name && (section.flags & kAlloc) && section.size != 0) return true;
  return false;
}

}  // namespace

std::optional<std::string_view> ModuleFile::Modinfo(std::string_view tag) const {
  for (const auto& [key, value] : modinfo)
    if (key == tag) return value;
  return std::nullopt;
}

std::vector<std::string_view> ModuleFile::ModinfoAll(std::string_view tag) const {
  std::vector<std::string_view> values;
  for (const auto& [key, value] : modinfo)
    if (key == tag) values.push_back(value);
  return values;
}

std::vector<std::pair<std::string, std::string>> ParseModinfo(std::string_view bytes) {
  std::vector<std::pair<std::string, std::string>> tags;
  size_t at = 0;
  while (at < bytes.size()) {
    if (bytes[at] == '\0') {
      ++at;
      continue;
    }
    size_t end = bytes.find('\0', at);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view entry = bytes.substr(at, end - at);
    const size_t equals = entry.find('=');
    // get_modinfo matches "tag=" only; a string without '=' is never found.
    if (equals != std::string_view::npos)
      tags.emplace_back(std::string(entry.substr(0, equals)),
                        std::string(entry.substr(equals + 1)));
    at = end + 1;
  }
  return tags;
}

std::unique_ptr<ElfFile> OpenBinary(const std::string& path, Compression compression) {
  if (compression == Compression::kNone) return std::make_unique<ElfFile>(path);
  return std::make_unique<ElfFile>(path, Decompress(path, compression));
}

ModuleFile ReadModuleFile(const ElfFile& elf, const std::string& path) {
  ModuleFile module;
  module.path = path;
  module.target = elf.target();
  module.file_type = HeaderHalf(elf, 16);
  module.machine = HeaderHalf(elf, 18);
  bool modinfo = false;
  for (const ElfSection& section : elf.sections()) {
    if (section.type == kSymbolTable) ++module.symbol_tables;
    if (section.name == ".modinfo" && !modinfo) {
      module.modinfo = ParseModinfo(section.bytes);
      modinfo = true;
    }
    if (section.name == ".gnu.linkonce.this_module") {
      if (module.this_module_sections++ == 0) {
        module.this_module_size = section.size;
        module.this_module_alloc = (section.flags & kAlloc) != 0;
        module.this_module_nobits = section.type == kNoBits;
      }
    }
    if (section.name == ".debug_info" && section.type != kNoBits && section.size != 0)
      module.has_debug_info = true;
  }
  try {
    module.versions = ReadLoaderVersions(elf);
  } catch (Error& error) {
    error.SetFileIfUnset(path);
    throw;
  }
  module.versions.path = path;
  for (const ElfSymbol& symbol : elf.symbols()) {
    if (symbol.section == kCommonSection) ++module.common_symbols;
    if (symbol.defined()) continue;
    module.undefined.push_back({std::string(symbol.name), symbol.binding == kWeak});
  }
  module.exports_without_crcs =
      (HasEntries(elf, "__ksymtab") && !HasAllocSection(elf, "__kcrctab")) ||
      (HasEntries(elf, "__ksymtab_gpl") && !HasAllocSection(elf, "__kcrctab_gpl"));
  const std::optional<std::string_view> name = module.Modinfo("name");
  module.name = name ? std::string(*name) : FileModuleName(path);
  return module;
}

}  // namespace kcrc
