#include "kcrc/elf/elf_object.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "kcrc/base/error.h"

// libelf's last error, read only when a message is formatted: Check()
// evaluates its arguments before it knows whether the check failed, and in an
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

struct ElfObject::Impl {
  int fd = -1;
  Elf* elf = nullptr;
  ~Impl() {
    if (elf) elf_end(elf);
    if (fd >= 0) close(fd);
  }
};

namespace {
detail::LastElfError ElfMessage() { return {}; }

// Throws an Error located at `file` when `ok` is false.
template <typename... Args>
void CheckIn(bool ok, const std::string& file, fmt::format_string<Args...> format, Args&&... args) {
  if (!ok) throw Error(Location{file, 0, {}}, fmt::format(format, std::forward<Args>(args)...));
}
}  // namespace

ElfObject::ElfObject(std::string path) : path_(std::move(path)), impl_(new Impl) {
  try {
    Check(elf_version(EV_CURRENT) != EV_NONE, "elf_version failed: {}", ElfMessage());
    impl_->fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    Check(impl_->fd >= 0, "open failed for '{}': {}", path_, std::strerror(errno));
    struct stat st;
    CheckIn(fstat(impl_->fd, &st) == 0, path_, "stat failed: {}", std::strerror(errno));
    CheckIn(S_ISREG(st.st_mode), path_, "not a regular file");
    CheckIn(st.st_size > 0, path_, "not an ELF file (empty)");
    impl_->elf = elf_begin(impl_->fd, ELF_C_READ_MMAP, nullptr);
    CheckIn(impl_->elf != nullptr, path_, "not an ELF file: {}", ElfMessage());
    CheckIn(elf_kind(impl_->elf) == ELF_K_ELF, path_, "not an ELF file");
    GElf_Ehdr ehdr;
    CheckIn(gelf_getehdr(impl_->elf, &ehdr) != nullptr, path_, "cannot read the ELF header: {}",
            ElfMessage());
    // libelf maps what it can of a truncated file; say what is wrong.
    if (ehdr.e_shoff != 0) {
      const uint64_t headers = ehdr.e_shnum != 0 ? ehdr.e_shnum : 1;  // 0: extended numbering
      const uint64_t table_end = ehdr.e_shoff + headers * ehdr.e_shentsize;
      CheckIn(ehdr.e_shoff < table_end && table_end <= static_cast<uint64_t>(st.st_size), path_,
              "truncated ELF file: the section table ends at byte {}, the file has {}", table_end,
              st.st_size);
    }
    for (Elf_Scn* scn = elf_nextscn(impl_->elf, nullptr); scn; scn = elf_nextscn(impl_->elf, scn)) {
      GElf_Shdr shdr;
      CheckIn(gelf_getshdr(scn, &shdr) != nullptr, path_, "gelf_getshdr failed: {}", ElfMessage());
      if (shdr.sh_type == SHT_NOBITS) continue;
      CheckIn(shdr.sh_offset <= static_cast<uint64_t>(st.st_size) &&
                  shdr.sh_size <= static_cast<uint64_t>(st.st_size) - shdr.sh_offset,
              path_, "truncated ELF file: section {} ends beyond the end of the file",
              elf_ndxscn(scn));
    }
    size_t shstrndx = 0;
    CheckIn(elf_getshdrstrndx(impl_->elf, &shstrndx) == 0, path_,
            "cannot read the section table: {}", ElfMessage());
    // libelf takes any index; without section names there is no DWARF to find.
    size_t shnum = 0;
    CheckIn(elf_getshdrnum(impl_->elf, &shnum) == 0 && shstrndx != SHN_UNDEF && shstrndx < shnum,
            path_,
            "bad section table: the section name table index ({}) is not a section (the file "
            "has {} sections)",
            shstrndx, shnum);
    ReadSymbols();
  } catch (...) {
    delete impl_;
    throw;
  }
}

ElfObject::~ElfObject() { delete impl_; }

