#include "kcrc/gen/generator.h"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>

#include "kcrc/base/error.h"
#include "kcrc/base/string_index.h"
#include "kcrc/dwarf/dwarf_file.h"
#include "kcrc/dwarf/fqn.h"
#include "kcrc/elf/elf_object.h"
#include "kcrc/exports/symbol_list.h"
#include "kcrc/gen/kabi_checks.h"
#include "kcrc/gen/longest_expansions.h"
#include "kcrc/kabi/rules.h"
#include "kcrc/render/die_map.h"
#include "kcrc/render/renderer.h"
#include "kcrc/render/type_map.h"
#include "kcrc/version/crc.h"

namespace kcrc {
namespace {

constexpr std::string_view kSymbolPointerPrefix = "__gendwarfksyms_ptr_";
constexpr std::string_view kKabiRulesSection = ".discard.gendwarfksyms.kabi_rules";

enum class SymbolState { kUnprocessed, kMapped, kProcessed };

// What a finished unit adds to the object's maps, in the order it is
// offered (DIE offset, then state). Built from the unit's renderings, which
// may then be dropped; merged into the maps in unit order.
struct UnitItem {
  DieOffset symbol_die = 0;              // a symbol's rendering (key empty), or
  std::string key;                       // a named type: its key and
  TokenList tokens;                      // its flattened tokens, or
  std::optional<std::string> rule_text;  // a type_string rule replacing it
};
using UnitItems = std::vector<UnitItem>;

// A function or variable DIE whose name, or abstract origin's name, is in
// the list.
struct ExportMatch {
  std::optional<uint32_t> name;         // NameIndex of the DIE's name
  std::optional<uint32_t> origin_name;  // of its abstract origin's name
  DieOffset source = 0;                 // the origin if any (it has the types)
  bool pointer = false;                 // source is a __gendwarfksyms_ptr_ variable
  SymbolKind kind = SymbolKind::kVariable;
};

struct RenderRequest {
  DieOffset die;
  SymbolKind kind;
};

struct Symbol {
  std::string name;
  SymbolState state = SymbolState::kUnprocessed;
  // The DIE rendered for this symbol, in object `object`.
  int object = -1;
  DieOffset die = 0;
  std::optional<uint32_t> crc;
  // Per object: the ELF address and the __gendwarfksyms_ptr_ fallback DIE.
  std::optional<std::pair<uint32_t, uint64_t>> address;
  const std::vector<uint32_t>* aliases = nullptr;  // symbols at `address`, if several
  std::optional<DieOffset> pointer;
};

}  // namespace

struct Generator::Impl {
  Impl(std::vector<std::string> exports, GenOptions options, Diagnostics& diagnostics)
      : names(std::move(exports)),
        hash_order(ReferenceHashOrder(names)),
        options(options),
        diagnostics(diagnostics) {
    hash_rank.resize(names.size());
    for (uint32_t rank = 0; rank < hash_order.size(); ++rank) hash_rank[hash_order[rank]] = rank;
    symbols.resize(names.size());
    for (uint32_t i = 0; i < names.size(); ++i) {
      symbols[i].name = names[i];
      by_name.Insert(symbols[i].name, i);
    }
  }

  std::vector<std::string> names;
  std::vector<uint32_t> hash_order;
  std::vector<uint32_t> hash_rank;  // symbol index -> position in hash_order
  GenOptions options;
  Diagnostics& diagnostics;
  std::vector<Symbol> symbols;
  StringIndex by_name;  // views of the names in `symbols`
  int objects = 0;
  TypeMap last_types;
};

namespace {

// The limits oneTBB's worker threads run under while an object's units or
// versions are spread over `jobs` threads. They only lower what a caller
// (scan) set; the stack is the renderer's (it recurses as deep as types nest).
struct WorkerThreads {
  explicit WorkerThreads(size_t jobs)
      : parallelism(tbb::global_control::max_allowed_parallelism, jobs),
        stack(tbb::global_control::thread_stack_size, kRenderStackSize) {}
  tbb::global_control parallelism;
  tbb::global_control stack;
};

// The state of one object file while it is processed.
class ObjectRun {
 public:
  ObjectRun(Generator::Impl& gen, const std::string& path, std::string& symtypes,
            std::vector<std::string>& findings, std::string& report)
      : gen_(gen), path_(path), symtypes_(symtypes), findings_(findings), report_(report) {}

