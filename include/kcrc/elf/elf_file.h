// The one ELF reader. An object file is opened once, validated once, and
// then serves every reader: gen (symbols, the kABI rules section, the bytes
// DWARF is read from), scan (export kinds), versions and check (version
// tables). libelf stays inside src/elf/.
//
// GUARANTEES: after construction the file is a regular, non-empty ELF file
// whose ELF header, section header table and sections (those with file
// data) lie inside it, with a section name table and readable symbol tables;
// every failure throws an Error naming the file. The accessors below do not
// throw unless they say so.
//
// The bytes: a relocatable file (ET_REL: kernel .o and .ko files) is read
// into memory, writable, because libdwfl applies the relocations of its
// debug sections in place (dwarf/dwarf_file.h); a linked one (vmlinux: 600
// MB) is mapped read-only, and the mapping is shared with DwarfFile, which
// gives back the pages of the units it is done with.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/elf/target.h"

namespace kcrc {

class MappedFile;

// A symbol; its name points into the file's bytes (valid while the ElfFile
// is: vmlinux has 130,000 symbols, and copying each name cost more than
// reading the table).
struct ElfSymbol {
  std::string_view name;
  uint32_t section = 0;  // section index, extended indices resolved
  uint64_t value = 0;
  uint8_t binding = 0;  // STB_*

  // Defined: its section index is not SHN_UNDEF.
  bool defined() const { return section != 0; }
  // Bound STB_GLOBAL or STB_WEAK (the symbols a module imports and exports).
  bool global_or_weak() const { return binding == 1 || binding == 2; }
};

struct ElfSection {
  uint32_t index = 0;
  std::string_view name;  // "" when it has none
  uint32_t type = 0;      // SHT_*
  uint64_t flags = 0;     // SHF_*
  uint64_t address = 0;
  uint64_t size = 0;
  uint32_t link = 0;     // sh_link
  uint64_t entsize = 0;  // sh_entsize
  // The section's bytes as stored in the file; empty for SHT_NOBITS.
  std::string_view bytes;
};

class ElfFile {
 public:
  // Opens and validates `path`.
  explicit ElfFile(std::string path);
  // Validates `bytes` held in memory (a decompressed module), named `path`
  // in errors.
  ElfFile(std::string path, std::string bytes);
  ~ElfFile();
  ElfFile(const ElfFile&) = delete;
  ElfFile& operator=(const ElfFile&) = delete;

  const std::string& path() const { return path_; }
  const Target& target() const { return target_; }
  // ET_REL: kernel .o and .ko files.
  bool relocatable() const { return relocatable_; }

  // The whole file. Writable for files held in memory (relocatable files,
  // decompressed ones); for a mapped file, mapping() is set and the bytes
  // must not be written.
  std::span<char> bytes() const { return bytes_; }
  const std::shared_ptr<const MappedFile>& mapping() const { return mapping_; }

  // Every section but the null section 0, in order.
  const std::vector<ElfSection>& sections() const { return sections_; }
  // The first section named `name`, or null.
  const ElfSection* FindSection(std::string_view name) const;
  // The bytes of the first section named `name`, or nullopt when there is
  // none. Throws for a section without file data (SHT_NOBITS) or a
  // compressed one (SHF_COMPRESSED): its bytes are not its contents.
  std::optional<std::string_view> MaybeSection(std::string_view name) const;
  // The name of section `index` ("" when it has none or the index is not a
  // section's, e.g. SHN_ABS).
  std::string_view SectionName(uint32_t index) const;

  // Every named symbol of every SHT_SYMTAB (any binding), in table order.
  const std::vector<ElfSymbol>& symbols() const { return symbols_; }
  // The symbols that are not local and are defined (section index not
  // SHN_UNDEF), in table order.
  const std::vector<ElfSymbol>& defined_globals() const { return globals_; }

  // The NUL-terminated string a symbol points to in its section (the value
  // is an address in linked files, an offset in relocatable ones); nullopt
  // when the symbol lies outside the section's bytes or the string is
  // unterminated.
  std::optional<std::string> MaybeStringAt(const ElfSymbol& symbol) const;

  // Gives back the memory of a mapped file's symbol and string tables, read
  // when the file was opened (vmlinux: 6 MiB); the symbols stay readable.
  void ReleaseSymbolTables() const;

 private:
  void Validate();
  void ReadSections();
  void ReadSymbols();
  // libelf's data of a section (translated to the host's byte order).
  void* DataOf(const ElfSection& section) const;

  std::string path_;
  std::string image_;  // the bytes, when held in memory
  std::shared_ptr<const MappedFile> mapping_;
  std::span<char> bytes_;
  struct Handle;
  std::unique_ptr<Handle> handle_;  // libelf's
  Target target_;
  bool relocatable_ = false;
  std::vector<ElfSection> sections_;
  std::vector<ElfSymbol> symbols_;
  std::vector<ElfSymbol> globals_;
  std::vector<std::string_view> symbol_tables_;  // their bytes (ReleaseSymbolTables)
};

// Whether `path` starts with the ELF header of a relocatable file; false
// for anything unreadable. (The bench's bare DWARF walk opens files the way
// ElfFile does.)
bool IsRelocatableFile(const std::string& path);

}  // namespace kcrc
