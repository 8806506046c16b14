#include "kcrc/check/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "kcrc/base/error.h"
#include "kcrc/base/workers.h"
#include "kcrc/check/module_file.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/scan/decompress.h"

namespace kcrc {
namespace {

ModuleResult CheckOne(const KernelExports& kernel, const ScanInput& input,
                      const CheckOptions& options, const Corpus* symtypes, Workers& workers) {
  ModuleResult result;
  result.path = input.path;
  try {
    // One open: the same bytes serve the loader's checks and the explanations.
    const std::unique_ptr<ElfFile> elf = OpenBinary(input.path, input.compression);
    const ModuleFile module = ReadModuleFile(*elf, input.path);
    result.name = module.name;
    result.verdict = JudgeModule(module, kernel, options.loader);
    if (symtypes == nullptr) return result;
    std::vector<std::string> mismatched;
    for (const Problem& problem : result.verdict.problems)
      if (problem.kind == ProblemKind::kCrc && problem.module_crc)
        mismatched.push_back(problem.symbol);
    if (!mismatched.empty())
      result.whys = ExplainImports(*elf, module.has_debug_info, mismatched, *symtypes, workers);
  } catch (const Error& error) {
    result.error = error.what();
    if (result.error->find(input.path) == std::string::npos)
      result.error = input.path + ": " + *result.error;
  } catch (const std::bad_alloc&) {
    result.error = input.path + ": out of memory";
  }
  return result;
}

size_t CountProblems(const CheckResult& result, ProblemKind kind) {
  size_t count = 0;
  for (const ModuleResult& module : result.modules)
    for (const Problem& problem : module.verdict.problems)
      if (problem.kind == kind && problem.module_crc) ++count;
  return count;
}

// Refused CRCs whose why found no cause: said one by one while they are few.
constexpr size_t kManyUnexplained = 20;

bool Unexplained(const ImportWhy& why) {
  return why.status == WhyStatus::kTypesEqual || why.status == WhyStatus::kNotInModule;
}

size_t CountUnexplained(const CheckResult& result) {
  size_t count = 0;
  for (const ModuleResult& module : result.modules)
    for (const ImportWhy& why : module.whys) count += Unexplained(why);
  return count;
}

size_t DropUnexplainedNotes(CheckResult& result) {
  for (ModuleResult& module : result.modules)
    for (ImportWhy& why : module.whys)
      if (Unexplained(why)) why.note.clear();
  return CountUnexplained(result);
}

// What is said once for the whole run. Under the genksyms trap the per-import
// "types are equal" notes are dropped: they would all say the same thing.
std::vector<std::string> RunNotes(CheckResult& result, const CheckOptions& options,
                                  const KernelExports& kernel) {
  std::vector<std::string> notes;
  const size_t mismatches = CountProblems(result, ProblemKind::kCrc);
  if (const std::optional<KernelCrcOrigin>& origin = result.crc_origin) {
    if (origin->sampled == 0) {
      notes.push_back(fmt::format(
          "{} has no records of the kernel's exports (or the kernel carries no CRCs): CRC "
          "differences are not explained",
          options.kernel_symtypes));
    } else if (!origin->from_these_symtypes()) {
      const size_t unexplained = DropUnexplainedNotes(result);
      notes.push_back(fmt::format(
          "the kernel's CRCs were not made from the types in {}: kcrc recomputes the CRC the "
          "kernel carries for only {} of {} sampled exports (a kernel built with genksyms "
          "rather than gendwarfksyms, or symtypes of another build). The verdicts are the "
          "loader's and exact; where the module's debug info shows no difference from the "
          "kernel's types ({} of {} refused CRCs), the difference is not one DWARF can explain, "
          "and no cause is given",
          options.kernel_symtypes, origin->agreeing, origin->sampled, unexplained, mismatches));
    } else if (size_t unexplained = CountUnexplained(result);
               unexplained > kManyUnexplained && unexplained * 10 > mismatches * 9) {
      DropUnexplainedNotes(result);
      notes.push_back(fmt::format(
          "{} of {} refused CRCs show no difference between the types in the modules' debug "
          "info and the kernel's records: the modules' CRCs were not made from these types "
          "(modules built with genksyms, or against another build of the kernel). The verdicts "
          "are the loader's and exact",
          unexplained, mismatches));
    }
  } else if (mismatches != 0) {
    notes.push_back(fmt::format(
        "{} refused CRC{}: give --kernel-symtypes FILE (the kernel's symtypes, e.g. from `kcrc "
        "scan -T FILE` of its debug package) to see which types differ",
        mismatches, mismatches == 1 ? "" : "s"));
  }
  for (const std::string& note : kernel.notes()) notes.push_back(note);
  return notes;
}

}  // namespace

std::vector<ScanInput> FindModules(const std::vector<std::string>& paths) {
  std::vector<ScanInput> modules;
  // One argument at a time: two arguments may hold modules of one name
  // (a module and its rebuild), which a check takes as two modules.
  for (const std::string& path : paths) {
    for (ScanInput& input : DiscoverObjects({path})) {
      const bool named = input.path == path;
      if (input.module == "vmlinux" && !named) continue;
      modules.push_back(std::move(input));
    }
  }
  return modules;
}

CheckResult CheckModules(const KernelExports& kernel, const std::vector<ScanInput>& modules,
                         const CheckOptions& options, Workers& workers) {
  CheckResult result;
  std::optional<Corpus> symtypes;
  if (!options.kernel_symtypes.empty()) {
    symtypes.emplace(Corpus::Load(options.kernel_symtypes));
    result.crc_origin = MeasureKernelCrcOrigin(*symtypes, kernel);
  }
  result.modules.resize(modules.size());
  // Largest first: the why of a big module renders its DWARF.
  std::vector<size_t> order(modules.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return modules[a].size > modules[b].size; });
  const Corpus* records = symtypes ? &*symtypes : nullptr;
  // Each slot is written by one task; results stay in input order.
  workers.ForEach(order.size(), [&](size_t i) {
    result.modules[order[i]] = CheckOne(kernel, modules[order[i]], options, records, workers);
  });
  result.notes = RunNotes(result, options, kernel);
  return result;
}

}  // namespace kcrc
