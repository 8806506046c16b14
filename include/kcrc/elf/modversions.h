// The version tables of a module, as bytes (encode and decode; no ELF here).
//
// Basic modversions, section `__versions`: an array of 64-byte entries
//
//   struct modversion_info {
//     unsigned long crc;                       // target word size and byte order
//     char name[64 - sizeof(unsigned long)];   // NUL-terminated, zero-padded
//   };
//
// so a name fits when it is at most 55 bytes long (59 on 32-bit targets).
//
// Hashed long names: a name that does not fit is stored as
//
//   "sha256\0" <32-byte SHA-256 of the name> <zero padding>
//
// where the name is hashed with one leading '.' stripped: the PPC64 ELFv1
// loader strips that dot from every entry, and the loader compares against the
// name it resolves, which never has it. Whether a name needs hashing is decided
// on the name as written (modpost's `strlen(name) >= MODULE_NAME_LEN`).
//
// Extended modversions, sections `__version_ext_crcs` (u32 CRCs in target byte
// order) and `__version_ext_names` (the NUL-terminated names in the same
// order). The loader (elf_validity_cache_index_versions) refuses a module that
// has one section without the other, or more CRCs than names; it ignores
// anything after the last counted name (modpost's string literal ends with an
// extra NUL, so there always is one such byte).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/base/sha256.h"
#include "kcrc/elf/target.h"

namespace kcrc {

constexpr size_t kModversionEntrySize = 64;
// What a hashed entry's name field holds before the digest (NUL follows).
constexpr std::string_view kHashedNameTag = "sha256";

// A symbol a module imports and the CRC it was built against (one entry of
// either table).
struct ImportVersion {
  std::string name;
  uint32_t crc = 0;
};

// One decoded `__versions` entry.
struct BasicEntry {
  uint64_t crc = 0;
  // The NUL-terminated name field as stored ("sha256" for a hashed entry).
  std::string name;
  // Set for a hashed entry.
  std::optional<Sha256Digest> digest;
};

constexpr size_t CrcFieldSize(uint32_t bits) { return bits / 8; }
constexpr size_t NameFieldSize(uint32_t bits) { return kModversionEntrySize - CrcFieldSize(bits); }

// True when `name` and its NUL do not fit the name field.
bool IsOverLong(std::string_view name, uint32_t bits);

// The SHA-256 of `name` with one leading '.' stripped.
Sha256Digest DigestOfSymbolName(std::string_view name);

// The form a name takes in `__versions`, printable: the name itself when it
// fits, else "sha256:" and the hex digest.
std::string TableForm(std::string_view name, uint32_t bits);

// The name field of an entry: exactly NameFieldSize(bits) bytes.
std::string EncodeNameField(std::string_view name, uint32_t bits);

// Encoders of whole sections (the bytes a compiler emits for modversions'
// generated C; used to test the decoders without a compiler).
std::string EncodeBasicTable(std::span<const ImportVersion> symbols, const Target& target);
std::string EncodeExtendedCrcs(std::span<const ImportVersion> symbols, Endian endian);
std::string EncodeExtendedNames(std::span<const ImportVersion> symbols);

// Decodes `__versions`. Throws when its size is not a multiple of 64 bytes
// (modprobe refuses that too) or a name field has no NUL.
std::vector<BasicEntry> DecodeBasicTable(std::string_view bytes, const Target& target);

struct ExtendedTable {
  std::vector<ImportVersion> entries;
  // Oddities the loader tolerates (trailing CRC bytes, names beyond the count).
  std::vector<std::string> warnings;
};

// Decodes and validates the extended sections as the loader does: throws when
// there are more CRCs than NUL-terminated names.
ExtendedTable DecodeExtendedTables(std::string_view crcs, std::string_view names, Endian endian);

}  // namespace kcrc