  void Run() {
    object_ = gen_.objects++;
    for (Symbol& symbol : gen_.symbols) {
      symbol.address.reset();
      symbol.aliases = nullptr;
      symbol.pointer.reset();
    }
    {
      // Symbol table: addresses group aliases.
      ElfObject elf(path_);
      ReadAddresses(elf);
      // kABI rules, only with --stable.
      if (gen_.options.stable) {
        if (auto bytes = elf.SectionBytes(std::string(kKabiRulesSection)))
          rules_ = KabiRules::Parse(*bytes, path_, [&](const std::string& message) {
            gen_.diagnostics.Warning(message);
          });
      }
    }  // its mapping (vmlinux: 6 MiB of symbols read) is given back
    // Units: FQN pass, export pass, pointer pass.
    dwarf_ = std::make_unique<DwarfFile>(path_);
    std::string dump;
    RenderOptions render_options{
        gen_.options.stable, &rules_, gen_.options.dump_dies ? &dump : nullptr,
        gen_.options.dump_dies || gen_.options.stable || gen_.options.always_replay};
    renderer_ = std::make_unique<Renderer>(*dwarf_, fqns_, map_, render_options);
    if (CanRenderUnitsInParallel()) {
      RenderUnitsInParallel(render_options);
    } else {
      RenderUnits(dump);
    }
    // Versions, symtypes.
    VersionSymbols();
    if (gen_.options.symtypes) symtypes_ += types_.SortedText();
    if (gen_.options.stable) {
      KabiCheckInput input{path_, *dwarf_, rules_, *renderer_};
      if (gen_.options.kabi_check != KabiCheckMode::kOff)
        for (std::string& finding : CheckKabiLayout(input)) findings_.push_back(std::move(finding));
      if (gen_.options.kabi_report) WriteReport(input);
    }
    if (gen_.options.keep_types) gen_.last_types = std::move(types_);
  }

 private:
  void RenderUnits(std::string& dump) {
    const std::vector<UnitInfo>& units = dwarf_->units();
    for (size_t index = 0; index < units.size(); ++index) {
      const UnitInfo& unit = units[index];
      fqns_.AddUnit(*dwarf_, unit);
      ProcessExports(unit);
      ProcessPointers();
      UnitItems items = FinishUnit(
          *renderer_, *dwarf_, map_,
          [this](std::string_view key, size_t length) { return types_.WouldStore(key, length); });
      FlushDump(dump);
      MergeUnit(std::move(items));
      dwarf_->ReleaseUnitsThrough(index);
    }
  }

  // Units are rendered in parallel only where that changes no output and is
  // worth a second libdw handle per thread: with jobs, without the dump and
  // --stable options (their output and kABI state follow the unit order), on
  // objects of many C units (whole kernels; C units need no FQN pass, whose
  // table spans units; assembler units have no types).
  bool CanRenderUnitsInParallel() const {
    const GenOptions& options = gen_.options;
    if (options.jobs <= 1 || options.stable || options.dump_dies || options.dump_types ||
        options.dump_versions || options.always_replay)
      return false;
    const std::vector<UnitInfo>& units = dwarf_->units();
    if (options.parallel_min_units != 0 &&
        (units.size() < options.parallel_min_units || dwarf_->relocatable()))
      return false;
    // Assembler units (vmlinux has some) have no types to qualify either.
    return std::all_of(units.begin(), units.end(), [](const UnitInfo& unit) {
      return IsCLanguage(unit.language) || unit.language == DW_LANG_Mips_Assembler;
    });
  }

  // One thread's reader and renderer (libdw handles are not thread-safe).
  struct UnitWorker {
    std::unique_ptr<DwarfFile> dwarf;
    FqnTable fqns;  // stays empty: C units only
    DieMap map;
    std::unique_ptr<Renderer> renderer;
  };

  struct UnitJob {
    size_t unit = 0;
    std::vector<ExportMatch> matches;
    std::vector<RenderRequest> requests;
    UnitItems items;
  };

