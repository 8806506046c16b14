// ElfFile: one open, one validation, and what every reader takes from it.
#include "kcrc/elf/elf_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "support/temp_dir.h"

namespace kcrc {
namespace {

const std::string kBasic = std::string(KCRC_SOURCE_DIR) + "/fixtures/gen/basic/obj.o";
const std::string kLinked = std::string(KCRC_SOURCE_DIR) + "/fixtures/gen/linked/obj.o";
const std::string kKsymtab = std::string(KCRC_SOURCE_DIR) + "/fixtures/scan/ksymtab.ko";

std::string ErrorOf(const std::string& path, const std::string& bytes) {
  try {
    ElfFile elf(path, bytes);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

bool HasSymbol(const std::vector<ElfSymbol>& symbols, std::string_view name) {
  return std::any_of(symbols.begin(), symbols.end(),
                     [&](const ElfSymbol& symbol) { return symbol.name == name; });
}

TEST(ElfFile, RelocatableFilesAreHeldInMemoryLinkedOnesMapped) {
  const ElfFile relocatable(kBasic);
  EXPECT_TRUE(relocatable.relocatable());
  EXPECT_EQ(relocatable.mapping(), nullptr);
  EXPECT_TRUE(IsRelocatableFile(kBasic));
  const ElfFile linked(kLinked);
  EXPECT_FALSE(linked.relocatable());
  EXPECT_NE(linked.mapping(), nullptr);
  EXPECT_FALSE(IsRelocatableFile(kLinked));
  EXPECT_EQ(linked.target().bits, 64u);
  EXPECT_EQ(linked.target().endian, Endian::kLittle);
}

TEST(ElfFile, FromMemoryReadsAsFromTheFile) {
  const ElfFile file(kKsymtab);
  const ElfFile memory("copy.ko", ReadFile(kKsymtab));
  EXPECT_EQ(memory.path(), "copy.ko");
  EXPECT_EQ(memory.relocatable(), file.relocatable());
  ASSERT_EQ(memory.symbols().size(), file.symbols().size());
  for (size_t i = 0; i < file.symbols().size(); ++i) {
    EXPECT_EQ(memory.symbols()[i].name, file.symbols()[i].name);
    EXPECT_EQ(memory.symbols()[i].section, file.symbols()[i].section);
    EXPECT_EQ(memory.symbols()[i].value, file.symbols()[i].value);
  }
  ASSERT_EQ(memory.sections().size(), file.sections().size());
}

TEST(ElfFile, SymbolsAndDefinedGlobals) {
  const ElfFile elf(kBasic);
  EXPECT_TRUE(HasSymbol(elf.symbols(), "use_point"));
  EXPECT_TRUE(HasSymbol(elf.defined_globals(), "use_point"));
  for (const ElfSymbol& symbol : elf.defined_globals()) {
    EXPECT_TRUE(symbol.defined()) << symbol.name;
    EXPECT_TRUE(symbol.global_or_weak()) << symbol.name;
  }
  // Local symbols (the file's name) are symbols, not globals.
  EXPECT_TRUE(HasSymbol(elf.symbols(), "t1.c"));
  EXPECT_FALSE(HasSymbol(elf.defined_globals(), "t1.c"));
}

TEST(ElfFile, SectionsByNameAndIndex) {
  const ElfFile elf(kBasic);
  const ElfSection* info = elf.FindSection(".debug_info");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(elf.SectionName(info->index), ".debug_info");
  EXPECT_EQ(info->bytes.size(), info->size);
  EXPECT_EQ(elf.MaybeSection(".debug_info")->data(), info->bytes.data());
  EXPECT_FALSE(elf.MaybeSection(".no_such_section"));
  EXPECT_EQ(elf.SectionName(0), "");
  EXPECT_EQ(elf.SectionName(0xfff1), "");  // SHN_ABS
  EXPECT_EQ(elf.SectionName(10000), "");
  // .bss has no bytes in the file: its contents cannot be read.
  const ElfSection* bss = elf.FindSection(".bss");
  ASSERT_NE(bss, nullptr);
  EXPECT_TRUE(bss->bytes.empty());
  EXPECT_THROW(elf.MaybeSection(".bss"), Error);
}

TEST(ElfFile, StringsSymbolsPointTo) {
  const ElfFile elf(kKsymtab);
  for (const ElfSymbol& symbol : elf.symbols()) {
    if (symbol.name != "__kstrtabns_foo") continue;
    EXPECT_EQ(elf.MaybeStringAt(symbol), "FOO_NS");
    ElfSymbol outside = symbol;
    outside.value += 1 << 20;
    EXPECT_FALSE(elf.MaybeStringAt(outside));
    return;
  }
  FAIL() << "no __kstrtabns_foo";
}

TEST(ElfFile, SymbolsStayReadableAfterTheirTablesAreReleased) {
  const ElfFile elf(kLinked);
  std::vector<std::string> before;
  for (const ElfSymbol& symbol : elf.symbols()) before.emplace_back(symbol.name);
  elf.ReleaseSymbolTables();
  std::vector<std::string> after;
  for (const ElfSymbol& symbol : elf.symbols()) after.emplace_back(symbol.name);
  EXPECT_EQ(after, before);
}

TEST(ElfFile, BadFilesAreRefusedWithTheirName) {
  EXPECT_EQ(ErrorOf("empty.o", ""), "empty.o: not an ELF file (empty)");
  EXPECT_EQ(ErrorOf("text.o", "hello\n"), "text.o: not an ELF file");
  const std::string basic = ReadFile(kBasic);
  EXPECT_EQ(ErrorOf("header.o", basic.substr(0, 40)),
            "header.o: not an ELF file: invalid ELF file data");
  EXPECT_NE(ErrorOf("trunc.o", basic.substr(0, 1000)).find("trunc.o: truncated ELF file: "),
            std::string::npos);
  testing_support::TempDir dir;
  try {
    ElfFile elf(dir.path().string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), dir.path().string() + ": is a directory, not a file");
  }
  const std::string missing = (dir.path() / "missing.o").string();
  try {
    ElfFile elf(missing);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), missing + ": cannot open: No such file or directory");
  }
}

}  // namespace
}  // namespace kcrc
