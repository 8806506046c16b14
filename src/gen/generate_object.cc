#include "gen/generate_object.h"

#include <optional>

#include "gen/object_symbols.h"
#include "gen/object_types.h"
#include "gen/symbol_mapper.h"
#include "gen/unit_route.h"
#include "gen/versions.h"
#include "kcrc/base/metrics.h"
#include "kcrc/dwarf/dwarf_file.h"
#include "kcrc/gen/kabi_checks.h"

namespace kcrc {
namespace {

constexpr std::string_view kKabiRulesSection = ".discard.gendwarfksyms.kabi_rules";

}  // namespace

ObjectOutput GenerateObject(const ObjectInput& object, ExportList& exports,
                            const GenOptions& options, const GenTuning& tuning,
                            const Context& context) {
  ObjectOutput output;
  Metrics* metrics = context.metrics;
  std::optional<ObjectSymbols> symbols;
  {
    // Symbol table: the exports' addresses, which group aliases.
    ScopedTimer timer(metrics, "gen: symbol table");
    symbols.emplace(object.elf.defined_globals(), exports, context.diagnostics);
    object.elf.ReleaseSymbolTables();  // vmlinux: 6 MiB read once
  }
  if (options.stable) {
    // kABI rules (--stable): the records of the object's rules section.
    ScopedTimer timer(metrics, "gen: kABI rules");
    if (const ElfSection* section = object.elf.FindSection(kKabiRulesSection))
      output.rules = KabiRules::Parse(
          section->bytes, object.elf.path(),
          [&](const std::string& message) { context.diagnostics.Warning(message); });
  }
  const KabiRules* rules = options.stable ? &output.rules : nullptr;
  DwarfFile& dwarf = object.dwarf;
  ObjectTypes types(rules, options.dump_types, context.diagnostics);
  const UnitRouteSetup setup{
      object.elf,
      dwarf,
      UnitRouteWidth(options, tuning, dwarf, context.workers.threads()),
      RenderOptions{options.stable, rules, nullptr,
                    options.dump_dies || options.stable || tuning.always_replay},
      rules,
      options.dump_dies};
  UnitRoute route(setup, context.workers);
  {
    // Units: export pass, mapping, rendering, merge into the type map.
    ScopedTimer timer(metrics, "gen: units");
    SymbolMapper mapper(exports, *symbols, dwarf, object.index);
    route.Run(mapper, types, context.diagnostics);
  }
  {
    // Versions: each mapped symbol's CRC, in the reference's symbol order.
    ScopedTimer timer(metrics, "gen: versions");
    VersionSymbols({exports, *symbols, object.index, types, rules, options.symtypes,
                    options.dump_versions, tuning.parallel_min_versions},
                   context);
  }
  if (options.symtypes) {
    // symtypes: the type map sorted by key, one block per object.
    ScopedTimer timer(metrics, "gen: symtypes");
    output.symtypes = types.types().SortedText();
  }
  if (options.stable) {
    // kABI checks (--stable): are the renderer's kABI tricks layout-safe?
    ScopedTimer timer(metrics, "gen: kABI checks");
    const Renderer& renderer = route.only_worker().renderer;
    if (options.kabi_check != KabiCheckMode::kOff)
      output.kabi_findings = CheckKabiLayout({object.elf.path(), dwarf, output.rules, renderer});
    output.conventions = renderer.convention_uses();
  }
  output.types = std::move(types.types());
  return output;
}

}  // namespace kcrc