  // The same result as RenderUnits. Per unit, in a pipeline: workers scan
  // the unit for exports; the matches are applied in unit order (they decide
  // which unit renders which symbol); workers render; the merge runs in unit
  // order again. Workers read the file through their own libdw handles,
  // over the main handle's mapping.
  void RenderUnitsInParallel(const RenderOptions& render_options) {
    const WorkerThreads threads(gen_.options.jobs);
    tbb::enumerable_thread_specific<UnitWorker> workers;
    auto worker = [&]() -> UnitWorker& {
      UnitWorker& local = workers.local();
      if (!local.dwarf) {
        local.dwarf = std::make_unique<DwarfFile>(path_, dwarf_.get());
        local.renderer =
            std::make_unique<Renderer>(*local.dwarf, local.fqns, local.map, render_options);
      }
      return local;
    };
    LongestExpansions lengths;
    const std::vector<UnitInfo>& units = dwarf_->units();
    size_t next = 0;
    collect_requests_ = true;
    using Job = std::shared_ptr<UnitJob>;
    tbb::parallel_pipeline(
        4 * gen_.options.jobs,
        tbb::make_filter<
            void, Job>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& control) -> Job {
          if (next == units.size()) {
            control.stop();
            return nullptr;
          }
          auto job = std::make_shared<UnitJob>();
          job->unit = next++;
          return job;
        }) & tbb::make_filter<Job, Job>(tbb::filter_mode::parallel, [&](Job job) {
          const UnitInfo& unit = units[job->unit];
          ScanExports(*worker().dwarf, unit.die, IsCLanguage(unit.language),
                      [&](const ExportMatch& match) { job->matches.push_back(match); });
          return job;
        }) & tbb::make_filter<Job, Job>(tbb::filter_mode::serial_in_order, [&](Job job) {
          for (const ExportMatch& match : job->matches) ApplyMatch(match);
          ProcessPointers();
          dwarf_->ForgetNodes();
          job->requests = std::move(requests_);
          requests_.clear();
          return job;
        }) & tbb::make_filter<Job, Job>(tbb::filter_mode::parallel, [&](Job job) {
          UnitWorker& local = worker();
          for (const RenderRequest& request : job->requests)
            local.renderer->RenderSymbol(request.die, request.kind);
          job->items = FinishUnit(*local.renderer, *local.dwarf, local.map,
                                  [&](std::string_view key, size_t length) {
                                    return lengths.Offer(key, length, job->unit);
                                  });
          return job;
        }) & tbb::make_filter<Job, void>(tbb::filter_mode::serial_in_order, [&](Job job) {
          MergeUnit(std::move(job->items));
          dwarf_->ReleaseUnitsThrough(job->unit);  // for all handles: they share the mapping
        }));
    collect_requests_ = false;
  }

  void FlushDump(std::string& dump) {
    if (dump.empty()) return;
    gen_.diagnostics.Dump(dump);
    dump.clear();
  }

  void ReadAddresses(const ElfObject& elf) {
    for (const ElfSymbol& global : elf.defined_globals()) {
      const std::optional<uint32_t> index = gen_.by_name.Find(global.name);
      if (!index) continue;
      Symbol& symbol = gen_.symbols[*index];
      const std::pair<uint32_t, uint64_t> address{global.section, global.value};
      if (!symbol.address) {
        symbol.address = address;
        aliases_[address].push_back(*index);
      } else if (*symbol.address != address) {
        gen_.diagnostics.Warning(
            fmt::format("set_symbol_addr: multiple addresses for symbol {}?", symbol.name));
      }
    }
    // Looked up for every DIE whose name is in the list (each unit of a
    // kernel declares the functions it calls): resolve groups once.
    for (const auto& [address, group] : aliases_)
      if (group.size() > 1)
        for (uint32_t index : group) gen_.symbols[index].aliases = &group;
  }

  // Calls `fn` for the symbol named `name` and every alias of it.
  template <typename Fn>
  void ForEachAlias(uint32_t index, Fn&& fn) {
    fn(gen_.symbols[index]);
    const Symbol& symbol = gen_.symbols[index];
    if (!symbol.aliases) return;
    for (uint32_t alias : *symbol.aliases)
      if (alias != index) fn(gen_.symbols[alias]);
  }

