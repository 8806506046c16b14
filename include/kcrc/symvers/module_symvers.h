// Module.symvers: the exports of a kernel build, one a line, as modpost writes
// them:
//
//   0x%08x<TAB>symbol<TAB>module<TAB>EXPORT_SYMBOL[_GPL][<TAB>namespace]
//
// `module` is the module path without ".ko" ("drivers/md/dm-mod") or
// "vmlinux". Kernels before 5.4 wrote no namespace field; newer ones write an
// empty one.
//
// The grammar is suse-kabi-tools' (`ksymvers`), so that both tools accept and
// reject the same files: fields are separated by any ASCII white space
// (text_lines.h); four or five fields; the CRC is 0x or 0X and a hexadecimal
// number that fits in 32 bits (leading zeros and one '+' allowed, as Rust's
// from_str_radix takes them); the type is EXPORT_SYMBOL or EXPORT_SYMBOL_GPL;
// a symbol appears once. Anything else, an empty or blank line included, is an
// Error at FILE:LINE. The file must be UTF-8.
//
// ReadSymvers also reads files compressed with xz or zstd (recognised by their
// magic bytes), which ksymvers does not.
//
// USAGE
//   const Symvers symvers = ReadSymvers("Module.symvers");
//   for (const SymversExport& e : symvers.exports) ... e.symbol, e.crc ...
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

// "EXPORT_SYMBOL_GPL" or "EXPORT_SYMBOL".
constexpr std::string_view ExportTypeName(bool gpl_only) {
  return gpl_only ? "EXPORT_SYMBOL_GPL" : "EXPORT_SYMBOL";
}

struct SymversExport {
  std::string symbol;
  uint32_t crc = 0;
  std::string module;
  bool gpl_only = false;   // EXPORT_SYMBOL_GPL
  std::string name_space;  // empty if none
  uint32_t line = 0;       // 1-based line in the file, for messages

  std::string_view export_type() const { return ExportTypeName(gpl_only); }
};

struct Symvers {
  std::string path;
  std::vector<SymversExport> exports;  // in file order
};

// Parses the text of a Module.symvers file; `path` names it in errors.
Symvers ParseSymvers(std::string_view text, std::string_view path);
// Reads (decompressing where needed) and parses a Module.symvers file.
Symvers ReadSymvers(const std::string& path);

}  // namespace kcrc
