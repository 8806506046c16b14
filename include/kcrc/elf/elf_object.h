// The libelf boundary for gen: validates that a file is ELF and reads what gen
// needs besides DWARF: the global symbols (for alias grouping) and the raw
// bytes of a named section (the kABI rules).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

// A symbol; its name points into the object's string table, so it is valid
// while the ElfObject is (vmlinux has 130,000 symbols: copying each name cost
// more than reading the table).
struct ElfSymbol {
  std::string_view name;
  uint32_t section = 0;  // section index, extended indices resolved
  uint64_t value = 0;
};

class ElfObject {
 public:
  // Opens and validates `path`; throws Error naming the file when it cannot be
  // opened, is not ELF, or its section or symbol tables are unreadable.
  explicit ElfObject(std::string path);
  ~ElfObject();
  ElfObject(const ElfObject&) = delete;
  ElfObject& operator=(const ElfObject&) = delete;

  const std::string& path() const { return path_; }

  // Every symbol of every SHT_SYMTAB that is not local, has a name and is
  // defined (section index not SHN_UNDEF), in symbol table order.
  const std::vector<ElfSymbol>& defined_globals() const { return globals_; }

  // Every symbol name of the symbol tables (any binding), in order, with its
  // section index; used to discover exports.
  const std::vector<ElfSymbol>& all_symbols() const { return all_; }

  // The bytes of the first section named `name`, or nullopt when absent.
  std::optional<std::string> SectionBytes(const std::string& name) const;

  // The name of section `index` ("" when it has none or the index is out of
  // range, e.g. SHN_ABS).
  std::string SectionName(uint32_t index) const;

  // The NUL-terminated string a symbol points to in its section (the value is
  // an address in linked files, an offset in relocatable ones); nullopt when
  // the symbol lies outside the section's bytes or the string is unterminated.
  std::optional<std::string> MaybeStringAt(const ElfSymbol& symbol) const;

 private:
  struct Impl;
  void ReadSymbols();

  std::string path_;
  Impl* impl_;
  std::vector<ElfSymbol> globals_;
  std::vector<ElfSymbol> all_;
};

}  // namespace kcrc
