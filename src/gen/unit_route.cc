#include "gen/unit_route.h"

#include <algorithm>
#include <utility>

#include "gen/export_pass.h"
#include "gen/tuning.h"
#include "kcrc/gen/longest_expansions.h"

namespace kcrc {
namespace {

RenderOptions WithDump(RenderOptions options, std::string& dump, bool dump_dies) {
  options.dump_dies = dump_dies ? &dump : nullptr;
  return options;
}

}  // namespace

UnitWorker::UnitWorker(DwarfFile& file, const RenderOptions& options, bool dump_dies)
    : dwarf(file), renderer(dwarf, fqns, map, WithDump(options, dump, dump_dies)) {}

UnitWorker::UnitWorker(const ElfFile& elf, const DwarfFile& main, const RenderOptions& options,
                       bool dump_dies)
    : own_dwarf(std::make_unique<DwarfFile>(elf, &main)),
      dwarf(*own_dwarf),
      renderer(dwarf, fqns, map, WithDump(options, dump, dump_dies)) {}

UnitSession::UnitSession(UnitWorker& worker, const UnitInfo& unit) : worker_(worker) {
  worker_.fqns.AddUnit(worker_.dwarf, unit);
}

UnitSession::~UnitSession() {
  worker_.renderer.EndUnit();
  worker_.dwarf.ForgetNodes();  // a unit's nodes are rarely needed again
  worker_.map.Clear();
}

void UnitSession::Render(const std::vector<RenderRequest>& requests) {
  for (const RenderRequest& request : requests)
    worker_.renderer.RenderSymbol(request.die, request.kind);
}

size_t UnitRouteWidth(const GenOptions& options, const GenTuning& tuning, const DwarfFile& dwarf,
                      size_t threads) {
  if (threads <= 1 || options.stable || options.dump_dies || options.dump_types ||
      options.dump_versions || tuning.always_replay)
    return 1;
  const std::vector<UnitInfo>& units = dwarf.units();
  if (tuning.parallel_min_units != 0 &&
      (units.size() < tuning.parallel_min_units || dwarf.relocatable()))
    return 1;
  // Assembler units (vmlinux has some) have no types to qualify either.
  const bool c_only = std::all_of(units.begin(), units.end(), [](const UnitInfo& unit) {
    return IsCLanguage(unit.language) || unit.language == DW_LANG_Mips_Assembler;
  });
  return c_only ? 4 * threads : 1;
}

UnitRoute::UnitRoute(const UnitRouteSetup& setup, Workers& workers)
    : setup_(setup), threads_(workers), workers_(workers.threads()) {
  // One thread: the object's own handle renders.
  if (setup_.width == 1) {
    std::unique_ptr<UnitWorker>& worker = workers_[threads_.CurrentSlot()];
    worker = std::make_unique<UnitWorker>(setup_.dwarf, setup_.render_options, setup_.dump_dies);
    single_ = worker.get();
  }
}

UnitRoute::~UnitRoute() = default;

UnitWorker& UnitRoute::Worker() {
  if (single_) return *single_;
  std::unique_ptr<UnitWorker>& worker = workers_[threads_.CurrentSlot()];
  if (!worker)
    worker = std::make_unique<UnitWorker>(setup_.elf, std::as_const(setup_.dwarf),
                                          setup_.render_options, setup_.dump_dies);
  return *worker;
}

void UnitRoute::Run(SymbolMapper& mapper, ObjectTypes& types, Diagnostics& diagnostics) {
  struct Job {
    std::vector<ExportMatch> matches;
    std::vector<RenderRequest> requests;
    UnitItems items;
  };
  const std::vector<UnitInfo>& units = setup_.dwarf.units();
  std::vector<Job> jobs(units.size());
  const bool one_handle = setup_.width == 1;
  LongestExpansions lengths;  // with several units in flight
  std::vector<Workers::Stage> stages;
  // Export pass: which DIEs stand for exports.
  stages.push_back({false, [&](size_t unit) {
                      jobs[unit].matches =
                          ScanUnitExports(Worker().dwarf, units[unit], mapper.exports());
                    }});
  // Mapping, in unit order: which symbol gets which DIE.
  stages.push_back({true, [&](size_t unit) {
                      Job& job = jobs[unit];
                      job.requests = mapper.ApplyUnit(job.matches);
                      job.matches = {};
                      // The main handle read only pointer types here.
                      if (!one_handle) setup_.dwarf.ForgetNodes();
                    }});
  // Rendering and collecting what the unit adds to the type map.
  stages.push_back({false, [&](size_t unit) {
                      Job& job = jobs[unit];
                      UnitWorker& worker = Worker();
                      UnitSession session(worker, units[unit]);
                      session.Render(job.requests);
                      job.requests = {};
                      if (one_handle) {
                        job.items =
                            session.Collect(setup_.rules, [&](std::string_view key, size_t length) {
                              return types.types().WouldStore(key, length);
                            });
                      } else {
                        job.items =
                            session.Collect(setup_.rules, [&](std::string_view key, size_t length) {
                              return lengths.Offer(key, length, unit);
                            });
                      }
                    }});
  // Merge, in unit order; the unit's input pages are given back.
  stages.push_back({true, [&](size_t unit) {
                      if (setup_.dump_dies) {  // width 1
                        UnitWorker& worker = Worker();
                        if (!worker.dump.empty()) {
                          diagnostics.Dump(worker.dump);
                          worker.dump.clear();
                        }
                      }
                      types.Merge(std::move(jobs[unit].items));
                      jobs[unit].items = {};
                      setup_.dwarf.ReleaseUnitsThrough(
                          unit);  // for all handles: they share the mapping
                    }});
  threads_.Pipeline(units.size(), setup_.width, stages);
}

}  // namespace kcrc
