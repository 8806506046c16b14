// `kcrc check`: will these modules load on that kernel, and if not, why?
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "engine_threads.h"
#include "kcrc/base/error.h"
#include "kcrc/check/check.h"
#include "kcrc/check/check_report.h"
#include "options.h"
#include "report_option.h"

namespace kcrc::cli {
namespace {

struct Format {
  std::string_view name;
  std::string_view description;
  std::string (*render)(const CheckResult&, const KernelExports&);
};

std::string Text(const CheckResult& result, const KernelExports&) { return CheckText(result); }

// The one table of report formats: parsing, validation and usage text.
constexpr Format kFormats[] = {
    {"text", "each problem in the loader's words, the why, a summary (default)", Text},
    {"json", "machine-readable verdicts (schema in docs/check.md)", CheckJson},
};

struct MissingVersions {
  std::string_view name;
  bool refuse;
  std::string_view description;
};
constexpr MissingVersions kMissingVersions[] = {
    {"warn", false, "warn and load the module, as upstream kernels do (default)"},
    {"refuse", true, "refuse it, as Debian's kernels do"},
};

struct CheckArgs {
  std::vector<std::string> kernels;
  std::string symtypes;
  std::optional<std::string> vermagic;
  ReportOption reports{kFormats, "text"};
  std::string missing_versions = "warn";
  unsigned jobs = 0;
  std::vector<std::string> modules;
};

int RunCheck(const CheckArgs& args, CommandContext& context) {
  const std::vector<ReportRequest> requests = args.reports.Begin();
  EngineThreads threads(args.jobs);
  KernelExports kernel = LoadKernel(args.kernels, threads.workers());
  if (args.vermagic) kernel.OverrideVermagic(*args.vermagic);
  const std::vector<ScanInput> modules = FindModules(args.modules);
  Check(!modules.empty(), "no modules (*.ko, *.ko.xz, *.ko.zst) in {}", args.modules.front());
  CheckOptions options;
  for (const MissingVersions& row : kMissingVersions)
    if (row.name == args.missing_versions) options.loader.refuse_missing_versions = row.refuse;
  options.kernel_symtypes = args.symtypes;
  const CheckResult result = CheckModules(kernel, modules, options, threads.workers());
  // A module that cannot be read: every error named, no report (it would be
  // a partial answer).
  bool errors = false;
  bool refused = false;
  for (const ModuleResult& module : result.modules) {
    if (module.error) {
      context.messages().Error(*module.error);
      errors = true;
    } else if (!module.verdict.loads) {
      refused = true;
    }
  }
  if (errors) return kExitError;
  for (const ReportRequest& request : requests)
    context.output().Write(request.path, kFormats[request.format].render(result, kernel));
  return refused ? kExitDifferences : kExitOk;
}

Runner SetupCheck(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  app.add_option("MODULE", args->modules, "modules (.ko, .ko.xz, .ko.zst) or directories of them")
      ->required();
  app.add_option("--kernel", args->kernels,
                 "the kernel: a Module.symvers (plain, .gz, .xz, .zst), a directory (a built "
                 "tree or an extracted debug package: vmlinux and modules) or vmlinux; repeat "
                 "to add out-of-tree providers")
      ->required()
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--kernel-symtypes", args->symtypes,
                 "the kernel's symtypes (kcrc scan -T of its debug package): explain refused "
                 "CRCs from the modules' debug info");
  app.add_option("--kernel-vermagic", args->vermagic,
                 "the kernel's vermagic, where the --kernel inputs do not tell it (a "
                 "Module.symvers does not): `modinfo -F vermagic` of one of its modules");
  args->reports.AddOption(app);
  std::vector<std::string> names;
  std::string help = "an import the module has no CRC for:";
  for (const MissingVersions& row : kMissingVersions) {
    names.emplace_back(row.name);
    help += "\n  " + std::string(row.name) + ": " + std::string(row.description);
  }
  app.add_option("--missing-versions", args->missing_versions, help)
      ->check(CLI::IsMember(names))
      ->capture_default_str();
  AddJobsOption(app, args->jobs, "threads (default 0: all cores)");
  return [args](CommandContext& context) { return RunCheck(*args, context); };
}

}  // namespace

extern const Command kCheckCommand{
    .name = "check",
    .summary = "will these modules load on that kernel, and if not, why",
    .description =
        "Judge each MODULE as the kernel's module loader (kernel/module/) would: CRCs "
        "(`disagrees about version of symbol`), missing and GPL-only exports (`Unknown "
        "symbol`), namespaces, vermagic and the size of struct module, each problem in the "
        "loader's words. With --kernel-symtypes, a refused CRC is explained from the module's "
        "own debug info against the kernel's records: the type that changed, how, and the path "
        "to it; a kernel whose CRCs are genksyms' is said so once. Details: docs/check.md.",
    .examples =
        "  kcrc check --kernel /boot/symvers-$(uname -r).gz my-driver.ko\n"
        "  kcrc check --kernel dbg/usr/lib/debug --kernel-symtypes kernel.symtypes vendor/\n"
        "  kcrc check --kernel Module.symvers --format=text --format=json:check.json modules/\n",
    .exit_status = "0 every module would load, 1 some would be refused, 2 error.",
    .setup = SetupCheck,
    .large_stack = true,
};

}  // namespace kcrc::cli
