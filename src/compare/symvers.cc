#include "kcrc/compare/symvers.h"

#include <algorithm>
#include <unordered_map>

#include "kcrc/compare/severity.h"
#include "kcrc/symvers/symbol_filter.h"

namespace kcrc {
namespace {

// The exports the comparison considers, in file order. The filter is asked
// about every export of the file, as ksymvers asks it.
std::vector<const SymversExport*> Considered(const Symvers& symvers, const SymbolFilter* filter) {
  std::vector<const SymversExport*> exports;
  exports.reserve(symvers.exports.size());
  for (const SymversExport& e : symvers.exports)
    if (filter == nullptr || filter->Matches(e.symbol)) exports.push_back(&e);
  return exports;
}

template <typename T>
void SortBySymbol(std::vector<T>& items) {
  std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.symbol < b.symbol; });
}

// The worst of the changes' tolerances: any change not tolerated makes the
// export not tolerated; it is tolerated by rules only when all its changes are.
Tolerance Combined(const SymversChange& change) {
  std::vector<Tolerance> tolerances;
  if (change.crc_changed) tolerances.push_back(change.crc_tolerance);
  if (change.type_changed) tolerances.push_back(change.type_tolerance);
  if (std::find(tolerances.begin(), tolerances.end(), Tolerance::kNone) != tolerances.end())
    return Tolerance::kNone;
  if (std::all_of(tolerances.begin(), tolerances.end(),
                  [](Tolerance t) { return t == Tolerance::kByRules; }))
    return Tolerance::kByRules;
  return Tolerance::kImplicit;
}

class Comparer {
 public:
  explicit Comparer(const SymversCompareOptions& options) : options_(options) {}

  SymversComparison Run(const Symvers& reference, const Symvers& current) {
    const std::vector<const SymversExport*> old_exports = Considered(reference, options_.filter);
    const std::vector<const SymversExport*> new_exports = Considered(current, options_.filter);
    // The new exports by name; those left at the end are the additions.
    std::unordered_map<std::string_view, const SymversExport*> new_by_name;
    new_by_name.reserve(new_exports.size());
    for (const SymversExport* e : new_exports) new_by_name.emplace(e->symbol, e);

    SymversComparison result;
    for (const SymversExport* e : old_exports) {
      const auto it = new_by_name.find(e->symbol);
      if (it == new_by_name.end()) {
        result.removed.push_back(OneSided(*e, /*added=*/false));
        continue;
      }
      const SymversExport& now = *it->second;
      new_by_name.erase(it);
      if (e->crc != now.crc || e->gpl_only != now.gpl_only)
        result.modified.push_back(Modified(*e, now));
      if (e->name_space != now.name_space || e->module != now.module)
        result.moved.push_back(Moved(*e, now));
    }
    for (const SymversExport* e : new_exports)
      if (new_by_name.contains(e->symbol)) result.added.push_back(OneSided(*e, /*added=*/true));
    SortBySymbol(result.added);
    SortBySymbol(result.removed);
    SortBySymbol(result.modified);
    SortBySymbol(result.moved);
    return result;
  }

 private:
  const SeverityRule* FirstRule(const SymversExport& e) const {
    return options_.rules == nullptr ? nullptr : options_.rules->FirstMatch(e);
  }
  static bool Passes(const SeverityRule* rule) {
    return rule != nullptr && rule->verdict == Verdict::kPass;
  }

  static SymversChange Describe(const SymversExport& e, const SeverityRule* rule) {
    SymversChange change;
    change.symbol = e.symbol;
    change.module = e.module;
    change.name_space = e.name_space;
    change.rule = rule;
    return change;
  }

  // An export in one file only: added (tolerated in any case) or removed.
  SymversChange OneSided(const SymversExport& e, bool added) const {
    SymversChange change = Describe(e, FirstRule(e));
    (added ? change.new_crc : change.old_crc) = e.crc;
    (added ? change.new_gpl_only : change.old_gpl_only) = e.gpl_only;
    change.tolerance = Passes(change.rule) ? Tolerance::kByRules
                       : added             ? Tolerance::kImplicit
                                           : Tolerance::kNone;
    return change;
  }

  SymversChange Modified(const SymversExport& old_export, const SymversExport& new_export) const {
    SymversChange change = Describe(old_export, FirstRule(old_export));
    const bool passes = Passes(change.rule);
    change.old_crc = old_export.crc;
    change.new_crc = new_export.crc;
    change.old_gpl_only = old_export.gpl_only;
    change.new_gpl_only = new_export.gpl_only;
    change.crc_changed = old_export.crc != new_export.crc;
    change.type_changed = old_export.gpl_only != new_export.gpl_only;
    if (change.crc_changed) change.crc_tolerance = passes ? Tolerance::kByRules : Tolerance::kNone;
    if (change.type_changed) {
      // Opening a GPL-only export to every module breaks no user of it.
      const bool opened = old_export.gpl_only && !new_export.gpl_only;
      change.type_tolerance = passes   ? Tolerance::kByRules
                              : opened ? Tolerance::kImplicit
                                       : Tolerance::kNone;
    }
    change.tolerance = Combined(change);
    return change;
  }

  SymversMove Moved(const SymversExport& old_export, const SymversExport& new_export) const {
    SymversMove move{old_export.symbol,
                     old_export.module,
                     new_export.module,
                     old_export.name_space,
                     new_export.name_space,
                     nullptr,
                     false};
    const bool covered = (options_.fail_on_namespace && move.namespace_changed()) ||
                         (options_.fail_on_module && move.module_changed());
    if (covered) {
      move.rule = FirstRule(old_export);
      move.fails = !Passes(move.rule);
    }
    return move;
  }

  const SymversCompareOptions& options_;
};

}  // namespace

SymversTotals SymversComparison::Totals() const {
  SymversTotals totals;
  totals.added = static_cast<uint32_t>(added.size());
  totals.removed = static_cast<uint32_t>(removed.size());
  totals.modified = static_cast<uint32_t>(modified.size());
  totals.moved = static_cast<uint32_t>(moved.size());
  auto count = [&](const std::vector<SymversChange>& changes, uint32_t& by_rules) {
    for (const SymversChange& change : changes) {
      if (change.tolerance == Tolerance::kByRules) ++by_rules;
      if (change.tolerance == Tolerance::kNone) ++totals.not_tolerated;
    }
  };
  count(added, totals.added_by_rules);
  count(removed, totals.removed_by_rules);
  count(modified, totals.modified_by_rules);
  for (const SymversMove& move : moved)
    if (move.fails) ++totals.moved_failing;
  return totals;
}

bool SymversComparison::Fails() const {
  const SymversTotals totals = Totals();
  return totals.not_tolerated != 0 || totals.moved_failing != 0;
}

SymversComparison CompareSymvers(const Symvers& reference, const Symvers& current,
                                 const SymversCompareOptions& options) {
  return Comparer(options).Run(reference, current);
}

}  // namespace kcrc
