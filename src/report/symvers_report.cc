#include "kcrc/report/symvers_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

namespace kcrc {
namespace {

std::string_view Suffix(Tolerance tolerance) {
  switch (tolerance) {
    case Tolerance::kNone:
      return "";
    case Tolerance::kByRules:
      return " (tolerated by rules)";
    case Tolerance::kImplicit:
      return " (implicitly tolerated)";
  }
  return "";
}

// pretty and short: the same lines, short drops those tolerated by rules and
// ends with the totals.
std::string RenderLines(const SymversComparison& comparison, bool skip_tolerated_by_rules) {
  std::string out;
  auto out_it = std::back_inserter(out);
  auto shown = [&](const SymversChange& change) {
    return !(skip_tolerated_by_rules && change.tolerance == Tolerance::kByRules);
  };
  for (const SymversChange& change : comparison.added)
    if (shown(change))
      fmt::format_to(out_it, "Export '{}' has been added{}\n", change.symbol,
                     Suffix(change.tolerance));
  for (const SymversChange& change : comparison.removed)
    if (shown(change))
      fmt::format_to(out_it, "Export '{}' has been removed{}\n", change.symbol,
                     Suffix(change.tolerance));
  for (const SymversChange& change : comparison.modified)
    if (shown(change))
      fmt::format_to(out_it, "Export '{}' changed CRC from '{:#010x}' to '{:#010x}'{}\n",
                     change.symbol, change.old_crc, change.new_crc, Suffix(change.tolerance));
  if (skip_tolerated_by_rules) {
    const SymversTotals totals = comparison.Totals();
    fmt::format_to(out_it,
                   "Changes tolerated by rules: '{}' additions, '{}' removals, '{}' "
                   "modifications\n",
                   totals.added_by_rules, totals.removed_by_rules, totals.modified_by_rules);
  }
  return out;
}

std::string RenderSymbols(const SymversComparison& comparison, bool modified_only) {
  std::vector<std::string_view> names;
  auto collect = [&](const std::vector<SymversChange>& changes) {
    for (const SymversChange& change : changes)
      if (change.tolerance == Tolerance::kNone) names.push_back(change.symbol);
  };
  collect(comparison.modified);
  if (!modified_only) {
    // Additions are always tolerated; removals join the modified names.
    collect(comparison.removed);
    std::sort(names.begin(), names.end());
  }
  std::string out;
  for (const std::string_view name : names) {
    out += name;
    out += '\n';
  }
  return out;
}

std::string Hex(uint32_t crc) { return fmt::format("{:#010x}", crc); }

std::string_view ToleranceName(Tolerance tolerance) {
  switch (tolerance) {
    case Tolerance::kNone:
      return "none";
    case Tolerance::kByRules:
      return "rules";
    case Tolerance::kImplicit:
      return "implicit";
  }
  return "none";
}

std::string RenderJson(const SymversComparison& comparison) {
  using nlohmann::json;
  auto entry = [](const SymversChange& change) {
    return json{{"symbol", change.symbol},
                {"module", change.module},
                {"namespace", change.name_space},
                {"tolerated", change.tolerance != Tolerance::kNone},
                {"tolerated_by", ToleranceName(change.tolerance)}};
  };
  json added = json::array();
  for (const SymversChange& change : comparison.added) {
    json item = entry(change);
    item["crc"] = Hex(change.new_crc);
    added.push_back(std::move(item));
  }
  json removed = json::array();
  for (const SymversChange& change : comparison.removed) {
    json item = entry(change);
    item["crc"] = Hex(change.old_crc);
    removed.push_back(std::move(item));
  }
  json changed = json::array();
  for (const SymversChange& change : comparison.modified) {
    json item = entry(change);
    item["old_crc"] = Hex(change.old_crc);
    item["new_crc"] = Hex(change.new_crc);
    changed.push_back(std::move(item));
  }
  const SymversTotals totals = comparison.Totals();
  json document = {
      {"added", std::move(added)},
      {"removed", std::move(removed)},
      {"changed", std::move(changed)},
      {"totals",
       {{"added", totals.added},
        {"removed", totals.removed},
        {"changed", totals.modified},
        {"added_tolerated_by_rules", totals.added_by_rules},
        {"removed_tolerated_by_rules", totals.removed_by_rules},
        {"changed_tolerated_by_rules", totals.modified_by_rules},
        {"not_tolerated", totals.not_tolerated}}},
  };
  return document.dump(2) + "\n";
}

}  // namespace

std::optional<SymversFormat> MaybeParseSymversFormat(std::string_view name) {
  for (const SymversFormatInfo& info : kSymversFormats)
    if (info.name == name) return info.format;
  return std::nullopt;
}

std::string RenderSymversReport(const SymversComparison& comparison, SymversFormat format) {
  switch (format) {
    case SymversFormat::kPretty:
      return RenderLines(comparison, /*skip_tolerated_by_rules=*/false);
    case SymversFormat::kShort:
      return RenderLines(comparison, /*skip_tolerated_by_rules=*/true);
    case SymversFormat::kSymbols:
      return RenderSymbols(comparison, /*modified_only=*/false);
    case SymversFormat::kModSymbols:
      return RenderSymbols(comparison, /*modified_only=*/true);
    case SymversFormat::kNull:
      return "";
    case SymversFormat::kJson:
      return RenderJson(comparison);
  }
  return "";
}

}  // namespace kcrc
