// A small read-only view of an ELF file (libelf stays inside src/elf/).
//
// GUARANTEES: the whole file is read into memory once; Section() returns the
// bytes as stored in the file (no byte-order translation, no relocation), and
// only after checking they lie inside the file. Every failure throws an Error
// that starts with the file's path.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/elf/target.h"

struct Elf;  // libelf's handle

namespace kcrc {

class ElfReader {
 public:
  struct GlobalSymbol {
    std::string name;
    bool defined = false;  // st_shndx != SHN_UNDEF
  };

  explicit ElfReader(std::string path);
  ~ElfReader();
  ElfReader(ElfReader&&) noexcept;
  ElfReader& operator=(ElfReader&&) noexcept;

  const std::string& path() const { return path_; }
  const Target& target() const { return target_; }

  // The contents of the first section named `name`, or nullopt when there is
  // none. Throws for a section without file data (SHT_NOBITS) or a compressed one.
  std::optional<std::string_view> MaybeSection(std::string_view name) const;

  // The global and weak symbols of the symbol table, in table order (none when
  // there is no .symtab).
  std::vector<GlobalSymbol> GlobalSymbols() const;

 private:
  struct ElfEnd {
    void operator()(Elf* elf) const;
  };

  std::string path_;
  std::vector<char> image_;
  std::unique_ptr<Elf, ElfEnd> elf_;
  Target target_;
};

}  // namespace kcrc
