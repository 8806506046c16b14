// MappedFile, and DwarfFile's release of a linked file's units: giving pages
// back must never change what is read.
#include "kcrc/base/mapped_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "kcrc/base/error.h"
#include "kcrc/dwarf/dwarf_file.h"
#include "support/temp_dir.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;
using testing_support::TempDir;

// Whether the page holding `address` is mapped into this process
// (/proc/self/pagemap, bit 63); nullopt where pagemap cannot be read.
std::optional<bool> Resident(const char* address) {
  FILE* pagemap = std::fopen("/proc/self/pagemap", "rb");
  if (pagemap == nullptr) return std::nullopt;
  const uintptr_t page = reinterpret_cast<uintptr_t>(address) / sysconf(_SC_PAGESIZE);
  uint64_t entry = 0;
  const bool read = std::fseek(pagemap, static_cast<long>(page * sizeof entry), SEEK_SET) == 0 &&
                    std::fread(&entry, sizeof entry, 1, pagemap) == 1;
  std::fclose(pagemap);
  if (!read) return std::nullopt;
  return (entry >> 63) != 0;
}

std::string Pattern(size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(i * 7 + i / 4096);
  return bytes;
}

// It opens through InputFile: what is not a regular file is an Error naming
// it; an empty file is no mapping (the caller's reader names the problem).
TEST(MappedFile, OpensOnlyNonEmptyRegularFiles) {
  TempDir dir;
  EXPECT_THROW(MappedFile::Open((dir.path() / "missing").string()), Error);
  EXPECT_FALSE(MappedFile::Open(dir.Write("empty", "")));
  EXPECT_THROW(MappedFile::Open(dir.path().string()), Error);
  auto mapped = MappedFile::Open(dir.Write("file", "abc"));
  ASSERT_TRUE(mapped);
  EXPECT_EQ(std::string(mapped->data(), mapped->size()), "abc");
}

TEST(MappedFile, ContainsOnlyRangesInsideTheMapping) {
  TempDir dir;
  auto mapped = MappedFile::Open(dir.Write("file", "0123456789"));
  ASSERT_TRUE(mapped);
  const char* data = mapped->data();
  EXPECT_TRUE(mapped->Contains(data, data + 10));
  EXPECT_TRUE(mapped->Contains(data + 3, data + 3));
  EXPECT_FALSE(mapped->Contains(data, data + 11));
  EXPECT_FALSE(mapped->Contains(data - 1, data + 2));
  EXPECT_FALSE(mapped->Contains(data + 5, data + 4));
  const std::string elsewhere = "0123";
  EXPECT_FALSE(mapped->Contains(elsewhere.data(), elsewhere.data() + 4));
}

TEST(MappedFile, ReleasedPagesLeaveMemoryAndReadTheSame) {
  TempDir dir;
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const std::string bytes = Pattern(8 * page);
  auto mapped = MappedFile::Open(dir.Write("file", bytes));
  ASSERT_TRUE(mapped);
  const char* data = mapped->data();
  ASSERT_EQ(std::string(data, mapped->size()), bytes);  // every page touched
  // Pages 1 to 4: the range starts inside page 1 and ends inside page 5.
  mapped->Release(data + page + 10, data + 5 * page + 10);
  if (auto resident = Resident(data + 2 * page)) {
    EXPECT_FALSE(*Resident(data + page));
    EXPECT_FALSE(*Resident(data + 4 * page));
    EXPECT_TRUE(*Resident(data));             // before the range
    EXPECT_TRUE(*Resident(data + 5 * page));  // holds the end: kept
    EXPECT_FALSE(*resident);
  }
  EXPECT_EQ(std::string(data, mapped->size()), bytes);
}

// Names of every DIE of every unit, read through nodes.
std::vector<std::string> AllNames(DwarfFile& dwarf) {
  std::vector<std::string> names;
  for (const UnitInfo& unit : dwarf.units()) {
    dwarf.WalkUnit(unit, [&](DieOffset offset, int, const char*, bool, int) {
      names.push_back(std::string(dwarf.Get(offset).name.value_or("-")));
    });
  }
  return names;
}

TEST(DwarfFileRelease, LinkedFileReadsTheSameAfterItsUnitsAreReleased) {
  const std::string path = (fs::path(KCRC_SOURCE_DIR) / "fixtures/gen/linked/obj.o").string();
  const ElfFile elf(path);
  DwarfFile dwarf(elf);
  ASSERT_FALSE(dwarf.relocatable());
  ASSERT_GE(dwarf.units().size(), 3u);
  const std::vector<std::string> before = AllNames(dwarf);
  EXPECT_GT(before.size(), 500u);
  // Node names point into the file: they must survive the release.
  const DieNode& first_named = dwarf.Get(dwarf.units()[1].die);
  const std::string unit_name(first_named.name.value_or(""));
  for (size_t i = 0; i < dwarf.units().size(); ++i) dwarf.ReleaseUnitsThrough(i);
  dwarf.ReleaseUnitsThrough(dwarf.units().size());  // out of range: nothing
  EXPECT_EQ(first_named.name.value_or(""), unit_name);
  dwarf.ForgetNodes();
  EXPECT_EQ(AllNames(dwarf), before);
}

TEST(DwarfFileRelease, SiblingHandlesShareUnitsAndReadTheSame) {
  for (const char* name : {"obj.o", "relocatable.o"}) {
    const std::string path = (fs::path(KCRC_SOURCE_DIR) / "fixtures/gen/linked" / name).string();
    const ElfFile elf(path);
    DwarfFile first(elf);
    DwarfFile second(elf, &first);
    ASSERT_EQ(second.units().size(), first.units().size()) << name;
    for (size_t i = 0; i < first.units().size(); ++i) {
      EXPECT_EQ(second.units()[i].die, first.units()[i].die);
      EXPECT_EQ(second.units()[i].version, first.units()[i].version);
      EXPECT_EQ(second.units()[i].language, first.units()[i].language);
    }
    const std::vector<std::string> names = AllNames(first);
    for (size_t i = 0; i < second.units().size(); ++i) second.ReleaseUnitsThrough(i);
    EXPECT_EQ(AllNames(second), names) << name;
    first.ForgetNodes();
    EXPECT_EQ(AllNames(first), names) << name;
  }
}

TEST(DwarfFileRelease, RelocatableFilesIgnoreIt) {
  const std::string path =
      (fs::path(KCRC_SOURCE_DIR) / "fixtures/gen/linked/relocatable.o").string();
  const ElfFile elf(path);
  DwarfFile dwarf(elf);
  ASSERT_TRUE(dwarf.relocatable());
  const std::vector<std::string> before = AllNames(dwarf);
  for (size_t i = 0; i < dwarf.units().size(); ++i) dwarf.ReleaseUnitsThrough(i);
  dwarf.ForgetNodes();
  EXPECT_EQ(AllNames(dwarf), before);
}

}  // namespace
}  // namespace kcrc
