#include "kcrc/symvers/symbol_filter.h"

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/symvers/text_lines.h"

namespace kcrc {

SymbolFilter SymbolFilter::Parse(std::string_view text, const std::string& path) {
  SymbolFilter filter;
  filter.path_ = path;
  CheckUtf8(text, path);
  ForEachTextLine(text, [&](std::string_view line, uint32_t number) {
    if (line.empty())
      Fail(Location{path, number, {}}, "empty line (expected a symbol or a pattern)");
    Wildcard pattern{std::string(line)};
    if (pattern.IsLiteral()) {
      filter.literals_.insert(pattern.pattern());
    } else {
      filter.wildcards_.push_back({std::move(pattern), number});
    }
  });
  return filter;
}

SymbolFilter SymbolFilter::Read(const std::string& path) { return Parse(ReadFile(path), path); }

bool SymbolFilter::Matches(std::string_view symbol) const {
  if (literals_.contains(std::string(symbol))) return true;
  for (const Entry& entry : wildcards_) {
    try {
      if (entry.wildcard.Matches(symbol)) return true;
    } catch (Error& e) {
      e.SetFileIfUnset(path_);
      e.SetLineIfUnset(entry.line);
      throw;
    }
  }
  return false;
}

}  // namespace kcrc
