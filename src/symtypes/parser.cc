#include "kcrc/symtypes/parser.h"

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

// Calls visit(line, number) for each line of `text`. A final line without a
// newline counts; the empty string after a final newline does not.
template <typename Visit>
void ForEachLine(std::string_view text, Visit&& visit) {
  uint32_t number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    visit(text.substr(start, end - start), ++number);
    start = end + 1;
  }
}

Record ParseRecordLine(std::string_view line, uint32_t number, std::string_view path) {
  try {
    const RawLine raw = SplitLine(line);
    return Record{std::string(raw.key), TokenizeValue(raw.value), number};
  } catch (const Error& e) {
    Fail("{}:{}: {}", path, number, e.what());
  }
}

}  // namespace

TokenList TokenizeValue(std::string_view value) {
  TokenList tokens;
  size_t literal_start = 0;
  size_t i = 0;
  auto flush_literal = [&](size_t end) {
    if (end > literal_start)
      tokens.push_back(Token{std::string(value.substr(literal_start, end - literal_start)), false});
  };
  while (i < value.size()) {
    if ((i == 0 || value[i - 1] == ' ') && IsTypeRefPrefix(value.substr(i))) {
      size_t end;
      if (i + 2 < value.size() && value[i + 2] == '\'') {
        end = value.find('\'', i + 3);
        Check(end != std::string_view::npos, "unterminated quoted type reference '{}'",
              value.substr(i));
        ++end;
      } else {
        end = value.find(' ', i);
        if (end == std::string_view::npos) end = value.size();
      }
      flush_literal(i);
      tokens.push_back(Token{std::string(value.substr(i, end - i)), true});
      i = end;
      literal_start = end;
      continue;
    }
    const size_t space = value.find(' ', i);
    if (space == std::string_view::npos) break;
    i = space + 1;
  }
  flush_literal(value.size());
  return tokens;
}

RawLine SplitLine(std::string_view line) {
  Check(!line.empty(), "empty line");
  size_t key_end;
  if (IsTypeRefPrefix(line) && line.size() > 2 && line[2] == '\'') {
    key_end = line.find('\'', 3);
    Check(key_end != std::string_view::npos, "unterminated quoted key");
    ++key_end;
  } else {
    key_end = line.find(' ');
    if (key_end == std::string_view::npos) key_end = line.size();
  }
  Check(key_end > 0, "record without a key");
  Check(key_end < line.size() && line[key_end] == ' ', "expected '<key> <value>', got '{}'", line);
  return RawLine{line.substr(0, key_end), line.substr(key_end + 1)};
}

std::vector<Record> ParseSymtypes(std::string_view text, std::string_view path) {
  std::vector<Record> records;
  ForEachLine(text, [&](std::string_view line, uint32_t number) {
    records.push_back(ParseRecordLine(line, number, path));
  });
  return records;
}

std::string_view MaybeSectionHeader(std::string_view line) {
  if (line.size() < 6 || !line.starts_with("/* ") || !line.ends_with(" */")) return {};
  return line.substr(3, line.size() - 6);
}

bool IsConsolidated(std::string_view text) {
  const size_t end = text.find('\n');
  return !MaybeSectionHeader(text.substr(0, end)).empty();
}

std::vector<SymtypesFile> ParseConsolidated(std::string_view text, std::string_view path) {
  std::vector<SymtypesFile> sections;
  ForEachLine(text, [&](std::string_view line, uint32_t number) {
    const std::string_view header = MaybeSectionHeader(line);
    if (!header.empty()) {
      sections.push_back(SymtypesFile{std::string(header), {}});
      return;
    }
    if (sections.empty()) Fail("{}:{}: record before the first '/* path */' header", path, number);
    sections.back().records.push_back(ParseRecordLine(line, number, path));
  });
  return sections;
}

}  // namespace kcrc
