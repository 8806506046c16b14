#include "kcrc/report/text.h"

#include <fmt/format.h>

#include "kcrc/report/change_text.h"
#include "kcrc/shape/c_type.h"

namespace kcrc {
namespace {

std::string Plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
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
  for (const Cause& cause : c.causes) {
    fmt::format_to(std::back_inserter(out), "\n{} changed because of {}:\n",
                   Plural(cause.exports.size(), "export"), CauseTitle(cause.key));
    for (const Change& change : cause.changes)
      fmt::format_to(std::back_inserter(out), "  {}\n", DescribeChange(change));
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
  if (!c.changed.empty()) {
    out += "\nChanged exports:\n";
    for (const ChangedExport& e : c.changed) {
      std::string causes;
      for (const std::string& k : e.causes) causes += (causes.empty() ? "" : ", ") + k;
      fmt::format_to(std::back_inserter(out), "  {} 0x{:08x} -> 0x{:08x} ({})\n", e.symbol,
                     e.old_crc, e.new_crc, causes);
    }
  }
  if (!c.added.empty()) {
    out += "\nAdded exports:\n";
    for (const ExportCrc& e : c.added)
      fmt::format_to(std::back_inserter(out), "  {} 0x{:08x}\n", e.symbol, e.crc);
  }
  if (!c.removed.empty()) {
    out += "\nRemoved exports:\n";
    for (const ExportCrc& e : c.removed)
      fmt::format_to(std::back_inserter(out), "  {} 0x{:08x}\n", e.symbol, e.crc);
  }
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

}  // namespace kcrc
