// The sections of a libelf handle that another library opened: libdw's,
// whose debug sections libdwfl has relocated and libdw has decompressed.
// dwarf/ reads .debug_info and the line table sections through this, so that
// only elf/ calls libelf.
#pragma once

#include <optional>
#include <string_view>

struct Elf;  // libelf's handle

namespace kcrc {

struct LoadedSection {
  std::string_view data;
  bool compressed = false;  // SHF_COMPRESSED still set: not decompressed
};

// The first section named `name` with data, or nullopt when there is none
// (or it is SHT_NOBITS, or its data cannot be read).
std::optional<LoadedSection> FindLoadedSection(Elf* elf, std::string_view name);

// Whether the handle's file is big-endian (false when unreadable).
bool IsBigEndian(Elf* elf);

}  // namespace kcrc
