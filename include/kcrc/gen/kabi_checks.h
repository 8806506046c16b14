// --stable extras that the reference lacks: a layout-safety check of the kABI
// tricks and a report of what each trick hides.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kcrc/dwarf/node_source.h"
#include "kcrc/kabi/rules.h"
#include "kcrc/render/renderer.h"
#include "kcrc/render/type_map.h"

namespace kcrc {

struct KabiCheckInput {
  const std::string& path;
  NodeSource& dwarf;
  const KabiRules& rules;
  const Renderer& renderer;
};

// One message per finding, naming the object, the type, the member and the
// sizes: a union larger or more strictly aligned than the placeholder it
// replaces, a byte_size rule that differs from the real size, a rule whose
// target matched nothing.
std::vector<std::string> CheckKabiLayout(const KabiCheckInput& input);

struct KabiReportSymbol {
  std::string name;
  uint32_t stable_crc;  // with the rules and conventions
  uint32_t plain_crc;   // without them
};

struct KabiReportInput {
  const std::string& path;
  const KabiRules& rules;
  const std::vector<KabiConventionUse>& conventions;  // what the --stable run applied
};

// For each symbol whose CRC the rules and conventions changed: the CRC with and
// without them, and for each reachable type whose record they changed, the
// rules and conventions that apply to it.
std::string KabiReport(const KabiReportInput& input, const std::vector<KabiReportSymbol>& symbols,
                       const TypeMap& stable_types, const TypeMap& plain_types);

// Natural size and alignment of a type DIE, from DWARF (for the layout check).
std::optional<uint64_t> TypeSize(NodeSource& dwarf, DieOffset type);
uint64_t TypeAlignment(NodeSource& dwarf, DieOffset type);

}  // namespace kcrc
