// What the module loader reads from a module file (kernel/module/main.c,
// load_module and the functions it calls), and nothing more: the `.modinfo`
// tags, the version tables, the undefined symbols it resolves, the
// `.gnu.linkonce.this_module` section and whether debug info is there (for
// `check`'s explanations).
//
//   .modinfo                    "tag=value\0" strings (NUL padding between them
//                               is skipped, as module_next_tag_pair does)
//   __versions, __version_ext_* elf/module_versions.h; sections without
//                               SHF_ALLOC do not count (find_sec)
//   .symtab                     every symbol with st_shndx == SHN_UNDEF after
//                               index 0, in table order (simplify_symbols)
//   .gnu.linkonce.this_module   the module's struct module: exactly one, with
//                               bytes, SHF_ALLOC, sizeof(struct module) long
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kcrc/elf/module_versions.h"
#include "kcrc/elf/target.h"
#include "kcrc/scan/discover.h"

namespace kcrc {

class ElfFile;

struct UndefinedSymbol {
  std::string name;
  bool weak = false;  // STB_WEAK: an unresolved one is left 0, not an error
};

struct ModuleFile {
  std::string path;  // as given (not the memfd of a decompressed module)
  // The loader's name for it: `.modinfo` name=, else the file name without
  // its .ko suffix (what modpost writes there and into struct module).
  std::string name;
  Target target;
  uint16_t machine = 0;
  uint16_t file_type = 0;    // e_type; the loader wants ET_REL (1)
  size_t symbol_tables = 0;  // SHT_SYMTAB sections (the loader wants one)
  std::vector<std::pair<std::string, std::string>> modinfo;  // tag, value; in order
  ModuleVersions versions;                                   // the loader's tables
  std::vector<UndefinedSymbol> undefined;                    // in symbol table order
  size_t common_symbols = 0;                                 // SHN_COMMON (-fcommon)
  // .gnu.linkonce.this_module sections, and the first one's size and flags.
  size_t this_module_sections = 0;
  uint64_t this_module_size = 0;
  bool this_module_alloc = false;
  bool this_module_nobits = false;
  // Exports of its own without the CRC tables the loader wants for them
  // (check_export_symbol_versions: __ksymtab without __kcrctab, or
  // __ksymtab_gpl without __kcrctab_gpl).
  bool exports_without_crcs = false;
  bool has_debug_info = false;  // a .debug_info section with bytes

  // get_modinfo: the first value of `tag`, and every value of it in order.
  std::optional<std::string_view> Modinfo(std::string_view tag) const;
  std::vector<std::string_view> ModinfoAll(std::string_view tag) const;
};

// Parses a `.modinfo` section's bytes.
std::vector<std::pair<std::string, std::string>> ParseModinfo(std::string_view bytes);

// Opens a module or kernel binary once: a compressed one is decompressed
// into memory (ElfFile then names `path` in its errors).
std::unique_ptr<ElfFile> OpenBinary(const std::string& path, Compression compression);

// Reads `elf` (already opened; `path` is the name to show). Throws Error
// naming `path` when the version tables are malformed.
ModuleFile ReadModuleFile(const ElfFile& elf, const std::string& path);

}  // namespace kcrc
