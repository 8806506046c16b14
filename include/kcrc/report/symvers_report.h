// Reporters of symvers comparisons. The text formats reproduce suse-kabi-tools'
// `ksymvers compare --format=...` byte for byte (golden tests in
// fixtures/symvers-peer and over SUSE's data in ../shared/peer-data):
//
//   pretty       every change, one line each: additions, removals, then the
//                modified exports (a CRC line, then an export-type line), each
//                group sorted by symbol:
//                  Export 'foo' has been added (implicitly tolerated)
//                  Export 'bar' has been removed (tolerated by rules)
//                  Export 'baz' changed CRC from '0x12345678' to '0x9abcdef0'
//                  Export 'baz' changed type from 'EXPORT_SYMBOL' to 'EXPORT_SYMBOL_GPL'
//   short        the same without the lines tolerated by rules, then the totals:
//                  Changes tolerated by rules: '1' additions, '1' removals, '0' modifications
//   symbols      names of the removed and modified exports that are not
//                tolerated, sorted, one a line (the input of a kABI fix-up)
//   mod-symbols  only the modified ones among them
//   null         nothing (only the exit status matters)
//   json         kcrc's own: {"added", "removed", "changed", "moved", "totals"},
//                with the rule that decided each change
//
// Several formats written to one stream (ksymvers' stdout) are interleaved as
// ksymvers interleaves them: each change's line for every format in turn, then
// the totals of each short format, then each symbol name for every format.
// JSON documents follow, in order.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/compare/severity.h"
#include "kcrc/compare/symvers.h"

namespace kcrc {

enum class SymversFormat : uint8_t { kPretty, kShort, kSymbols, kModSymbols, kNull, kJson };

struct SymversFormatInfo {
  std::string_view name;
  SymversFormat format;
  std::string_view summary;
};

// The one table of formats: parsing, validation and the usage text come from it.
inline constexpr SymversFormatInfo kSymversFormats[] = {
    {"pretty", SymversFormat::kPretty, "every change, one line each (default)"},
    {"short", SymversFormat::kShort, "changes not tolerated by rules, then the totals"},
    {"symbols", SymversFormat::kSymbols, "names of the exports whose change is not tolerated"},
    {"mod-symbols", SymversFormat::kModSymbols, "the modified ones among them"},
    {"null", SymversFormat::kNull, "no output"},
    {"json", SymversFormat::kJson, "a JSON object with sorted lists, rules and totals"},
};

std::optional<SymversFormat> MaybeParseSymversFormat(std::string_view name);

// The reports of `formats`, all written to one stream (see above); the text
// ends with '\n' unless empty. `rules` (null when none) names the rules file
// in JSON.
std::string RenderSymversReports(const SymversComparison& comparison,
                                 std::span<const SymversFormat> formats,
                                 const SeverityRules* rules = nullptr);

inline std::string RenderSymversReport(const SymversComparison& comparison, SymversFormat format,
                                       const SeverityRules* rules = nullptr) {
  return RenderSymversReports(comparison, std::span<const SymversFormat>(&format, 1), rules);
}

// ksymvers unused-rules' report: one line for each rule not in `used`, in
// file order:
//   FILE:LINE: WARNING: Severity rule 'TYPE PATTERN VERDICT' is unused
std::string RenderUnusedRules(const SeverityRules& rules, const std::vector<bool>& used);

}  // namespace kcrc
