// Private helpers of src/compare/: reading a whole text file and walking its
// lines with their numbers.
#pragma once

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#include "kcrc/base/error.h"

namespace kcrc::detail {

// Reads the whole file; throws an Error naming it (and errno) if it cannot.
inline std::string ReadTextFile(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  Check(in.is_open(), "cannot open {} '{}': {}", what, path, std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  Check(!in.bad(), "cannot read {} '{}'", what, path);
  return std::move(buffer).str();
}

// Calls `visit(line, number)` for every line of `text` (1-based numbers, the
// '\n' removed; a final line without '\n' counts, an empty tail does not).
template <typename Visit>
void ForEachLine(std::string_view text, Visit&& visit) {
  uint32_t number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    visit(line, ++number);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

}  // namespace kcrc::detail
