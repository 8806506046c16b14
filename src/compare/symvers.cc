#include "kcrc/compare/symvers.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_map>

#include "kcrc/base/error.h"
#include "kcrc/compare/severity.h"
#include "text_file.h"

namespace kcrc {
namespace {

// Splits on tabs; returns the number of fields, filling at most fields.size().
size_t SplitTabs(std::string_view line, std::array<std::string_view, 5>& fields) {
  size_t count = 0;
  while (true) {
    const size_t end = line.find('\t');
    if (count < fields.size()) fields[count] = line.substr(0, end);
    ++count;
    if (end == std::string_view::npos) return count;
    line.remove_prefix(end + 1);
  }
}

uint32_t ParseCrc(std::string_view text, std::string_view path, uint32_t line) {
  const bool prefixed = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  const std::string_view digits = prefixed ? text.substr(2) : std::string_view();
  uint32_t crc = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), crc, 16);
  Check(prefixed && digits.size() <= 8 && error == std::errc() &&
            end == digits.data() + digits.size(),
        "{}:{}: invalid CRC '{}' (expected 0x and up to 8 hex digits)", path, line, text);
  return crc;
}

std::string_view Chomp(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

Symvers ParseSymvers(std::string_view text, std::string_view path) {
  Symvers result;
  result.path = std::string(path);
  result.exports.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  // Symbol -> line of its first export, to reject duplicates. The keys view
  // into `text`, which outlives the map.
  std::unordered_map<std::string_view, uint32_t> seen;
  seen.reserve(result.exports.capacity());
  detail::ForEachLine(text, [&](std::string_view raw, uint32_t line) {
    std::array<std::string_view, 5> fields;
    const size_t count = SplitTabs(Chomp(raw), fields);
    Check(count == 4 || count == 5,
          "{}:{}: expected 4 or 5 tab-separated fields "
          "(CRC, symbol, module, export type[, namespace]), got {}",
          path, line, count);
    const uint32_t crc = ParseCrc(fields[0], path, line);
    Check(!fields[1].empty(), "{}:{}: empty symbol name", path, line);
    Check(!fields[2].empty(), "{}:{}: empty module name for '{}'", path, line, fields[1]);
    Check(fields[3].starts_with("EXPORT_"), "{}:{}: invalid export type '{}' for '{}'", path, line,
          fields[3], fields[1]);
    const auto [it, inserted] = seen.emplace(fields[1], line);
    Check(inserted, "{}:{}: '{}' is exported twice (first at line {})", path, line, fields[1],
          it->second);
    result.exports.push_back({std::string(fields[1]), crc, std::string(fields[2]),
                              std::string(fields[3]),
                              count == 5 ? std::string(fields[4]) : std::string(), line});
  });
  return result;
}

Symvers ReadSymvers(const std::string& path) {
  return ParseSymvers(detail::ReadTextFile(path, "symvers file"), path);
}

SymversTotals SymversComparison::Totals() const {
  SymversTotals totals;
  totals.added = static_cast<uint32_t>(added.size());
  totals.removed = static_cast<uint32_t>(removed.size());
  totals.modified = static_cast<uint32_t>(modified.size());
  auto count = [&](const std::vector<SymversChange>& changes, uint32_t& by_rules) {
    for (const SymversChange& change : changes) {
      if (change.tolerance == Tolerance::kByRules) ++by_rules;
      if (change.tolerance == Tolerance::kNone) ++totals.not_tolerated;
    }
  };
  count(added, totals.added_by_rules);
  count(removed, totals.removed_by_rules);
  count(modified, totals.modified_by_rules);
  return totals;
}

SymversComparison CompareSymvers(const Symvers& reference, const Symvers& current,
                                 const SeverityRules* rules) {
  auto tolerated = [&](const SymversExport& e) {
    return rules != nullptr && rules->IsTolerated(e.symbol, e.module, e.name_space);
  };
  auto make_change = [](const SymversExport& e) {
    SymversChange change;
    change.symbol = e.symbol;
    change.module = e.module;
    change.name_space = e.name_space;
    return change;
  };

  std::unordered_map<std::string_view, const SymversExport*> current_by_name;
  current_by_name.reserve(current.exports.size());
  for (const SymversExport& e : current.exports) current_by_name.emplace(e.symbol, &e);

  SymversComparison result;
  for (const SymversExport& old_export : reference.exports) {
    const auto it = current_by_name.find(old_export.symbol);
    if (it == current_by_name.end()) {
      SymversChange change = make_change(old_export);
      change.old_crc = old_export.crc;
      change.tolerance = tolerated(old_export) ? Tolerance::kByRules : Tolerance::kNone;
      result.removed.push_back(std::move(change));
      continue;
    }
    const SymversExport& new_export = *it->second;
    // Erased so that what is left at the end are the additions.
    current_by_name.erase(it);
    if (new_export.crc == old_export.crc) continue;
    SymversChange change = make_change(old_export);
    change.old_crc = old_export.crc;
    change.new_crc = new_export.crc;
    change.tolerance = tolerated(old_export) ? Tolerance::kByRules : Tolerance::kNone;
    result.modified.push_back(std::move(change));
  }
  for (const auto& [name, new_export] : current_by_name) {
    SymversChange change = make_change(*new_export);
    change.new_crc = new_export->crc;
    change.tolerance = tolerated(*new_export) ? Tolerance::kByRules : Tolerance::kImplicit;
    result.added.push_back(std::move(change));
  }

  auto by_symbol = [](const SymversChange& a, const SymversChange& b) {
    return a.symbol < b.symbol;
  };
  std::sort(result.added.begin(), result.added.end(), by_symbol);
  std::sort(result.removed.begin(), result.removed.end(), by_symbol);
  std::sort(result.modified.begin(), result.modified.end(), by_symbol);
  return result;
}

}  // namespace kcrc
