// The file-name table of a .debug_line unit header (DWARF 2 to 5), read
// without decoding the line program.
//
// Why not libdw: elfutils 0.188 (Debian 12) answers dwarf_getsrcfiles by
// decoding and sorting the unit's whole line table, and keeps it until the
// file is closed. The renderer needs only the name behind a DW_AT_decl_file
// index (is the definition in a .c file?), for most units of the object: on
// a whole vmlinux, libdw's line tables were 40% of the run time and 180 MiB.
// The header format is small and fixed by the DWARF standard (6.2.4).
//
// Indexes follow libdw's Dwarf_Files: before DWARF 5, entry 0 is "???" and
// the header's files start at 1; in DWARF 5 the header's entries are 0-based.
// Files added by DW_LNE_define_file in the line program (deprecated, not
// emitted by GCC or Clang) are not seen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct Elf;  // libelf's handle

namespace kcrc {

struct LineSections {
  std::string_view debug_line;
  std::string_view debug_str;       // DW_FORM_strp
  std::string_view debug_line_str;  // DW_FORM_line_strp
  bool big_endian = false;
};

// The sections of `elf` that line table headers refer to, as their data is
// now (relocated, decompressed); nullopt when there is no readable
// .debug_line or a section is still compressed.
std::optional<LineSections> FindLineSections(Elf* elf);

// The file names (without their directories) of the line table header at
// `offset` in .debug_line. Throws Error with the reason on malformed data.
std::vector<std::string_view> ReadLineFileNames(const LineSections& sections, uint64_t offset);

}  // namespace kcrc
