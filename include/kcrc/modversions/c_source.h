// Writes the C source of a module's version tables, as modpost writes them
// into <module>.mod.c, but self-contained (it defines struct modversion_info
// itself and includes no kernel header), so `gcc -c` builds it for any target.
//
// The tables follow the kernel's two options:
//   basic only:      __versions; a name that does not fit is hashed
//                    ("sha256\0" + digest, see elf/modversions.h) and the full
//                    name follows as a comment.
//   extended only:   __version_ext_crcs and __version_ext_names.
//   both:            all three; names that do not fit are left out of
//                    __versions (the loader then relies on the extended ones).
// Entries keep the order given. The generated file static-asserts the word
// size it was written for, so compiling it for another target fails loudly.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "kcrc/elf/modversions.h"

namespace kcrc {

struct TableSelection {
  bool basic = true;
  bool extended = false;
};

// Throws when neither table is selected or `bits` is not 32 or 64.
std::string WriteVersionsSource(std::span<const ImportVersion> symbols, uint32_t bits,
                                TableSelection tables);

}  // namespace kcrc