  // The list symbol a DIE name stands for, whatever its state.
  std::optional<uint32_t> NameIndex(std::optional<std::string_view> name) const {
    if (!name || name->empty()) return std::nullopt;
    std::string_view key = *name;
    if (key.starts_with(kSymbolPointerPrefix)) key.remove_prefix(kSymbolPointerPrefix.size());
    return gen_.by_name.Find(key);
  }

  // The unprocessed symbol (the list symbol `index` or an alias of it) that
  // a DIE name found at `index` stands for.
  std::optional<uint32_t> Lookup(std::optional<uint32_t> index) {
    if (!index) return std::nullopt;
    std::optional<uint32_t> found;
    ForEachAlias(*index, [&](Symbol& symbol) {
      if (symbol.state == SymbolState::kUnprocessed)
        found = static_cast<uint32_t>(&symbol - gen_.symbols.data());
    });
    return found;
  }

  // The export pass of a unit: children of the unit, and of namespaces,
  // classes and structs, that are functions or variables, read without
  // building nodes (most of them are not exports). In C, a struct's children
  // are members only, so its subtree is not visited. `found(match)` is
  // called for each one whose name (or abstract origin's name) is in the
  // list. Reads only the list's names, not symbol states: with units in
  // parallel, workers scan units ahead of ApplyMatch.
  template <typename Found>
  void ScanExports(DwarfFile& dwarf, DieOffset container, bool c_unit, Found&& found) const {
    dwarf.ForEachChild(container, [&](const DwarfFile::Candidate& candidate) {
      switch (candidate.tag) {
        case DW_TAG_namespace:
        case DW_TAG_class_type:
        case DW_TAG_structure_type:
          if (candidate.has_children && !c_unit)
            ScanExports(dwarf, candidate.offset, c_unit, found);
          break;
        case DW_TAG_subprogram:
        case DW_TAG_variable:
          if (auto match = MatchCandidate(dwarf, candidate)) found(*match);
          break;
        default:
          break;
      }
    });
  }

  std::optional<ExportMatch> MatchCandidate(DwarfFile& dwarf,
                                            const DwarfFile::Candidate& candidate) const {
    ExportMatch match;
    match.name = NameIndex(candidate.SymbolName());
    const DieNode* origin =
        candidate.abstract_origin ? &dwarf.Get(*candidate.abstract_origin) : nullptr;
    if (origin) match.origin_name = NameIndex(origin->SymbolName());
    if (!match.name && !match.origin_name) return std::nullopt;
    match.source = origin ? origin->offset : candidate.offset;
    const auto source_name = origin ? origin->SymbolName() : candidate.SymbolName();
    match.pointer = source_name && source_name->starts_with(kSymbolPointerPrefix);
    match.kind =
        candidate.tag == DW_TAG_subprogram ? SymbolKind::kSubprogram : SymbolKind::kVariable;
    return match;
  }

  // Maps (or remembers the pointer of) the symbol a match stands for, if it
  // is still unprocessed. Called in DWARF order: the first DIE wins.
  void ApplyMatch(const ExportMatch& match) {
    std::optional<uint32_t> symbol = Lookup(match.name);
    if (!symbol) symbol = Lookup(match.origin_name);
    if (!symbol) return;
    if (match.pointer) {
      SavePointer(*symbol, dwarf_->Get(match.source));
      return;
    }
    MapSymbol(*symbol, match.source, match.kind);
  }

  void ProcessExports(const UnitInfo& unit) {
    ScanExports(*dwarf_, unit.die, IsCLanguage(unit.language),
                [this](const ExportMatch& match) { ApplyMatch(match); });
  }

  void MapSymbol(uint32_t index, DieOffset die, SymbolKind kind) {
    ForEachAlias(index, [&](Symbol& symbol) {
      symbol.state = SymbolState::kMapped;
      symbol.object = object_;
      symbol.die = die;
    });
    if (collect_requests_)
      requests_.push_back({die, kind});
    else
      renderer_->RenderSymbol(die, kind);
  }