void ElfObject::ReadSymbols() {
  Elf* elf = impl_->elf;
  // SHT_SYMTAB_SHNDX sections, by the index of the symbol table they extend.
  std::vector<std::pair<size_t, Elf_Data*>> extended;
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr shdr;
    CheckIn(gelf_getshdr(scn, &shdr) != nullptr, path_, "gelf_getshdr failed: {}", ElfMessage());
    if (shdr.sh_type != SHT_SYMTAB_SHNDX) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    CheckIn(data != nullptr, path_, "elf_getdata failed: {}", ElfMessage());
    extended.emplace_back(shdr.sh_link, data);
  }
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr shdr;
    CheckIn(gelf_getshdr(scn, &shdr) != nullptr, path_, "gelf_getshdr failed: {}", ElfMessage());
    if (shdr.sh_type != SHT_SYMTAB) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    CheckIn(data != nullptr, path_, "elf_getdata failed: {}", ElfMessage());
    const size_t entsize = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
    CheckIn(shdr.sh_entsize == entsize, path_, "expected sh_entsize ({}) to be {}", shdr.sh_entsize,
            entsize);
    Elf_Data* xndx = nullptr;
    for (auto& [link, ext] : extended)
      if (link == elf_ndxscn(scn)) xndx = ext;
    const size_t count = entsize ? data->d_size / entsize : 0;
    all_.reserve(all_.size() + count);
    for (size_t i = 1; i < count; ++i) {
      GElf_Sym sym;
      Elf32_Word shndx = 0;
      CheckIn(gelf_getsymshndx(data, xndx, static_cast<int>(i), &sym, &shndx) != nullptr, path_,
              "gelf_getsymshndx failed: {}", ElfMessage());
      const char* name = elf_strptr(elf, shdr.sh_link, sym.st_name);
      CheckIn(name != nullptr, path_, "elf_strptr failed: {} (name of symbol {} of section {})",
              ElfMessage(), i, elf_ndxscn(scn));
      if (*name == '\0') continue;
      const uint32_t section = sym.st_shndx == SHN_XINDEX ? shndx : sym.st_shndx;
      all_.push_back({name, section, sym.st_value});
      if (GELF_ST_BIND(sym.st_info) == STB_LOCAL || section == SHN_UNDEF) continue;
      globals_.push_back({name, section, sym.st_value});
    }
  }
}

std::optional<std::string> ElfObject::SectionBytes(const std::string& name) const {
  Elf* elf = impl_->elf;
  size_t shstrndx = 0;
  CheckIn(elf_getshdrstrndx(elf, &shstrndx) == 0, path_, "cannot read the section table: {}",
          ElfMessage());
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr shdr;
    CheckIn(gelf_getshdr(scn, &shdr) != nullptr, path_, "gelf_getshdr failed: {}", ElfMessage());
    const char* section_name = elf_strptr(elf, shstrndx, shdr.sh_name);
    if (section_name == nullptr || name != section_name) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    CheckIn(data != nullptr || shdr.sh_size == 0, path_, "elf_getdata failed for {}: {}", name,
            ElfMessage());
    if (data == nullptr || data->d_buf == nullptr) return std::string();
    return std::string(static_cast<const char*>(data->d_buf), data->d_size);
  }
  return std::nullopt;
}

std::string ElfObject::SectionName(uint32_t index) const {
  Elf* elf = impl_->elf;
  size_t shstrndx = 0;
  if (index == SHN_UNDEF || (index >= SHN_LORESERVE && index <= SHN_HIRESERVE)) return {};
  Elf_Scn* scn = elf_getscn(elf, index);
  GElf_Shdr shdr;
  if (scn == nullptr || gelf_getshdr(scn, &shdr) == nullptr) return {};
  if (elf_getshdrstrndx(elf, &shstrndx) != 0) return {};
  const char* name = elf_strptr(elf, shstrndx, shdr.sh_name);
  return name ? std::string(name) : std::string();
}

std::optional<std::string> ElfObject::MaybeStringAt(const ElfSymbol& symbol) const {
  if (symbol.section == SHN_UNDEF ||
      (symbol.section >= SHN_LORESERVE && symbol.section <= SHN_HIRESERVE))
    return std::nullopt;
  Elf_Scn* scn = elf_getscn(impl_->elf, symbol.section);
  GElf_Shdr shdr;
  if (scn == nullptr || gelf_getshdr(scn, &shdr) == nullptr || shdr.sh_type == SHT_NOBITS)
    return std::nullopt;
  if (symbol.value < shdr.sh_addr) return std::nullopt;
  const uint64_t offset = symbol.value - shdr.sh_addr;
  Elf_Data* data = elf_getdata(scn, nullptr);
  if (data == nullptr || data->d_buf == nullptr || offset >= data->d_size) return std::nullopt;
  const char* begin = static_cast<const char*>(data->d_buf) + offset;
  const void* end = std::memchr(begin, '\0', data->d_size - offset);
  if (end == nullptr) return std::nullopt;
  return std::string(begin, static_cast<const char*>(end));
}

}  // namespace kcrc
