#include "kcrc/report/symvers_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <utility>
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

// Writes the lines of several formats into one stream, in ksymvers' order.
class Interleaver {
 public:
  Interleaver(std::span<const SymversFormat> formats, std::string& out)
      : formats_(formats), out_(out) {}

  // A change line: in pretty always, in short unless tolerated by rules.
  void ChangeLine(std::string_view line, Tolerance tolerance) {
    for (const SymversFormat format : formats_)
      if (format == SymversFormat::kPretty ||
          (format == SymversFormat::kShort && tolerance != Tolerance::kByRules))
        out_ += line;
  }
  void ShortTotals(const SymversTotals& totals) {
    for (const SymversFormat format : formats_)
      if (format == SymversFormat::kShort)
        fmt::format_to(std::back_inserter(out_),
                       "Changes tolerated by rules: '{}' additions, '{}' removals, '{}' "
                       "modifications\n",
                       totals.added_by_rules, totals.removed_by_rules, totals.modified_by_rules);
  }
  // A symbol whose change is not tolerated; `modified` false for removals.
  void SymbolLine(std::string_view symbol, bool modified) {
    for (const SymversFormat format : formats_)
      if (format == SymversFormat::kSymbols || (format == SymversFormat::kModSymbols && modified)) {
        out_ += symbol;
        out_ += '\n';
      }
  }

 private:
  std::span<const SymversFormat> formats_;
  std::string& out_;
};

void RenderText(const SymversComparison& comparison, std::span<const SymversFormat> formats,
                std::string& out) {
  Interleaver writer(formats, out);
  for (const SymversChange& change : comparison.added)
    writer.ChangeLine(
        fmt::format("Export '{}' has been added{}\n", change.symbol, Suffix(change.tolerance)),
        change.tolerance);
  for (const SymversChange& change : comparison.removed)
    writer.ChangeLine(
        fmt::format("Export '{}' has been removed{}\n", change.symbol, Suffix(change.tolerance)),
        change.tolerance);
  for (const SymversChange& change : comparison.modified) {
    if (change.crc_changed)
      writer.ChangeLine(
          fmt::format("Export '{}' changed CRC from '{:#010x}' to '{:#010x}'{}\n", change.symbol,
                      change.old_crc, change.new_crc, Suffix(change.crc_tolerance)),
          change.crc_tolerance);
    if (change.type_changed)
      writer.ChangeLine(
          fmt::format("Export '{}' changed type from '{}' to '{}'{}\n", change.symbol,
                      ExportTypeName(change.old_gpl_only), ExportTypeName(change.new_gpl_only),
                      Suffix(change.type_tolerance)),
          change.type_tolerance);
  }
  writer.ShortTotals(comparison.Totals());

  std::vector<std::pair<std::string_view, bool>> failing;
  for (const SymversChange& change : comparison.removed)
    if (change.tolerance == Tolerance::kNone) failing.emplace_back(change.symbol, false);
  for (const SymversChange& change : comparison.modified)
    if (change.tolerance == Tolerance::kNone) failing.emplace_back(change.symbol, true);
  std::sort(failing.begin(), failing.end());
  for (const auto& [symbol, modified] : failing) writer.SymbolLine(symbol, modified);
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

nlohmann::json RuleJson(const SeverityRule* rule, const SeverityRules* rules) {
  if (rule == nullptr) return nullptr;
  return {{"file", rules != nullptr ? rules->path() : std::string()},
          {"line", rule->line},
          {"pattern", rule->pattern.pattern()},
          {"type", RuleTypeName(rule->type)},
          {"verdict", VerdictName(rule->verdict)}};
}

std::string RenderJson(const SymversComparison& comparison, const SeverityRules* rules) {
  using nlohmann::json;
  auto entry = [&](const SymversChange& change) {
    return json{{"symbol", change.symbol},
                {"module", change.module},
                {"namespace", change.name_space},
                {"tolerated", change.tolerance != Tolerance::kNone},
                {"tolerated_by", ToleranceName(change.tolerance)},
                {"rule", RuleJson(change.rule, rules)}};
  };
  json added = json::array();
  for (const SymversChange& change : comparison.added) {
    json item = entry(change);
    item["crc"] = Hex(change.new_crc);
    item["type"] = ExportTypeName(change.new_gpl_only);
    added.push_back(std::move(item));
  }
  json removed = json::array();
  for (const SymversChange& change : comparison.removed) {
    json item = entry(change);
    item["crc"] = Hex(change.old_crc);
    item["type"] = ExportTypeName(change.old_gpl_only);
    removed.push_back(std::move(item));
  }
  json changed = json::array();
  for (const SymversChange& change : comparison.modified) {
    json item = entry(change);
    item["old_crc"] = Hex(change.old_crc);
    item["new_crc"] = Hex(change.new_crc);
    item["old_type"] = ExportTypeName(change.old_gpl_only);
    item["new_type"] = ExportTypeName(change.new_gpl_only);
    item["crc_changed"] = change.crc_changed;
    item["type_changed"] = change.type_changed;
    changed.push_back(std::move(item));
  }
  json moved = json::array();
  for (const SymversMove& move : comparison.moved) {
    moved.push_back({{"symbol", move.symbol},
                     {"old_module", move.old_module},
                     {"new_module", move.new_module},
                     {"old_namespace", move.old_namespace},
                     {"new_namespace", move.new_namespace},
                     {"module_changed", move.module_changed()},
                     {"namespace_changed", move.namespace_changed()},
                     {"fails", move.fails},
                     {"rule", RuleJson(move.rule, rules)}});
  }
  const SymversTotals totals = comparison.Totals();
  json document = {
      {"added", std::move(added)},
      {"removed", std::move(removed)},
      {"changed", std::move(changed)},
      {"moved", std::move(moved)},
      {"totals",
       {{"added", totals.added},
        {"removed", totals.removed},
        {"changed", totals.modified},
        {"moved", totals.moved},
        {"added_tolerated_by_rules", totals.added_by_rules},
        {"removed_tolerated_by_rules", totals.removed_by_rules},
        {"changed_tolerated_by_rules", totals.modified_by_rules},
        {"not_tolerated", totals.not_tolerated},
        {"moved_failing", totals.moved_failing}}},
  };
  return document.dump(2) + "\n";
}

}  // namespace

std::optional<SymversFormat> MaybeParseSymversFormat(std::string_view name) {
  for (const SymversFormatInfo& info : kSymversFormats)
    if (info.name == name) return info.format;
  return std::nullopt;
}

std::string RenderSymversReports(const SymversComparison& comparison,
                                 std::span<const SymversFormat> formats,
                                 const SeverityRules* rules) {
  std::string out;
  RenderText(comparison, formats, out);
  for (const SymversFormat format : formats)
    if (format == SymversFormat::kJson) out += RenderJson(comparison, rules);
  return out;
}

std::string RenderUnusedRules(const SeverityRules& rules, const std::vector<bool>& used) {
  std::string out;
  const std::vector<SeverityRule>& all = rules.rules();
  for (size_t i = 0; i < all.size(); ++i)
    if (!used[i])
      fmt::format_to(std::back_inserter(out),
                     "{}:{}: WARNING: Severity rule '{} {} {}' is unused\n", rules.path(),
                     all[i].line, RuleTypeName(all[i].type), all[i].pattern.pattern(),
                     VerdictName(all[i].verdict));
  return out;
}

}  // namespace kcrc