  // Remembers the type of a __gendwarfksyms_ptr_<sym> variable, used when
  // <sym> itself has no DIE in this unit.
  void SavePointer(uint32_t index, const DieNode& variable) {
    const std::string name(variable.SymbolName().value_or(""));
    const DieNode* pointer = variable.type ? &dwarf_->Get(*variable.type) : nullptr;
    if (!(pointer && pointer->tag == DW_TAG_pointer_type))
      Fail("{}: save_symbol_ptr: {} must be a pointer type!", dwarf_->Where(variable.offset), name);
    if (!(pointer->type.has_value()))
      Fail("{}: save_symbol_ptr: {} pointer missing a type attribute?",
           dwarf_->Where(variable.offset), name);
    const DieNode& target = dwarf_->Get(*pointer->type);
    const DieOffset remembered =
        target.tag == DW_TAG_subroutine_type ? target.offset : pointer->offset;
    ForEachAlias(index, [&](Symbol& symbol) {
      symbol.pointer = remembered;
      pending_pointers_.push_back(static_cast<uint32_t>(&symbol - gen_.symbols.data()));
    });
  }

  // Maps the unprocessed symbols that have a saved pointer, in the
  // reference's hash order. Only pointers saved in this unit can qualify:
  // every symbol with a pointer is mapped here, so none is left for the next
  // unit (the reference scans the whole symbol table after each unit).
  void ProcessPointers() {
    std::vector<uint32_t> pending = std::move(pending_pointers_);
    pending_pointers_.clear();
    std::sort(pending.begin(), pending.end(),
              [&](uint32_t a, uint32_t b) { return gen_.hash_rank[a] < gen_.hash_rank[b]; });
    pending.erase(std::unique(pending.begin(), pending.end()), pending.end());
    for (uint32_t index : pending) {
      Symbol& symbol = gen_.symbols[index];
      if (symbol.state != SymbolState::kUnprocessed || !symbol.pointer) continue;
      const DieNode& node = dwarf_->Get(*symbol.pointer);
      MapSymbol(
          index, node.offset,
          node.tag == DW_TAG_subroutine_type ? SymbolKind::kSubprogram : SymbolKind::kVariable);
    }
  }

  // A symbol's tokens: a type_string rule (with --stable) replaces its
  // rendering.
  TokenList SymbolTokens(const Symbol& symbol, const TokenList& rendered) {
    if (gen_.options.stable)
      if (auto text = rules_.TypeString(symbol.name)) return ParseTypeString(symbol.name, *text);
    return rendered;
  }

  void AddType(const std::string& key, TokenList tokens) {
    if (!types_.Add(key, std::move(tokens)) || !gen_.options.dump_types) return;
    gen_.diagnostics.Dump(fmt::format("{} {}\n", key, JoinTokens(*types_.Find(key))));
  }

  // Collects the items of a unit's renderings. `should_flatten(key, length)`
  // says whether an expansion of that length could still be stored: most
  // units repeat types an earlier unit defined, and measuring is far cheaper
  // than building the tokens.
  template <typename ShouldFlatten>
  UnitItems CollectUnit(const DieMap& map, ShouldFlatten&& should_flatten) {
    // Only symbols and named types are stored, which the renderer listed;
    // most renderings are neither (members, parameters, pointers).
    UnitItems items;
    std::string key;  // reused: most keys are only looked up
    for (const Rendering* rendering : map.Listed()) {
      if (rendering->state == RenderState::kSymbol) {
        items.push_back({rendering->offset, {}, Flatten(map, *rendering), {}});
        continue;
      }
      // An unexpanded rendering only counts when no complete one exists.
      if (rendering->state == RenderState::kUnexpanded &&
          map.Find(rendering->node, RenderState::kComplete))
        continue;
      if (!AssignTypeRefKey(*rendering, key)) continue;
      // A type_string rule (with --stable) replaces the rendering.
      if (gen_.options.stable) {
        if (auto text = rules_.TypeString(key)) {
          items.push_back({0, key, {}, std::string(*text)});
          continue;
        }
      }
      if (!should_flatten(key, FlattenedLength(map, *rendering))) continue;
      TokenList tokens = Flatten(map, *rendering);
      items.push_back({0, key, std::move(tokens), {}});
    }
    return items;
  }

