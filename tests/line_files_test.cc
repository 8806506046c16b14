#include "kcrc/dwarf/line_files.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;

LineSections Sections(const std::string& line, const std::string& str = "",
                      const std::string& line_str = "") {
  return {line, str, line_str, false};
}

// A DWARF 4 header: two directories, files a.c (dir 1) and b.h (dir 2).
std::string Dwarf4Header() {
  std::string body;
  body += std::string("\x04\x00", 2);              // version
  body += std::string("\x00\x00\x00\x00", 4);      // header_length (not checked)
  body += std::string("\x01\x01\x01\xfb\x0e", 5);  // min_inst, max_ops, is_stmt, base, range
  body += '\x0d';                                  // opcode_base
  body += std::string(12, '\x00');                 // standard_opcode_lengths
  body += std::string("/src\0/inc\0\0", 11);       // include_directories
  body += std::string("a.c\0\x01\x00\x00", 7);     // file a.c
  body += std::string("b.h\0\x02\x00\x00", 7);     // file b.h
  body += '\0';
  const uint32_t length = static_cast<uint32_t>(body.size());
  return std::string(reinterpret_cast<const char*>(&length), 4) + body;
}

TEST(ReadLineFileNames, Dwarf4FilesStartAtOne) {
  const std::string data = "pad" + Dwarf4Header();
  const std::vector<std::string_view> names = ReadLineFileNames(Sections(data), 3);
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0], "???");
  EXPECT_EQ(names[1], "a.c");
  EXPECT_EQ(names[2], "b.h");
}

TEST(ReadLineFileNames, Dwarf5EntriesWithLineStrpAndMd5) {
  const std::string line_str = std::string("/src\0main.c\0", 12);
  std::string body;
  body += std::string("\x05\x00", 2);          // version
  body += std::string("\x08\x00", 2);          // address_size, seg_sel_size
  body += std::string("\x00\x00\x00\x00", 4);  // header_length
  body += std::string("\x01\x01\x01\xfb\x0e", 5);
  body += '\x01';                                          // opcode_base: no standard lengths
  body += std::string("\x01\x01\x1f", 3);                  // dir formats: path line_strp
  body += '\x01';                                          // one directory
  body += std::string("\x00\x00\x00\x00", 4);              // "/src"
  body += std::string("\x03\x01\x1f\x02\x0b\x05\x1e", 7);  // path, dir index, MD5
  body += '\x02';                                          // two files
  body += std::string("\x05\x00\x00\x00", 4) + '\x00' + std::string(16, '\x11');  // main.c
  body += std::string("\x05\x00\x00\x00", 4) + '\x00' + std::string(16, '\x22');  // main.c
  const uint32_t length = static_cast<uint32_t>(body.size());
  const std::string data = std::string(reinterpret_cast<const char*>(&length), 4) + body;
  const std::vector<std::string_view> names = ReadLineFileNames(Sections(data, "", line_str), 0);
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "main.c");
  EXPECT_EQ(names[1], "main.c");
}

TEST(ReadLineFileNames, MalformedHeadersAreErrors) {
  const std::string header = Dwarf4Header();
  EXPECT_THROW(ReadLineFileNames(Sections(header), header.size() + 1), Error);
  EXPECT_THROW(ReadLineFileNames(Sections(header.substr(0, 30)), 0), Error);  // truncated
  std::string bad_version = header;
  bad_version[4] = '\x09';
  EXPECT_THROW(ReadLineFileNames(Sections(bad_version), 0), Error);
}

// Every unit of every fixture object (DWARF 4 and 5; 32- and 64-bit; little
// and big endian; C and Rust): the same file list as libdw's.
TEST(ReadLineFileNames, AgreesWithLibdwOnAllFixtures) {
  std::vector<fs::path> objects;
  for (const char* root : {"fixtures", "../shared/conformance/cases"}) {
    const fs::path dir = fs::path(KCRC_SOURCE_DIR) / root;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
      if (entry.path().extension() == ".o" || entry.path().extension() == ".ko")
        objects.push_back(entry.path());
  }
  ASSERT_GT(objects.size(), 20u);
  static const Dwfl_Callbacks kCallbacks = {
      .find_elf = dwfl_build_id_find_elf,
      .find_debuginfo = dwfl_standard_find_debuginfo,
      .section_address = dwfl_offline_section_address,
      .debuginfo_path = nullptr,
  };
  int units = 0;
  for (const fs::path& object : objects) {
    Dwfl* dwfl = dwfl_begin(&kCallbacks);
    ASSERT_NE(dwfl_report_offline(dwfl, object.c_str(), object.c_str(), -1), nullptr) << object;
    dwfl_report_end(dwfl, nullptr, nullptr);
    Dwarf_Addr bias = 0;
    Dwfl_Module* module = nullptr;
    dwfl_getmodules(
        dwfl,
        [](Dwfl_Module* m, void**, const char*, Dwarf_Addr, void* arg) -> int {
          *static_cast<Dwfl_Module**>(arg) = m;
          return DWARF_CB_ABORT;
        },
        &module, 0);
    Dwarf* dwarf = module ? dwfl_module_getdwarf(module, &bias) : nullptr;
    if (dwarf == nullptr) {  // objects without DWARF (bad-input fixtures)
      dwfl_end(dwfl);
      continue;
    }
    const std::optional<LineSections> sections = FindLineSections(dwarf_getelf(dwarf));
    Dwarf_CU* cu = nullptr;
    Dwarf_Die cudie;
    while (dwarf_get_units(dwarf, cu, &cu, nullptr, nullptr, &cudie, nullptr) == 0) {
      Dwarf_Attribute attribute;
      Dwarf_Word offset = 0;
      if (dwarf_attr(&cudie, DW_AT_stmt_list, &attribute) == nullptr ||
          dwarf_formudata(&attribute, &offset) != 0)
        continue;
      ASSERT_TRUE(sections.has_value()) << object;
      Dwarf_Files* files = nullptr;
      size_t count = 0;
      ASSERT_EQ(dwarf_getsrcfiles(&cudie, &files, &count), 0) << object;
      const std::vector<std::string_view> names = ReadLineFileNames(*sections, offset);
      ASSERT_EQ(names.size(), count) << object;
      for (size_t i = 0; i < count; ++i) {
        const std::string full = dwarf_filesrc(files, i, nullptr, nullptr);
        EXPECT_TRUE(full.ends_with(names[i]))
            << object << " file " << i << ": " << full << " vs " << names[i];
      }
      ++units;
    }
    dwfl_end(dwfl);
  }
  EXPECT_GT(units, 50);
}

}  // namespace
}  // namespace kcrc
