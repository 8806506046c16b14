// How an object exports each symbol: the EXPORT_SYMBOL flavour and the symbol
// namespace, read from the symbol table as modpost reads them.
//
//   __ksymtab_<name> in section   __ksymtab / ___ksymtab+<name>          EXPORT_SYMBOL
//                                 __ksymtab_gpl / ___ksymtab_gpl+<name>  EXPORT_SYMBOL_GPL
//                                 (also _gpl_future, _unused, _unused_gpl of old kernels)
//   __kstrtabns_<name>            points to the namespace string (in __ksymtab_strings);
//                                 absent or "" means no namespace
//   __export_symbol_<name>        (kbuild objects since 6.5, section .export_symbol)
//                                 points to "<license>\0<namespace>\0"; license "GPL" or ""
#pragma once

#include <string>
#include <vector>

namespace kcrc {

class ElfFile;

struct ExportInfo {
  std::string name;
  std::string kind;        // EXPORT_SYMBOL, EXPORT_SYMBOL_GPL, ...
  std::string name_space;  // "" when none
};

// The exports of `object`, sorted by name, one per name. Throws Error naming
// the object when a __ksymtab_ symbol lies in a section of unknown kind.
std::vector<ExportInfo> ReadExportInfo(const ElfFile& object);

}  // namespace kcrc