  // Adds a unit's items to the object's maps: the first rendering of a
  // symbol DIE, the longest expansion of a type (the first among equals).
  void MergeUnit(UnitItems items) {
    for (UnitItem& item : items) {
      if (item.key.empty()) {
        symbol_tokens_.try_emplace(item.symbol_die, std::move(item.tokens));
      } else if (item.rule_text) {
        AddType(item.key, ParseTypeString(item.key, *item.rule_text));
      } else {
        AddType(item.key, std::move(item.tokens));
      }
    }
  }

  // Ends a rendered unit: collects what it adds to the type map and drops
  // its nodes and renderings, so that memory stays bounded by one unit's
  // types (vmlinux has thousands of units, each with its own copy of the
  // common headers' types).
  //
  // Merging units one by one is equivalent to building the map from all
  // renderings at the end: renderings are offered in DIE offset order either
  // way, and units do not share DIEs (a reference into an earlier unit, which
  // only LTO objects have, renders that DIE again).
  template <typename ShouldFlatten>
  UnitItems FinishUnit(Renderer& renderer, DwarfFile& dwarf, DieMap& map,
                       ShouldFlatten&& should_flatten) {
    renderer.EndUnit();
    dwarf.ForgetNodes();  // a unit's nodes are rarely needed again
    UnitItems items = CollectUnit(map, should_flatten);
    map.Clear();
    return items;
  }

  const TokenList* Resolve(std::string_view key) {
    if (const TokenList* tokens = types_.Find(key)) return tokens;
    // A type_string rule may define a type that is not in the DWARF.
    if (!gen_.options.stable) return nullptr;
    const std::string name(key);
    auto text = rules_.TypeString(name);
    if (!text) return nullptr;
    AddType(name, ParseTypeString(name, *text));
    return types_.Find(name);
  }

  // With jobs, the CRCs of many symbols are computed on several threads
  // first, each with its own cache; VersionSymbols then takes them in hash
  // order (warnings, aliases and symtypes stay in that order). Without
  // --stable the records do not change any more, so the threads only read
  // the type map. A symbol that fails is left to VersionSymbols, which
  // reports the first failure in hash order, as on one thread.
  std::vector<std::optional<uint32_t>> PrecomputeVersions() {
    const GenOptions& options = gen_.options;
    std::vector<std::optional<uint32_t>> crcs;
    if (options.jobs <= 1 || options.stable || options.dump_versions) return crcs;
    std::vector<std::pair<uint32_t, const TokenList*>> work;
    for (uint32_t index : gen_.hash_order) {
      const Symbol& symbol = gen_.symbols[index];
      if (symbol.object != object_ || symbol.state == SymbolState::kProcessed) continue;
      auto rendered = symbol_tokens_.find(symbol.die);
      if (rendered != symbol_tokens_.end()) work.emplace_back(index, &rendered->second);
    }
    if (work.size() < options.parallel_min_versions) return crcs;
    crcs.resize(gen_.symbols.size());
    const WorkerThreads threads(options.jobs);
    tbb::enumerable_thread_specific<std::unique_ptr<VersionCache>> caches;
    // Contiguous ranges: neighbours in hash order share nothing in
    // particular, but fewer, larger ranges keep each cache warm longer.
    const size_t grain = std::max<size_t>(1, work.size() / (4 * options.jobs));
    tbb::parallel_for(tbb::blocked_range<size_t>(0, work.size(), grain),
                      [&](const tbb::blocked_range<size_t>& range) {
                        std::unique_ptr<VersionCache>& cache = caches.local();
                        if (!cache)
                          cache = std::make_unique<VersionCache>(
                              [this](std::string_view key) { return types_.Find(key); });
                        for (size_t i = range.begin(); i != range.end(); ++i) {
                          try {
                            crcs[work[i].first] = cache->Compute(*work[i].second);
                          } catch (const Error&) {
                          }
                        }
                      });
    return crcs;
  }

