// How an object exports each symbol: the EXPORT_SYMBOL flavour, the symbol
// namespace and the CRC the object carries, read from the symbol table as
// modpost and the module loader read them.
//
//   __ksymtab_<name> in section   __ksymtab / ___ksymtab+<name>          EXPORT_SYMBOL
//                                 __ksymtab_gpl / ___ksymtab_gpl+<name>  EXPORT_SYMBOL_GPL
//                                 (also _gpl_future, _unused, _unused_gpl of old kernels)
//   __flags_<name>                (Linux 7.1+, section __kflagstab / ___kflagstab+<name>)
//                                 one byte; bit 0 (KSYM_FLAG_GPL_ONLY) set: EXPORT_SYMBOL_GPL.
//                                 7.1 puts every export in __ksymtab, so where this symbol
//                                 exists it decides the kind, not the section
//   __kstrtabns_<name>            points to the namespace string (in __ksymtab_strings);
//                                 absent or "" means no namespace
//   __export_symbol_<name>        (kbuild objects since 6.5, section .export_symbol)
//                                 points to "<license>\0<namespace>\0"; license "GPL" or ""
//   __crc_<name>                  the CRC: a u32 in target byte order at the symbol (in
//                                 __kcrctab* / ___kcrctab*+<name>, 5.19+), or the value of
//                                 an absolute symbol (genksyms' linker scripts, up to 5.18)
//
// Section names: objects compiled from modpost's generated C (.mod.o,
// .vmlinux.export.o) have one section per symbol (`___ksymtab+foo`); linked
// modules and vmlinux have them merged (`__ksymtab`), by scripts/module.lds.S
// and include/asm-generic/vmlinux.lds.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

class ElfFile;

struct ExportInfo {
  std::string name;
  std::string kind;        // EXPORT_SYMBOL, EXPORT_SYMBOL_GPL, ...
  std::string name_space;  // "" when none
  // The CRC the object carries for it (__crc_<name>); nullopt when none
  // (built without CONFIG_MODVERSIONS, or an object before modpost).
  std::optional<uint32_t> crc;
};

// The exports of `object`, sorted by name, one per name. Throws Error naming
// the object when a __ksymtab_ symbol lies in a section of unknown kind.
std::vector<ExportInfo> ReadExportInfo(const ElfFile& object);

// Whether a kind is GPL-only for the module loader (EXPORT_SYMBOL_GPL and
// the old EXPORT_UNUSED_SYMBOL_GPL; EXPORT_SYMBOL_GPL_FUTURE is not).
bool IsGplOnlyKind(std::string_view kind);

}  // namespace kcrc
