#include "kcrc/elf/elf_file.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "kcrc/base/error.h"
#include "kcrc/base/input_file.h"
#include "kcrc/base/mapped_file.h"

// libelf's last error, read only when a message is formatted: the arguments
// of a check are evaluated before it is known whether it failed, and in an
// unspecified order relative to the checked call, so a message read eagerly
// would name the previous error, or "no error".
namespace kcrc::detail {
struct LastElfError {};
}  // namespace kcrc::detail

template <>
struct fmt::formatter<kcrc::detail::LastElfError> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(kcrc::detail::LastElfError, Context& ctx) const {
    const char* message = elf_errmsg(-1);
    return fmt::formatter<std::string_view>::format(message ? message : "unknown error", ctx);
  }
};

namespace kcrc {

static_assert(STB_GLOBAL == 1 && STB_WEAK == 2 && SHN_UNDEF == 0, "ElfSymbol's accessors");

struct ElfFile::Handle {
  Elf* elf = nullptr;
  ~Handle() {
    if (elf) elf_end(elf);
  }
};

namespace {

detail::LastElfError ElfMessage() { return {}; }

// Throws an Error located at `file` when `ok` is false.
template <typename... Args>
void CheckIn(bool ok, const std::string& file, fmt::format_string<Args...> format, Args&&... args) {
  if (!ok) throw Error(Location{file, 0, {}}, fmt::format(format, std::forward<Args>(args)...));
}

// Whether an ELF file's first bytes say ET_REL.
bool IsRelocatableHeader(std::string_view header) {
  if (header.size() < EI_NIDENT + 2 || header.substr(0, SELFMAG) != ELFMAG) return false;
  const auto byte = [&](size_t i) {
    return static_cast<unsigned>(static_cast<uint8_t>(header[i]));
  };
  const unsigned type = header[EI_DATA] == ELFDATA2MSB
                            ? (byte(EI_NIDENT) << 8) | byte(EI_NIDENT + 1)
                            : byte(EI_NIDENT) | (byte(EI_NIDENT + 1) << 8);
  return type == ET_REL;
}

// Reads the whole of an open file of `size` bytes.
std::string ReadAll(int fd, size_t size, const std::string& path) {
  std::string bytes(size, '\0');
  size_t done = 0;
  while (done < size) {
    const ssize_t n = pread(fd, bytes.data() + done, size - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    CheckIn(n >= 0, path, "read failed: {}", std::strerror(errno));
    if (n == 0) break;  // the file shrank
    done += static_cast<size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

}  // namespace

ElfFile::ElfFile(std::string path) : path_(std::move(path)), handle_(std::make_unique<Handle>()) {
  // A regular file, or an Error naming it (base/input_file.h).
  const InputFile file = InputFile::Open(path_);
  CheckIn(file.size() > 0, path_, "not an ELF file (empty)");
  const auto size = static_cast<size_t>(file.size());
  std::array<char, EI_NIDENT + 2> header{};
  const ssize_t read = pread(file.fd(), header.data(), header.size(), 0);
  relocatable_ = read > 0 && IsRelocatableHeader({header.data(), static_cast<size_t>(read)});
  if (!relocatable_) {
    if (std::optional<MappedFile> mapped = MappedFile::Open(path_))
      mapping_ = std::make_shared<const MappedFile>(std::move(*mapped));
  }
  if (mapping_) {
    bytes_ = {mapping_->data(), mapping_->size()};
  } else {
    image_ = ReadAll(file.fd(), size, path_);
    bytes_ = {image_.data(), image_.size()};
  }
  Validate();
}

ElfFile::ElfFile(std::string path, std::string bytes)
    : path_(std::move(path)), image_(std::move(bytes)), handle_(std::make_unique<Handle>()) {
  CheckIn(!image_.empty(), path_, "not an ELF file (empty)");
  bytes_ = {image_.data(), image_.size()};
  relocatable_ = IsRelocatableHeader({image_.data(), image_.size()});
  Validate();
}

ElfFile::~ElfFile() = default;

void ElfFile::Validate() {
  CheckIn(elf_version(EV_CURRENT) != EV_NONE, path_, "elf_version failed: {}", ElfMessage());
  Elf* elf = handle_->elf = elf_memory(bytes_.data(), bytes_.size());
  CheckIn(elf != nullptr, path_, "not an ELF file: {}", ElfMessage());
  CheckIn(elf_kind(elf) == ELF_K_ELF, path_, "not an ELF file");
  GElf_Ehdr ehdr;
  CheckIn(gelf_getehdr(elf, &ehdr) != nullptr, path_, "cannot read the ELF header: {}",
          ElfMessage());
  switch (ehdr.e_ident[EI_CLASS]) {
    case ELFCLASS32:
      target_.bits = 32;
      break;
    case ELFCLASS64:
      target_.bits = 64;
      break;
    default:
      Fail(Location{path_, 0, {}}, "unknown ELF class {}", ehdr.e_ident[EI_CLASS]);
  }
  switch (ehdr.e_ident[EI_DATA]) {
    case ELFDATA2LSB:
      target_.endian = Endian::kLittle;
      break;
    case ELFDATA2MSB:
      target_.endian = Endian::kBig;
      break;
    default:
      Fail(Location{path_, 0, {}}, "unknown ELF data encoding {}", ehdr.e_ident[EI_DATA]);
  }
  // libelf shows what it can of a truncated file; say what is wrong.
  const uint64_t file_size = bytes_.size();
  if (ehdr.e_shoff != 0) {
    const uint64_t headers = ehdr.e_shnum != 0 ? ehdr.e_shnum : 1;  // 0: extended numbering
    const uint64_t table_end = ehdr.e_shoff + headers * ehdr.e_shentsize;
    CheckIn(ehdr.e_shoff < table_end && table_end <= file_size, path_,
            "truncated ELF file: the section table ends at byte {}, the file has {}", table_end,
            file_size);
  }
  ReadSections();
  ReadSymbols();
}

void ElfFile::ReadSections() {
  Elf* elf = handle_->elf;
  const uint64_t file_size = bytes_.size();
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr shdr;
    CheckIn(gelf_getshdr(scn, &shdr) != nullptr, path_, "gelf_getshdr failed: {}", ElfMessage());
    ElfSection& section = sections_.emplace_back();
    section.index = static_cast<uint32_t>(elf_ndxscn(scn));
    section.type = shdr.sh_type;
    section.flags = shdr.sh_flags;
    section.address = shdr.sh_addr;
    section.size = shdr.sh_size;
    section.link = shdr.sh_link;
    section.entsize = shdr.sh_entsize;
    if (shdr.sh_type == SHT_NOBITS) continue;
    CheckIn(shdr.sh_offset <= file_size && shdr.sh_size <= file_size - shdr.sh_offset, path_,
            "truncated ELF file: section {} ends beyond the end of the file", section.index);
    section.bytes = {bytes_.data() + shdr.sh_offset, shdr.sh_size};
  }
  size_t shstrndx = 0;
  CheckIn(elf_getshdrstrndx(elf, &shstrndx) == 0, path_, "cannot read the section table: {}",
          ElfMessage());
  // libelf takes any index; without section names there is no DWARF to find.
  size_t shnum = 0;
  CheckIn(elf_getshdrnum(elf, &shnum) == 0 && shstrndx != SHN_UNDEF && shstrndx < shnum, path_,
          "bad section table: the section name table index ({}) is not a section (the file has {} "
          "sections)",
          shstrndx, shnum);
  for (ElfSection& section : sections_) {
    Elf_Scn* scn = elf_getscn(elf, section.index);
    GElf_Shdr shdr;
    if (scn == nullptr || gelf_getshdr(scn, &shdr) == nullptr) continue;
    if (const char* name = elf_strptr(elf, shstrndx, shdr.sh_name)) section.name = name;
  }
}

void* ElfFile::DataOf(const ElfSection& section) const {
  Elf_Data* data = elf_getdata(elf_getscn(handle_->elf, section.index), nullptr);
  CheckIn(data != nullptr, path_, "elf_getdata failed: {}", ElfMessage());
  return data;
}

void ElfFile::ReadSymbols() {
  Elf* elf = handle_->elf;
  // SHT_SYMTAB_SHNDX sections, by the index of the symbol table they extend.
  std::vector<std::pair<size_t, Elf_Data*>> extended;
  for (const ElfSection& section : sections_)
    if (section.type == SHT_SYMTAB_SHNDX)
      extended.emplace_back(section.link, static_cast<Elf_Data*>(DataOf(section)));
  for (const ElfSection& section : sections_) {
    if (section.type != SHT_SYMTAB) continue;
    auto* data = static_cast<Elf_Data*>(DataOf(section));
    const size_t entsize = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
    CheckIn(section.entsize == entsize, path_, "expected sh_entsize ({}) to be {}", section.entsize,
            entsize);
    symbol_tables_.push_back(section.bytes);
    for (const ElfSection& strings : sections_)
      if (strings.index == section.link) symbol_tables_.push_back(strings.bytes);
    Elf_Data* xndx = nullptr;
    for (auto& [link, ext] : extended)
      if (link == section.index) xndx = ext;
    const size_t count = entsize ? data->d_size / entsize : 0;
    symbols_.reserve(symbols_.size() + count);
    for (size_t i = 1; i < count; ++i) {
      GElf_Sym sym;
      Elf32_Word shndx = 0;
      CheckIn(gelf_getsymshndx(data, xndx, static_cast<int>(i), &sym, &shndx) != nullptr, path_,
              "gelf_getsymshndx failed: {}", ElfMessage());
      const char* name = elf_strptr(elf, section.link, sym.st_name);
      CheckIn(name != nullptr, path_, "elf_strptr failed: {} (name of symbol {} of section {})",
              ElfMessage(), i, section.index);
      if (*name == '\0') continue;
      const uint32_t index = sym.st_shndx == SHN_XINDEX ? shndx : sym.st_shndx;
      const auto binding = static_cast<uint8_t>(GELF_ST_BIND(sym.st_info));
      symbols_.push_back({name, index, sym.st_value, binding});
      if (binding == STB_LOCAL || index == SHN_UNDEF) continue;
      globals_.push_back(symbols_.back());
    }
  }
}

const ElfSection* ElfFile::FindSection(std::string_view name) const {
  for (const ElfSection& section : sections_)
    if (section.name == name) return &section;
  return nullptr;
}

std::optional<std::string_view> ElfFile::MaybeSection(std::string_view name) const {
  const ElfSection* section = FindSection(name);
  if (section == nullptr) return std::nullopt;
  CheckIn(section->type != SHT_NOBITS, path_, "section {} has no data in the file", name);
  CheckIn((section->flags & SHF_COMPRESSED) == 0, path_, "section {} is compressed", name);
  return section->bytes;
}

std::string_view ElfFile::SectionName(uint32_t index) const {
  if (index == SHN_UNDEF || (index >= SHN_LORESERVE && index <= SHN_HIRESERVE)) return {};
  // Sections are numbered from 1, in order.
  if (index > sections_.size() || sections_[index - 1].index != index) return {};
  return sections_[index - 1].name;
}

std::optional<std::string> ElfFile::MaybeStringAt(const ElfSymbol& symbol) const {
  if (symbol.section == SHN_UNDEF ||
      (symbol.section >= SHN_LORESERVE && symbol.section <= SHN_HIRESERVE) ||
      symbol.section > sections_.size() || sections_[symbol.section - 1].index != symbol.section)
    return std::nullopt;
  const ElfSection& section = sections_[symbol.section - 1];
  if (section.type == SHT_NOBITS || symbol.value < section.address) return std::nullopt;
  const uint64_t offset = symbol.value - section.address;
  if (offset >= section.bytes.size()) return std::nullopt;
  const std::string_view rest = section.bytes.substr(offset);
  const size_t end = rest.find('\0');
  if (end == std::string_view::npos) return std::nullopt;
  return std::string(rest.substr(0, end));
}

void ElfFile::ReleaseSymbolTables() const {
  if (!mapping_) return;
  for (std::string_view table : symbol_tables_)
    if (!table.empty()) mapping_->Release(table.data(), table.data() + table.size());
}

bool IsRelocatableFile(const std::string& path) {
  try {
    // Through InputFile: a FIFO or a device is no relocatable file (and
    // never blocks the open).
    return IsRelocatableHeader(InputFile::Open(path).ReadHead(EI_NIDENT + 2));
  } catch (const Error&) {
    return false;
  }
}

}  // namespace kcrc