  void VersionSymbols() {
    const std::vector<std::optional<uint32_t>> precomputed = PrecomputeVersions();
    VersionCache versions([this](std::string_view key) { return Resolve(key); });
    for (uint32_t index : gen_.hash_order) {
      Symbol& symbol = gen_.symbols[index];
      if (!gen_.options.symtypes && symbol.state == SymbolState::kProcessed) continue;
      if (symbol.object != object_) continue;
      auto rendered = symbol_tokens_.find(symbol.die);
      if (rendered == symbol_tokens_.end()) continue;
      TokenList tokens = SymbolTokens(symbol, rendered->second);
      if (symbol.state != SymbolState::kProcessed) {
        std::string expanded;
        VersionOptions version_options;
        if (gen_.options.dump_versions) version_options.expanded = &expanded;
        const uint32_t crc = index < precomputed.size() && precomputed[index]
                                 ? *precomputed[index]
                                 : versions.Compute(tokens, version_options);
        ForEachAlias(index, [&](Symbol& alias) {
          if (alias.state == SymbolState::kProcessed && alias.crc && *alias.crc != crc)
            gen_.diagnostics.Warning(
                fmt::format("set_crc: overriding version for symbol {} (crc {:x} vs. {:x})",
                            alias.name, *alias.crc, crc));
          alias.crc = crc;
          alias.state = SymbolState::kProcessed;
        });
        if (gen_.options.dump_versions)
          gen_.diagnostics.Dump(fmt::format("{} {}\n", symbol.name, expanded));
      }
      if (gen_.options.symtypes) AddType(symbol.name, std::move(tokens));
    }
  }

  // Versions the same object again without --stable and reports, for every
  // symbol whose CRC differs, what the rules and conventions hid.
  void WriteReport(const KabiCheckInput& input) {
    GenOptions plain_options;
    plain_options.symtypes = true;
    plain_options.keep_types = true;
    NullDiagnostics quiet;
    Generator plain(gen_.names, plain_options, quiet);
    plain.ProcessObject(path_);
    const std::vector<ExportVersion> plain_versions = plain.Versions();
    std::vector<KabiReportSymbol> symbols;
    for (size_t i = 0; i < gen_.symbols.size(); ++i) {
      const Symbol& symbol = gen_.symbols[i];
      if (symbol.object != object_ || !symbol.crc || !plain_versions[i].crc) continue;
      symbols.push_back({symbol.name, *symbol.crc, *plain_versions[i].crc});
    }
    report_ += KabiReport(input, symbols, types_, plain.last_types());
  }

  Generator::Impl& gen_;
  const std::string& path_;
  std::string& symtypes_;
  std::vector<std::string>& findings_;
  std::string& report_;
  int object_ = 0;
  std::map<std::pair<uint32_t, uint64_t>, std::vector<uint32_t>> aliases_;
  KabiRules rules_;
  std::unique_ptr<DwarfFile> dwarf_;
  FqnTable fqns_;
  DieMap map_;
  std::unique_ptr<Renderer> renderer_;
  TypeMap types_;
  // With units rendered in parallel, the export and pointer passes of a unit
  // collect what to render instead of rendering it.
  bool collect_requests_ = false;
  std::vector<RenderRequest> requests_;
  // Symbols given a pointer in the current unit (see ProcessPointers).
  std::vector<uint32_t> pending_pointers_;
  // Flattened symbol renderings, by symbol DIE.
  std::unordered_map<DieOffset, TokenList> symbol_tokens_;
};

}  // namespace

Generator::Generator(std::vector<std::string> exports, GenOptions options, Diagnostics& diagnostics)
    : impl_(new Impl(std::move(exports), options, diagnostics)) {}

Generator::~Generator() { delete impl_; }

void Generator::ProcessObject(const std::string& path) {
  try {
    ObjectRun(*impl_, path, symtypes_, kabi_findings_, kabi_report_).Run();
  } catch (const Error& e) {
    // Every error names the object: the parsers of rule values and the type
    // map do not know it (e.g. "get_ulong_value: invalid unsigned value").
    const std::string_view message = e.what();
    if (message.find(path) != std::string_view::npos) throw;
    throw Error(fmt::format("{}: {}", path, message));
  }
}

const TypeMap& Generator::last_types() const { return impl_->last_types; }

std::vector<ExportVersion> Generator::Versions() const {
  std::vector<ExportVersion> versions;
  versions.reserve(impl_->symbols.size());
  for (const Symbol& symbol : impl_->symbols) versions.push_back({symbol.name, symbol.crc});
  return versions;
}

}  // namespace kcrc
