#include "kcrc/report/short.h"

#include <fmt/format.h>

#include <algorithm>

namespace kcrc {

std::string ShortReport(const Comparison& c) {
  std::string out;
  for (const ChangedExport& e : c.changed) {
    std::string causes;
    for (const std::string& k : e.causes) causes += (causes.empty() ? "" : ",") + k;
    fmt::format_to(std::back_inserter(out), "changed {} 0x{:08x} 0x{:08x} {}\n", e.symbol,
                   e.old_crc, e.new_crc, causes);
  }
  for (const ExportCrc& e : c.added)
    fmt::format_to(std::back_inserter(out), "added {} 0x{:08x}\n", e.symbol, e.crc);
  for (const ExportCrc& e : c.removed)
    fmt::format_to(std::back_inserter(out), "removed {} 0x{:08x}\n", e.symbol, e.crc);
  return out;
}

std::string SymbolListReport(const Comparison& c) {
  std::vector<std::string_view> names;
  for (const ChangedExport& e : c.changed) names.push_back(e.symbol);
  for (const ExportCrc& e : c.added) names.push_back(e.symbol);
  for (const ExportCrc& e : c.removed) names.push_back(e.symbol);
  std::sort(names.begin(), names.end());
  std::string out;
  for (std::string_view name : names) {
    out += name;
    out += '\n';
  }
  return out;
}

}  // namespace kcrc
