#include "kcrc/symvers/module_symvers.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/scan/decompress.h"
#include "kcrc/symvers/text_lines.h"

namespace kcrc {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "0x" or "0X", then what Rust's u32::from_str_radix(_, 16) accepts: an
// optional '+' and at least one hex digit, any number of them as long as the
// value fits in 32 bits.
uint32_t ParseCrc(std::string_view word, const Location& where) {
  if (!word.starts_with("0x") && !word.starts_with("0X"))
    Fail(where, "invalid CRC '{}' (expected 0x and a hexadecimal number)", word);
  std::string_view digits = word.substr(2);
  if (digits.starts_with('+')) digits.remove_prefix(1);
  if (digits.empty()) Fail(where, "invalid CRC '{}' (no hexadecimal digits)", word);
  uint64_t value = 0;
  for (const char c : digits) {
    const int digit = HexDigit(c);
    if (digit < 0) Fail(where, "invalid CRC '{}' (not a hexadecimal number)", word);
    value = value * 16 + static_cast<uint64_t>(digit);
    if (value > UINT32_MAX) Fail(where, "invalid CRC '{}' (more than 32 bits)", word);
  }
  return static_cast<uint32_t>(value);
}

}  // namespace

Symvers ParseSymvers(std::string_view text, std::string_view path) {
  Symvers result;
  result.path = std::string(path);
  CheckUtf8(text, result.path);
  result.exports.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  // Symbol -> line of its export, to refuse duplicates. The keys view into
  // `text`, which outlives the map.
  std::unordered_map<std::string_view, uint32_t> seen;
  seen.reserve(result.exports.capacity());
  ForEachTextLine(text, [&](std::string_view line, uint32_t number) {
    const Location where{result.path, number, {}};
    std::array<std::string_view, 5> fields;
    const size_t count = SplitWords(line, fields);
    if (count < 4 || count > 5)
      Fail(where,
           "expected 4 or 5 fields (CRC, symbol, module, export type[, namespace]) separated by "
           "white space, got {}",
           count);
    const uint32_t crc = ParseCrc(fields[0], where);
    bool gpl_only = false;
    if (fields[3] == "EXPORT_SYMBOL_GPL") {
      gpl_only = true;
    } else if (fields[3] != "EXPORT_SYMBOL") {
      Fail(where, "invalid export type '{}' for '{}' (expected EXPORT_SYMBOL or EXPORT_SYMBOL_GPL)",
           fields[3], fields[1]);
    }
    const auto [it, inserted] = seen.emplace(fields[1], number);
    if (!inserted) Fail(where, "'{}' is exported twice (first at line {})", fields[1], it->second);
    result.exports.push_back({std::string(fields[1]), crc, std::string(fields[2]), gpl_only,
                              count == 5 ? std::string(fields[4]) : std::string(), number});
  });
  return result;
}

Symvers ReadSymvers(const std::string& path) {
  std::string bytes = ReadFile(path);
  if (bytes.starts_with("\xfd"
                        "7zXZ")) {
    bytes = Decompress(path, Compression::kXz);
  } else if (bytes.starts_with("\x28\xb5\x2f\xfd")) {
    bytes = Decompress(path, Compression::kZstd);
  }
  return ParseSymvers(bytes, path);
}

}  // namespace kcrc
