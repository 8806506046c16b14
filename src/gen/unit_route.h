// The units of one object, through one route (the ordered pipeline of
// base/workers.h). Per unit:
//
//   export pass     any worker    which DIEs stand for exports (pure)
//   mapping         unit order    which symbol gets which DIE (first wins)
//   render+collect  any worker    FQN pass, renderings, flattened items
//   merge           unit order    into the object's type map
//
// With width 1 (one thread, or an option whose output follows the unit
// order: --stable, the dumps) each unit passes all four before the next, on
// the calling thread, with the object's DwarfFile. Wider, each worker reads
// the file through its own DwarfFile (libdw is not thread-safe) over the main
// handle's mapping; the ordered stages keep the result the one-thread result.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "gen/export_list.h"
#include "gen/object_symbols.h"
#include "gen/object_types.h"
#include "gen/symbol_mapper.h"
#include "kcrc/base/workers.h"
#include "kcrc/dwarf/dwarf_file.h"
#include "kcrc/dwarf/fqn.h"
#include "kcrc/gen/generator.h"
#include "kcrc/render/die_map.h"
#include "kcrc/render/renderer.h"

namespace kcrc {

// One thread's reader and renderer.
struct UnitWorker {
  // With `dump_dies`, the renderer writes --dump-dies text to `dump`.
  UnitWorker(DwarfFile& file, const RenderOptions& options, bool dump_dies);
  // A worker with its own handle on `main`'s file.
  UnitWorker(const ElfFile& elf, const DwarfFile& main, const RenderOptions& options,
             bool dump_dies);

  std::unique_ptr<DwarfFile> own_dwarf;
  DwarfFile& dwarf;
  FqnTable fqns;
  DieMap map;
  std::string dump;  // --dump-dies text of the unit being rendered
  Renderer renderer;
};

// One unit's renderings on a worker. The session's end drops what the unit
// left (the renderer's per-unit caches, the nodes, the renderings), so that
// memory stays bounded by one unit: vmlinux has thousands of units, each
// with its own copy of the common headers' types.
class UnitSession {
 public:
  UnitSession(UnitWorker& worker, const UnitInfo& unit);
  ~UnitSession();
  UnitSession(const UnitSession&) = delete;
  UnitSession& operator=(const UnitSession&) = delete;

  void Render(const std::vector<RenderRequest>& requests);

  template <typename ShouldFlatten>
  UnitItems Collect(const KabiRules* rules, ShouldFlatten&& should_flatten) {
    return CollectUnitItems(worker_.map, rules, should_flatten);
  }

 private:
  UnitWorker& worker_;
};

// How many units may be in flight: 1 unless the object and options allow
// units in parallel without changing any output and it pays (a second
// libdw handle per thread): more than one thread, no --stable or dump
// options, and, unless tuning says any object, at least
// `tuning.parallel_min_units` units, not relocatable (each handle would
// apply the relocations again), all C or assembler (C units need no FQN
// pass, whose table spans units).
size_t UnitRouteWidth(const GenOptions& options, const GenTuning& tuning, const DwarfFile& dwarf,
                      size_t threads);

struct UnitRouteSetup {
  const ElfFile& elf;
  DwarfFile& dwarf;              // the object's main handle
  size_t width;                  // from UnitRouteWidth
  RenderOptions render_options;  // dump_dies unset: see below
  const KabiRules* rules;        // with --stable, else null
  bool dump_dies = false;        // --dump-dies: each unit's text goes to the diagnostics
};

class UnitRoute {
 public:
  UnitRoute(const UnitRouteSetup& setup, Workers& workers);
  ~UnitRoute();

  // Runs every unit of the file.
  void Run(SymbolMapper& mapper, ObjectTypes& types, Diagnostics& diagnostics);

  // The worker of a width-1 route, whose renderer saw every unit (the kABI
  // checks read what it applied).
  const UnitWorker& only_worker() const { return *single_; }

 private:
  UnitWorker& Worker();

  UnitRouteSetup setup_;
  Workers& threads_;
  // By Workers::CurrentSlot(); created on first use.
  std::vector<std::unique_ptr<UnitWorker>> workers_;
  UnitWorker* single_ = nullptr;  // width 1: the one worker
};

}  // namespace kcrc
