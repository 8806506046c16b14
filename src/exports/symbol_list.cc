#include "kcrc/exports/symbol_list.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {
// The characters scanf's %s treats as white space (isspace in the C locale).
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
}  // namespace

std::vector<std::string> ParseSymbolList(std::string_view text, std::string_view source) {
  std::vector<std::string> names;
  std::unordered_set<std::string_view> seen;
  size_t pos = 0;
  size_t line_number = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    const size_t next = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(pos, next - pos);  // with its newline
    ++line_number;
    pos = next;
    // Like the C library, a line is read as a C string: a NUL ends it.
    std::string_view c_line = line.substr(0, std::min(line.size(), line.find('\0')));
    size_t start = 0;
    while (start < c_line.size() && IsSpace(c_line[start])) ++start;
    size_t stop = start;
    while (stop < c_line.size() && !IsSpace(c_line[stop])) ++stop;
    if (stop == start)
      Fail(Location{std::string(source), static_cast<uint32_t>(line_number)},
           "symbol_read_exports: malformed input line '{}'",
           line.substr(0, line.size() - line.ends_with('\n')));
    std::string_view name = c_line.substr(start, stop - start);
    if (seen.insert(name).second) names.emplace_back(name);
  }
  return names;
}

std::vector<std::string> ReadSymbolList(FILE* file, std::string_view source) {
  std::string text;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file)) > 0) text.append(buffer, n);
  Check(!std::ferror(file), "cannot read {}", source);
  return ParseSymbolList(text, source);
}

uint32_t ReferenceNameHash(std::string_view name) {
  uint32_t hash = 2166136261u;
  for (char c : name) {
    hash ^= static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(c)));
    hash *= 16777619u;
  }
  return hash;
}

std::vector<uint32_t> ReferenceHashOrder(const std::vector<std::string>& names) {
  constexpr uint32_t kBuckets = 4096;
  std::vector<uint32_t> order(names.size());
  std::vector<uint32_t> bucket(names.size());
  for (uint32_t i = 0; i < names.size(); ++i) {
    order[i] = i;
    bucket[i] = ReferenceNameHash(names[i]) % kBuckets;
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (bucket[a] != bucket[b]) return bucket[a] < bucket[b];
    return a > b;  // later insertions first (list head insertion)
  });
  return order;
}

}  // namespace kcrc
