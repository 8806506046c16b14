// Module.symvers as modpost writes it, one export a line:
//
//   0x%08x <TAB> name <TAB> module <TAB> export type <TAB> namespace
//
// (older trees omit the namespace column). Only what `kcrc modversions` needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

struct SymversEntry {
  uint32_t crc = 0;
  std::string name;
  std::string module;
  std::string export_type;
  std::string name_space;
};

// `path` names the source in errors ("path:line: ...").
std::vector<SymversEntry> ParseSymvers(std::string_view text, std::string_view path);
std::vector<SymversEntry> ReadSymversFile(const std::string& path);

// True when `line` looks like a symvers line (starts with 0x and has a TAB).
bool IsSymversLine(std::string_view line);

}  // namespace kcrc
