// Reporters of symvers comparisons. The text formats reproduce suse-kabi-tools'
// `ksymvers compare --format=...` byte for byte (checked by golden tests over
// SUSE's data in ../shared/peer-data/suse-sl-16.0):
//
//   pretty       every change, one line each, additions then removals then
//                modifications, each group sorted by symbol:
//                  Export 'foo' has been added (implicitly tolerated)
//                  Export 'bar' has been removed (tolerated by rules)
//                  Export 'baz' changed CRC from '0x12345678' to '0x9abcdef0'
//   short        the same without the lines tolerated by rules, then the totals:
//                  Changes tolerated by rules: '1' additions, '1' removals, '0' modifications
//   symbols      names of the removed and modified exports that are not
//                tolerated, sorted, one a line (the input of a kABI fix-up)
//   mod-symbols  only the modified ones among them
//   null         nothing (only the exit status matters)
//   json         kcrc's own: {"added", "removed", "changed", "totals"}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
    {"json", SymversFormat::kJson, "a JSON object with sorted lists and totals"},
};

std::optional<SymversFormat> MaybeParseSymversFormat(std::string_view name);

// Renders `comparison` in `format`; the text ends with '\n' unless empty.
std::string RenderSymversReport(const SymversComparison& comparison, SymversFormat format);

}  // namespace kcrc
