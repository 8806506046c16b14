// CRCs recomputed from a symtypes file alone (`kcrc crc`).
//
// gen writes one sorted block of records per object file it was given, and
// versions each object's symbols against that object's records only. A key
// that does not sort after the previous one therefore starts a new block, and
// references resolve within their block. When a symbol has records in several
// blocks, the last block's CRC wins (as gen's #SYMVER output does).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kcrc/symtypes/parser.h"

namespace kcrc {

struct SymbolVersion {
  std::string name;
  uint32_t crc = 0;
};

// The CRC of every symbol record, once per symbol, in order of first
// appearance. Throws (naming `path` and the line) on an unknown reference.
std::vector<SymbolVersion> VersionsFromSymtypes(const std::vector<Record>& records,
                                                std::string_view path);

// Same as the #SYMVER line gen prints: `#SYMVER <name> 0x%08x`.
std::string FormatSymver(const SymbolVersion& version);

}  // namespace kcrc
