#include "kcrc/dwarf/line_files.h"

#include <dwarf.h>

#include <utility>

#include "kcrc/base/error.h"
#include "kcrc/elf/loaded_sections.h"

namespace kcrc {
namespace {

// Bounds-checked reads from one section.
class Reader {
 public:
  Reader(std::string_view data, bool big_endian) : data_(data), big_endian_(big_endian) {}

  size_t position() const { return position_; }
  void Seek(uint64_t position) {
    Check(position <= data_.size(), "offset 0x{:x} is past the end of .debug_line", position);
    position_ = position;
  }
  void Skip(uint64_t bytes) { Seek(position_ + Need(bytes)); }

  uint64_t Fixed(int bytes) {
    Need(bytes);
    uint64_t value = 0;
    for (int i = 0; i < bytes; ++i) {
      const auto byte = static_cast<uint8_t>(data_[position_ + i]);
      const int shift = big_endian_ ? 8 * (bytes - 1 - i) : 8 * i;
      value |= uint64_t{byte} << shift;
    }
    position_ += bytes;
    return value;
  }

  uint64_t Uleb() {
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
      Need(1);
      const auto byte = static_cast<uint8_t>(data_[position_++]);
      if (shift < 64) value |= uint64_t{byte & 0x7fu} << shift;
      if ((byte & 0x80) == 0) return value;
    }
  }

  std::string_view String() { return StringAt(data_, position_, /*advance=*/true); }

  // The NUL-terminated string at `offset` of `section`.
  std::string_view StringIn(std::string_view section, uint64_t offset, const char* name) {
    Check(offset < section.size(), "string offset 0x{:x} is past the end of {}", offset, name);
    size_t position = offset;
    return StringAt(section, position, /*advance=*/false);
  }

 private:
  uint64_t Need(uint64_t bytes) const {
    Check(bytes <= data_.size() - position_, "the line table header at 0x{:x} is truncated",
          position_);
    return bytes;
  }
  std::string_view StringAt(std::string_view section, size_t& position, bool advance) {
    const size_t end = section.find('\0', position);
    Check(end != std::string_view::npos, "unterminated string at 0x{:x}", position);
    std::string_view text = section.substr(position, end - position);
    if (advance) position_ = end + 1;
    return text;
  }

  std::string_view data_;
  bool big_endian_;
  size_t position_ = 0;
};

struct EntryFormat {
  uint64_t content;
  uint64_t form;
};

// Reads one attribute of a DWARF 5 directory or file entry; returns the
// string for string forms, empty otherwise.
std::string_view ReadEntryValue(Reader& in, const LineSections& sections, uint64_t form,
                                int offset_size) {
  switch (form) {
    case DW_FORM_string:
      return in.String();
    case DW_FORM_line_strp:
      return in.StringIn(sections.debug_line_str, in.Fixed(offset_size), ".debug_line_str");
    case DW_FORM_strp:
      return in.StringIn(sections.debug_str, in.Fixed(offset_size), ".debug_str");
    case DW_FORM_udata:
      in.Uleb();
      return {};
    case DW_FORM_sdata:
      in.Uleb();
      return {};  // same encoding length
    case DW_FORM_data1:
      in.Skip(1);
      return {};
    case DW_FORM_data2:
      in.Skip(2);
      return {};
    case DW_FORM_data4:
      in.Skip(4);
      return {};
    case DW_FORM_data8:
      in.Skip(8);
      return {};
    case DW_FORM_data16:
      in.Skip(16);
      return {};
    case DW_FORM_block:
      in.Skip(in.Uleb());
      return {};
    case DW_FORM_block1:
      in.Skip(in.Fixed(1));
      return {};
    case DW_FORM_block2:
      in.Skip(in.Fixed(2));
      return {};
    case DW_FORM_block4:
      in.Skip(in.Fixed(4));
      return {};
    default:
      Fail("unsupported form 0x{:x} in a line table entry", form);
  }
}

std::vector<EntryFormat> ReadEntryFormats(Reader& in) {
  std::vector<EntryFormat> formats(in.Fixed(1));
  for (EntryFormat& format : formats) {
    format.content = in.Uleb();
    format.form = in.Uleb();
  }
  return formats;
}

}  // namespace

std::optional<LineSections> FindLineSections(Elf* elf) {
  LineSections sections;
  sections.big_endian = IsBigEndian(elf);
  for (auto [name, target] : {std::pair{".debug_line", &sections.debug_line},
                              std::pair{".debug_str", &sections.debug_str},
                              std::pair{".debug_line_str", &sections.debug_line_str}}) {
    std::optional<LoadedSection> section = FindLoadedSection(elf, name);
    if (!section) continue;
    // Compressed sections: libdw has already decompressed them (elf_compress)
    // when it opened the file; anything still compressed is left to libdw.
    if (section->compressed) return std::nullopt;
    *target = section->data;
  }
  if (sections.debug_line.data() == nullptr) return std::nullopt;
  return sections;
}

std::vector<std::string_view> ReadLineFileNames(const LineSections& sections, uint64_t offset) {
  Reader in(sections.debug_line, sections.big_endian);
  in.Seek(offset);
  int offset_size = 4;
  uint64_t unit_length = in.Fixed(4);
  if (unit_length == 0xffffffff) {
    offset_size = 8;
    unit_length = in.Fixed(8);
  }
  const uint64_t version = in.Fixed(2);
  Check(version >= 2 && version <= 5, "unknown line table version {}", version);
  if (version >= 5) in.Skip(2);   // address_size, segment_selector_size
  in.Fixed(offset_size);          // header_length
  in.Skip(version >= 4 ? 5 : 4);  // instruction length(s), is_stmt, line_base, line_range
  const uint64_t opcode_base = in.Fixed(1);
  if (opcode_base > 0) in.Skip(opcode_base - 1);  // standard_opcode_lengths

  std::vector<std::string_view> names;
  if (version < 5) {
    names.emplace_back("???");  // libdw's entry 0
    while (!in.String().empty()) {
    }  // include_directories
    while (true) {
      std::string_view name = in.String();
      if (name.empty()) break;
      in.Uleb();  // directory index
      in.Uleb();  // modification time
      in.Uleb();  // length
      names.push_back(name);
    }
    return names;
  }
  // DWARF 5: directories, then files, each described by entry formats.
  for (int table = 0; table < 2; ++table) {
    const std::vector<EntryFormat> formats = ReadEntryFormats(in);
    const uint64_t count = in.Uleb();
    for (uint64_t i = 0; i < count; ++i) {
      std::string_view path;
      for (const EntryFormat& format : formats) {
        std::string_view value = ReadEntryValue(in, sections, format.form, offset_size);
        if (format.content == DW_LNCT_path) path = value;
      }
      if (table == 1) names.push_back(path);
    }
  }
  return names;
}

}  // namespace kcrc
