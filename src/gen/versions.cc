#include "gen/versions.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "kcrc/base/diagnostics.h"
#include "kcrc/base/error.h"
#include "kcrc/version/crc.h"

namespace kcrc {
namespace {

bool VersionedHere(const ExportSymbol& symbol, int object) {
  return symbol.object == object && symbol.state != SymbolState::kProcessed;
}

// CRCs computed ahead on several threads, by export index (empty: none).
std::vector<std::optional<uint32_t>> PrecomputeVersions(const VersionsSetup& setup,
                                                        const Context& context) {
  std::vector<std::optional<uint32_t>> crcs;
  Workers& workers = context.workers;
  if (workers.threads() <= 1 || setup.rules || setup.dump_versions) return crcs;
  std::vector<std::pair<uint32_t, const TokenList*>> work;
  for (uint32_t index : setup.exports.hash_order()) {
    const ExportSymbol& symbol = setup.exports[index];
    if (!VersionedHere(symbol, setup.object)) continue;
    if (const TokenList* tokens = setup.types.SymbolTokens(symbol.die))
      work.emplace_back(index, tokens);
  }
  if (work.size() < setup.parallel_min) return crcs;
  crcs.resize(setup.exports.size());
  const TypeMap& types = setup.types.types();
  std::vector<std::unique_ptr<VersionCache>> caches(workers.threads());
  // Contiguous ranges: neighbours in hash order share nothing in particular,
  // but fewer, larger ranges keep each cache warm longer.
  const size_t grain = std::max<size_t>(1, work.size() / (4 * workers.threads()));
  workers.ForRanges(work.size(), grain, [&](size_t begin, size_t end) {
    std::unique_ptr<VersionCache>& cache = caches[workers.CurrentSlot()];
    if (!cache)
      cache = std::make_unique<VersionCache>(
          [&types](std::string_view key) { return types.Find(key); });
    for (size_t i = begin; i != end; ++i) {
      try {
        crcs[work[i].first] = cache->Compute(*work[i].second);
      } catch (const Error&) {
      }
    }
  });
  return crcs;
}

}  // namespace

void VersionSymbols(const VersionsSetup& setup, const Context& context) {
  const std::vector<std::optional<uint32_t>> precomputed = PrecomputeVersions(setup, context);
  ExportList& exports = setup.exports;
  ObjectTypes& types = setup.types;
  VersionCache versions([&types](std::string_view key) { return types.Resolve(key); });
  for (uint32_t index : exports.hash_order()) {
    ExportSymbol& symbol = exports[index];
    if (!setup.symtypes && symbol.state == SymbolState::kProcessed) continue;
    if (symbol.object != setup.object) continue;
    const TokenList* rendered = types.SymbolTokens(symbol.die);
    if (!rendered) continue;
    // A type_string rule (with --stable) replaces the rendering.
    std::optional<TokenList> replaced;
    if (setup.rules)
      if (auto text = setup.rules->TypeString(symbol.name))
        replaced = ParseTypeString(symbol.name, *text);
    const TokenList& tokens = replaced ? *replaced : *rendered;
    if (symbol.state != SymbolState::kProcessed) {
      std::string expanded;
      VersionOptions options;
      if (setup.dump_versions) options.expanded = &expanded;
      const uint32_t crc = index < precomputed.size() && precomputed[index]
                               ? *precomputed[index]
                               : versions.Compute(tokens, options);
      setup.symbols.ForEachAlias(index, [&](uint32_t alias_index) {
        ExportSymbol& alias = exports[alias_index];
        if (alias.state == SymbolState::kProcessed && alias.crc && *alias.crc != crc)
          context.diagnostics.Warning(
              fmt::format("set_crc: overriding version for symbol {} (crc {:x} vs. {:x})",
                          alias.name, *alias.crc, crc));
        alias.crc = crc;
        alias.state = SymbolState::kProcessed;
      });
      if (setup.dump_versions)
        context.diagnostics.Dump(fmt::format("{} {}\n", symbol.name, expanded));
    }
    if (setup.symtypes) types.Add(symbol.name, tokens);
  }
}

}  // namespace kcrc
