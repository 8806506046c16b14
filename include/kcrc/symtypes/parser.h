// The symtypes parser: the text side of the shared record model.
//
// A plain symtypes file (what `gen -T` writes) holds one record a line:
// `<key> <value>`. The key is a type reference (`s#foo`, `s#'a b'`) or a bare
// symbol name. The value is tokenized into the same TokenList the DWARF
// renderer produces:
//
//   "member pointer_type { s#node } byte_size(8) next"
//    `----- literal -----'`-ref--'`----- literal ----'
//
// A reference is a word starting with s#, u#, e# or t# at the start of the
// value or right after a space; `x#'...'` runs to the closing quote, otherwise
// the reference runs to the next space. Everything else is literal text, so
// JoinTokens(TokenizeValue(v)) == v for every value v.
//
// A consolidated file holds several plain files: each section starts with a
// `/* relative/path.symtypes */` line (see consolidate.h).
//
// Errors name the file and the line (`path:line: ...`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/symtypes/record.h"

namespace kcrc {

struct Record {
  std::string key;
  TokenList tokens;
  uint32_t line = 0;  // 1-based line in the file it was read from; 0 if made

  bool operator==(const Record& other) const { return key == other.key && tokens == other.tokens; }
};

// True for the key of a symbol (export) record, false for a type record.
inline bool IsSymbolKey(std::string_view key) { return !IsTypeRefPrefix(key); }

// Splits a record value into literal and reference tokens (see above). Throws
// an Error (without location) for an unterminated quoted reference.
TokenList TokenizeValue(std::string_view value);

// Calls `visit(ref)` for each reference in `value`, in order, without building
// tokens. Same rules as TokenizeValue.
template <typename Visit>
void ForEachRef(std::string_view value, Visit&& visit);

// A line split into key and value, before tokenizing.
struct RawLine {
  std::string_view key;
  std::string_view value;
};

// Splits one line (without its newline). Throws an Error (without location)
// when the line has no key or no space after the key.
RawLine SplitLine(std::string_view line);

// Parses a plain symtypes file: records in file order. `path` is used in
// error messages only.
std::vector<Record> ParseSymtypes(std::string_view text, std::string_view path);

// One symtypes file of a tree: its path relative to the tree's root and its
// records. Also one section of a consolidated file.
struct SymtypesFile {
  std::string path;
  std::vector<Record> records;

  bool operator==(const SymtypesFile&) const = default;
};

// True when the text is a consolidated file (its first line is a section
// header).
bool IsConsolidated(std::string_view text);

// Parses a consolidated file. Records before the first header are an error.
std::vector<SymtypesFile> ParseConsolidated(std::string_view text, std::string_view path);

// If `line` is a section header `/* path */`, returns the path; else empty.
std::string_view MaybeSectionHeader(std::string_view line);

// ---------------------------------------------------------------------------

template <typename Visit>
void ForEachRef(std::string_view value, Visit&& visit) {
  size_t i = 0;
  while (i < value.size()) {
    if ((i == 0 || value[i - 1] == ' ') && IsTypeRefPrefix(value.substr(i))) {
      size_t end;
      if (i + 2 < value.size() && value[i + 2] == '\'') {
        end = value.find('\'', i + 3);
        end = end == std::string_view::npos ? value.size() : end + 1;
      } else {
        end = value.find(' ', i);
        if (end == std::string_view::npos) end = value.size();
      }
      visit(value.substr(i, end - i));
      i = end;
      continue;
    }
    const size_t space = value.find(' ', i);
    if (space == std::string_view::npos) break;
    i = space + 1;
  }
}

}  // namespace kcrc
