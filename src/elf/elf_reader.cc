#include "kcrc/elf/elf_reader.h"

#include <gelf.h>
#include <libelf.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <utility>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

std::vector<char> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Check(in.good(), "{}: cannot open file", path);
  std::vector<char> image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Check(!in.bad(), "{}: read error", path);
  return image;
}

[[noreturn]] void FailElf(const std::string& path, std::string_view call) {
  Fail("{}: {}: {}", path, call, elf_errmsg(-1));
}

struct SectionHeader {
  Elf_Scn* scn;
  GElf_Shdr shdr;
};

// Calls `visit(section, name)` for every section until it returns true.
template <typename Visit>
void ForEachSection(Elf* elf, const std::string& path, Visit&& visit) {
  size_t strndx = 0;
  if (elf_getshdrstrndx(elf, &strndx) != 0) FailElf(path, "elf_getshdrstrndx");
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn != nullptr; scn = elf_nextscn(elf, scn)) {
    SectionHeader section{scn, {}};
    if (gelf_getshdr(scn, &section.shdr) == nullptr) FailElf(path, "gelf_getshdr");
    const char* name = elf_strptr(elf, strndx, section.shdr.sh_name);
    if (name == nullptr) FailElf(path, "elf_strptr");
    if (visit(section, std::string_view(name))) return;
  }
}

}  // namespace

void ElfReader::ElfEnd::operator()(Elf* elf) const { elf_end(elf); }

ElfReader::ElfReader(std::string path) : path_(std::move(path)), image_(ReadFile(path_)) {
  Check(!image_.empty(), "{}: empty file, not an ELF file", path_);
  Check(elf_version(EV_CURRENT) != EV_NONE, "libelf: {}", elf_errmsg(-1));
  elf_.reset(elf_memory(image_.data(), image_.size()));
  if (!elf_) FailElf(path_, "elf_memory");
  Check(elf_kind(elf_.get()) == ELF_K_ELF, "{}: not an ELF file", path_);
  GElf_Ehdr ehdr;
  if (gelf_getehdr(elf_.get(), &ehdr) == nullptr) FailElf(path_, "gelf_getehdr");
  // libelf silently shows no sections when their headers lie past the end.
  size_t section_count = 0;
  if (elf_getshdrnum(elf_.get(), &section_count) != 0) FailElf(path_, "elf_getshdrnum");
  if (ehdr.e_shoff != 0) {
    const uint64_t table_size = std::max<uint64_t>(section_count, 1) * ehdr.e_shentsize;
    Check(ehdr.e_shoff <= image_.size() && table_size <= image_.size() - ehdr.e_shoff,
          "{}: truncated: the section header table at offset {:#x} lies beyond the end of the "
          "file ({} bytes)",
          path_, ehdr.e_shoff, image_.size());
  }
  switch (ehdr.e_ident[EI_CLASS]) {
    case ELFCLASS32:
      target_.bits = 32;
      break;
    case ELFCLASS64:
      target_.bits = 64;
      break;
    default:
      Fail("{}: unknown ELF class {}", path_, ehdr.e_ident[EI_CLASS]);
  }
  switch (ehdr.e_ident[EI_DATA]) {
    case ELFDATA2LSB:
      target_.endian = Endian::kLittle;
      break;
    case ELFDATA2MSB:
      target_.endian = Endian::kBig;
      break;
    default:
      Fail("{}: unknown ELF data encoding {}", path_, ehdr.e_ident[EI_DATA]);
  }
}

ElfReader::~ElfReader() = default;
ElfReader::ElfReader(ElfReader&&) noexcept = default;
ElfReader& ElfReader::operator=(ElfReader&&) noexcept = default;

std::optional<std::string_view> ElfReader::MaybeSection(std::string_view name) const {
  std::optional<std::string_view> result;
  ForEachSection(elf_.get(), path_, [&](const SectionHeader& section, std::string_view found) {
    if (found != name) return false;
    const GElf_Shdr& shdr = section.shdr;
    Check(shdr.sh_type != SHT_NOBITS, "{}: section {} has no data in the file", path_, name);
    Check((shdr.sh_flags & SHF_COMPRESSED) == 0, "{}: section {} is compressed", path_, name);
    Check(shdr.sh_offset <= image_.size() && shdr.sh_size <= image_.size() - shdr.sh_offset,
          "{}: section {} (offset {:#x}, size {:#x}) lies beyond the end of the file ({} bytes)",
          path_, name, shdr.sh_offset, shdr.sh_size, image_.size());
    result = std::string_view(image_.data() + shdr.sh_offset, shdr.sh_size);
    return true;
  });
  return result;
}

std::vector<ElfReader::GlobalSymbol> ElfReader::GlobalSymbols() const {
  std::vector<GlobalSymbol> symbols;
  ForEachSection(elf_.get(), path_, [&](const SectionHeader& section, std::string_view) {
    if (section.shdr.sh_type != SHT_SYMTAB) return false;
    Elf_Data* data = elf_getdata(section.scn, nullptr);
    if (data == nullptr) FailElf(path_, "elf_getdata(.symtab)");
    Check(section.shdr.sh_entsize != 0, "{}: .symtab has entry size 0", path_);
    const size_t count = section.shdr.sh_size / section.shdr.sh_entsize;
    for (size_t i = 1; i < count; ++i) {
      GElf_Sym sym;
      if (gelf_getsym(data, static_cast<int>(i), &sym) == nullptr) FailElf(path_, "gelf_getsym");
      const unsigned char bind = GELF_ST_BIND(sym.st_info);
      if (bind != STB_GLOBAL && bind != STB_WEAK) continue;
      const char* name = elf_strptr(elf_.get(), section.shdr.sh_link, sym.st_name);
      if (name == nullptr) FailElf(path_, "elf_strptr(.strtab)");
      if (*name == '\0') continue;
      symbols.push_back({name, sym.st_shndx != SHN_UNDEF});
    }
    return true;
  });
  return symbols;
}

}  // namespace kcrc
