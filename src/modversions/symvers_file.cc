#include "kcrc/modversions/symvers_file.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

}  // namespace

bool IsSymversLine(std::string_view line) {
  return line.starts_with("0x") && line.find('\t') != std::string_view::npos;
}

std::vector<SymversEntry> ParseSymvers(std::string_view text, std::string_view path) {
  std::vector<SymversEntry> entries;
  size_t line_number = 0;
  while (!text.empty()) {
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<std::string_view> fields = SplitTabs(line);
    Check(fields.size() == 4 || fields.size() == 5,
          "{}:{}: expected 4 or 5 TAB-separated fields (crc, name, module, export type, "
          "namespace), found {}",
          path, line_number, fields.size());
    std::string_view crc_text = fields[0];
    Check(crc_text.starts_with("0x") || crc_text.starts_with("0X"),
          "{}:{}: CRC '{}' does not start with 0x", path, line_number, crc_text);
    crc_text.remove_prefix(2);
    SymversEntry entry;
    auto [end, error] =
        std::from_chars(crc_text.data(), crc_text.data() + crc_text.size(), entry.crc, 16);
    Check(error == std::errc() && end == crc_text.data() + crc_text.size() && !crc_text.empty(),
          "{}:{}: invalid CRC '{}'", path, line_number, fields[0]);
    Check(!fields[1].empty(), "{}:{}: empty symbol name", path, line_number);
    entry.name = fields[1];
    entry.module = fields[2];
    entry.export_type = fields[3];
    if (fields.size() == 5) entry.name_space = fields[4];
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<SymversEntry> ReadSymversFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Check(in.good(), "{}: cannot open file", path);
  std::ostringstream text;
  text << in.rdbuf();
  Check(!in.bad(), "{}: read error", path);
  return ParseSymvers(text.str(), path);
}

}  // namespace kcrc
