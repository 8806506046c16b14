// A symbol filter (`--filter-symbol-list=FILE`): which exports a comparison
// considers. The file has one pattern a line, taken verbatim (white space is
// part of the name); a line with '*', '?', '[' or '\' is a wildcard
// (wildcard.h), any other a literal name. An empty line is an Error at
// FILE:LINE, as in suse-kabi-tools, whose filter files these are.
//
// GUARANTEES: Matches() tries the literal names first, then the wildcards in
// file order, and stops at the first match, as suse-kabi-tools does (so a
// malformed wildcard fails on the same names).
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "kcrc/symvers/wildcard.h"

namespace kcrc {

class SymbolFilter {
 public:
  // Parses the text of a filter file; `path` names it in errors.
  static SymbolFilter Parse(std::string_view text, const std::string& path);
  static SymbolFilter Read(const std::string& path);

  bool Matches(std::string_view symbol) const;

 private:
  std::string path_;
  std::unordered_set<std::string> literals_;
  struct Entry {
    Wildcard wildcard;
    uint32_t line;
  };
  std::vector<Entry> wildcards_;
};

}  // namespace kcrc
