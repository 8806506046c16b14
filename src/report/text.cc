#include "kcrc/report/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "kcrc/report/change_text.h"
#include "kcrc/shape/c_type.h"

namespace kcrc {
namespace {

std::string Plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// Beyond these, lists are summarised by module (the full lists are in the
// JSON and short reports): a cause's exports, the changed, added and
// removed exports, a cause's changes.
constexpr size_t kListedExports = 40;
constexpr size_t kListedModules = 20;
constexpr size_t kListedChanges = 30;

// The module of an export: its symtypes file without the suffix.
std::string_view ModuleOf(std::string_view file) {
  if (file.ends_with(".symtypes")) file.remove_suffix(std::string_view(".symtypes").size());
  return file.empty() ? std::string_view("(one file)") : file;
}

// "    drivers/net/foo: 12" for the modules with most exports, then the rest.
void ByModule(std::string& out, const std::vector<std::string_view>& files) {
  std::map<std::string_view, size_t> counts;
  for (std::string_view file : files) ++counts[ModuleOf(file)];
  std::vector<std::pair<std::string_view, size_t>> modules(counts.begin(), counts.end());
  std::stable_sort(modules.begin(), modules.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  size_t rest = 0;
  for (size_t i = 0; i < modules.size(); ++i) {
    if (i < kListedModules)
      fmt::format_to(std::back_inserter(out), "    {}: {}\n", modules[i].first, modules[i].second);
    else
      rest += modules[i].second;
  }
  if (modules.size() > kListedModules)
    fmt::format_to(
        std::back_inserter(out), "    and {} more {}: {}\n", modules.size() - kListedModules,
        modules.size() - kListedModules == 1 ? "module" : "modules", Plural(rest, "export"));
}

}  // namespace

std::string TextReport(const Comparison& c) {
  std::string out;
  if (!c.HasChanges()) {
    fmt::format_to(std::back_inserter(out), "No changes ({} unchanged).\n",
                   Plural(c.unchanged, "export"));
    return out;
  }
  fmt::format_to(std::back_inserter(out), "{} changed, {} added, {} removed, {} unchanged.\n",
                 Plural(c.changed.size(), "export"), c.added.size(), c.removed.size(), c.unchanged);
  std::unordered_map<std::string_view, std::string_view> file_of;
  for (const ChangedExport& e : c.changed) file_of.emplace(e.symbol, e.file);
  for (const Cause& cause : c.causes) {
    fmt::format_to(std::back_inserter(out), "\n{} changed because of {}:\n",
                   Plural(cause.exports.size(), "export"), CauseTitle(cause.key));
    for (size_t i = 0; i < cause.changes.size() && i < kListedChanges; ++i)
      fmt::format_to(std::back_inserter(out), "  {}\n", DescribeChange(cause.changes[i]));
    if (cause.changes.size() > kListedChanges)
      fmt::format_to(std::back_inserter(out), "  and {} more {} (all of them: --format=json)\n",
                     cause.changes.size() - kListedChanges,
                     cause.changes.size() - kListedChanges == 1 ? "change" : "changes");
    if (cause.exports.size() > kListedExports) {
      std::vector<std::string_view> files;
      for (const std::string& e : cause.exports) files.push_back(file_of.at(e));
      fmt::format_to(std::back_inserter(out),
                     "  exports: {}, by module (all of them: --format=json):\n",
                     Plural(cause.exports.size(), "export"));
      ByModule(out, files);
      continue;
    }
    std::string line = "  exports:";
    for (const std::string& e : cause.exports) {
      if (line.size() + e.size() + 1 > 78) {
        out += line + "\n";
        line = "   ";
      }
      line += " " + e;
    }
    out += line + "\n";
  }
  if (c.changed.size() > kListedExports) {
    fmt::format_to(std::back_inserter(out),
                   "\nChanged exports: {}, by module (each with its CRCs: --format=short):\n",
                   c.changed.size());
    std::vector<std::string_view> files;
    for (const ChangedExport& e : c.changed) files.push_back(e.file);
    ByModule(out, files);
  } else if (!c.changed.empty()) {
    out += "\nChanged exports:\n";
    for (const ChangedExport& e : c.changed) {
      std::string causes;
      for (const std::string& k : e.causes) causes += (causes.empty() ? "" : ", ") + k;
      fmt::format_to(std::back_inserter(out), "  {} 0x{:08x} -> 0x{:08x} ({})\n", e.symbol,
                     e.old_crc, e.new_crc, causes);
    }
  }
  auto one_sided = [&](std::string_view title, const std::vector<ExportCrc>& list) {
    if (list.empty()) return;
    if (list.size() > kListedExports) {
      fmt::format_to(std::back_inserter(out),
                     "\n{} exports: {}, by module (each with its CRC: --format=short):\n", title,
                     list.size());
      std::vector<std::string_view> files;
      for (const ExportCrc& e : list) files.push_back(e.file);
      ByModule(out, files);
      return;
    }
    fmt::format_to(std::back_inserter(out), "\n{} exports:\n", title);
    for (const ExportCrc& e : list)
      fmt::format_to(std::back_inserter(out), "  {} 0x{:08x}\n", e.symbol, e.crc);
  };
  one_sided("Added", c.added);
  one_sided("Removed", c.removed);
  return out;
}

std::string TextExplanation(const Explanation& x, bool fixits) {
  std::string out;
  if (!x.in_ref && !x.in_new) return fmt::format("{}: not exported on either side\n", x.symbol);
  if (!x.in_ref) return fmt::format("{}: added, CRC 0x{:08x}\n", x.symbol, x.new_crc);
  if (!x.in_new) return fmt::format("{}: removed, CRC was 0x{:08x}\n", x.symbol, x.old_crc);
  if (!x.changed()) {
    out = fmt::format("{}: unchanged, CRC 0x{:08x}\n", x.symbol, x.old_crc);
    for (const std::string& note : x.notes) out += "  note: " + note + "\n";
    return out;
  }
  fmt::format_to(std::back_inserter(out), "{}: CRC changed from 0x{:08x} to 0x{:08x}\n", x.symbol,
                 x.old_crc, x.new_crc);
  for (const std::string& note : x.notes) out += "  note: " + note + "\n";
  for (const ExplainedCause& cause : x.causes) {
    out += "\n" + FormatPath(cause.path) + ":\n";
    for (const Change& change : cause.changes) out += "  " + DescribeChange(change) + "\n";
    for (const std::string& key : cause.follows_from)
      out += fmt::format("  (follows from {})\n", CKeyName(key));
    if (!fixits) continue;
    for (const std::string& note : cause.notes) out += "  note: " + note + "\n";
    if (cause.fixits.empty()) out += "  fixit: no kABI macro hides this change\n";
    for (const Fixit& fixit : cause.fixits) {
      out += "  fixit: " + fixit.macro + "\n";
      out += "    where: " + fixit.place + "\n";
      if (!fixit.warning.empty())
        out +=
            fmt::format("    {}{}\n", fixit.safe ? "safe: " : "warning: not safe: ", fixit.warning);
    }
  }
  return out;
}

std::string TextReach(const Reach& reach) {
  size_t by_value = 0;
  for (const ReachingExport& e : reach.exports) by_value += e.by_value;
  if (reach.exports.empty()) return fmt::format("No export reaches {}.\n", CauseTitle(reach.key));
  std::string out =
      fmt::format("{} {} {}, {} by value:\n", Plural(reach.exports.size(), "export"),
                  reach.exports.size() == 1 ? "reaches" : "reach", CauseTitle(reach.key), by_value);
  for (const ReachingExport& e : reach.exports)
    fmt::format_to(std::back_inserter(out), "  {}{}: {}\n", e.symbol,
                   e.by_value ? " (by value)" : "", FormatPath(e.path));
  return out;
}

}  // namespace kcrc
