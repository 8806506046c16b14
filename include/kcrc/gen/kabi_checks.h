// --stable extras that the reference lacks: a layout-safety check of the kABI
// tricks and a report of what each trick hides.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kcrc/dwarf/dwarf_file.h"
#include "kcrc/dwarf/fqn.h"
#include "kcrc/kabi/rules.h"
#include "kcrc/render/renderer.h"

namespace kcrc {

struct KabiCheckInput {
  const std::string& path;
  DwarfFile& dwarf;
  const FqnTable& fqns;
  const KabiRules& rules;
  const std::vector<KabiPlaceholderUse>& placeholder_uses;
};

struct KabiReportSymbol {
  std::string name;
  DieOffset die;
  uint32_t crc;  // with the rules and conventions applied
};

// One message per finding: a union larger or more strictly aligned than the
// placeholder it replaces, a byte_size rule that differs from the real size,
// a rule whose target matched nothing.
std::vector<std::string> CheckKabiLayout(const KabiCheckInput& input);

// For each symbol whose CRC the rules and conventions changed: which ones,
// with the CRC with and without them.
std::string KabiReport(const KabiCheckInput& input, const std::vector<KabiReportSymbol>& symbols);

}  // namespace kcrc
