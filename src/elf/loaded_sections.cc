#include "kcrc/elf/loaded_sections.h"

#include <gelf.h>
#include <libelf.h>

namespace kcrc {

std::optional<LoadedSection> FindLoadedSection(Elf* elf, std::string_view name) {
  size_t strndx = 0;
  if (elf == nullptr || elf_getshdrstrndx(elf, &strndx) != 0) return std::nullopt;
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn != nullptr; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr header;
    if (gelf_getshdr(scn, &header) == nullptr || header.sh_type == SHT_NOBITS) continue;
    const char* section = elf_strptr(elf, strndx, header.sh_name);
    if (section == nullptr || name != section) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (data == nullptr || data->d_buf == nullptr) return std::nullopt;
    return LoadedSection{{static_cast<const char*>(data->d_buf), data->d_size},
                         (header.sh_flags & SHF_COMPRESSED) != 0};
  }
  return std::nullopt;
}

bool IsBigEndian(Elf* elf) {
  const char* ident = elf ? elf_getident(elf, nullptr) : nullptr;
  return ident != nullptr && ident[EI_DATA] == ELFDATA2MSB;
}

}  // namespace kcrc
