// `kcrc scan [options] PATH...`: Module.symvers and symtypes for an already
// built kernel (vmlinux and modules, e.g. from a -dbg package), each object
// versioned as `kcrc gen --exports=auto OBJECT` would, objects in parallel.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "engine_threads.h"
#include "kcrc/base/error.h"
#include "kcrc/scan/discover.h"
#include "kcrc/scan/scan.h"
#include "options.h"

namespace kcrc::cli {
namespace {

struct ScanArgs {
  std::vector<std::string> paths;
  std::string symvers = "-";
  std::optional<std::string> symtypes;
  std::optional<std::string> symtypes_dir;
  unsigned jobs = 0;
  bool stable = false;
  bool quiet = false;
  bool keep_going = false;
  bool list = false;
};

// A one-line progress bar on stderr, redrawn when the shown value changes.
class ProgressBar {
 public:
  void Update(size_t done, size_t total) {
    std::lock_guard<std::mutex> lock(mutex_);
    constexpr size_t kWidth = 40;
    const size_t filled = total ? done * kWidth / total : kWidth;
    if (done != total && filled == shown_ && done - last_ < 16) return;
    shown_ = filled;
    last_ = done;
    std::fprintf(stderr, "\rkcrc scan: [%s%s] %zu/%zu objects", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), done, total);
    std::fflush(stderr);
  }
  void Clear() { std::fputs("\r\033[K", stderr); }

 private:
  std::mutex mutex_;
  size_t shown_ = SIZE_MAX;
  size_t last_ = 0;
};

// Where each object's symtypes go under --symtypes-dir.
std::string SymtypesDirFile(const std::string& dir, const ScanInput& input) {
  return (std::filesystem::path(dir) / (input.module + ".symtypes")).string();
}

int Scan(const ScanArgs& args, CommandContext& context) {
  Output& output = context.output();
  const std::string symvers = Output::StdoutOrFile(args.symvers);
  Output::Reserve(symvers);
  if (args.symtypes) Output::Reserve(*args.symtypes);
  if (args.symtypes_dir) Output::Reserve(SymtypesDirFile(*args.symtypes_dir, {}), true);

  // Discovery, then every object on its own, then the ordered merge.
  const std::vector<ScanInput> inputs = DiscoverObjects(args.paths);
  if (args.list) {
    std::string text;
    for (const ScanInput& input : inputs) text += input.module + '\t' + input.path + '\n';
    output.Write(kStdout, text);
    return kExitOk;
  }
  ScanOptions options;
  options.stable = args.stable;
  options.symtypes = args.symtypes || args.symtypes_dir;
  ProgressBar bar;
  const bool progress = !args.quiet && isatty(STDERR_FILENO) && !inputs.empty();
  if (progress) options.progress = [&](size_t done, size_t total) { bar.Update(done, total); };
  EngineThreads threads(args.jobs);
  const std::vector<ObjectResult> results = ScanObjects(inputs, options, threads.workers());
  if (progress) bar.Clear();

  bool failed = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    for (const std::string& warning : results[i].warnings)
      context.Warn(inputs[i].path + ": " + warning);
    if (results[i].error) {
      context.messages().Error(*results[i].error);
      failed = true;
    }
  }
  if (failed && !args.keep_going) return kExitError;

  if (args.symtypes) output.Write(*args.symtypes, ConsolidatedSymtypes(inputs, results));
  if (args.symtypes_dir) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (results[i].symtypes.empty()) continue;
      output.Write(SymtypesDirFile(*args.symtypes_dir, inputs[i]), results[i].symtypes,
                   /*create_directories=*/true);
    }
  }
  output.Write(symvers, SymversText(results));
  if (!failed) return kExitOk;
  output.Commit();  // --keep-going: the outputs of the objects that worked
  return kExitError;
}

Runner SetupScan(CLI::App& app) {
  auto args = std::make_shared<ScanArgs>();
  app.add_option("PATH", args->paths, "directories, modules or vmlinux files")->required();
  app.add_option("-o,--symvers", args->symvers,
                 "write Module.symvers here ('-': stdout, the default)");
  app.add_option(
      "-T,--symtypes", args->symtypes,
      "write the symtypes of all objects to one file, a /* MODULE.symtypes */ block each");
  app.add_option("--symtypes-dir", args->symtypes_dir,
                 "write DIR/MODULE.symtypes for each object with exports");
  AddJobsOption(app, args->jobs, "threads (default 0: all cores)");
  app.add_flag("-s,--stable", args->stable, "support kABI stability features (as gen --stable)");
  app.add_flag("-q,--quiet", args->quiet,
               "no progress bar (it is shown only on a terminal anyway)");
  app.add_flag("--list", args->list, "only list the objects found: MODULE<TAB>PATH per line");
  app.add_flag("-k,--keep-going", args->keep_going,
               "write the outputs even when some objects fail (still exit 2)");
  return [args](CommandContext& context) { return Scan(*args, context); };
}

}  // namespace

extern const Command kScanCommand{
    .name = "scan",
    .summary = "process a whole built tree (vmlinux and modules) in parallel",
    .description =
        "Symbol versions (Module.symvers) and symtypes of a built kernel: vmlinux and modules "
        "(.ko, .ko.xz, .ko.zst) found under each PATH, each object versioned like `kcrc gen "
        "--exports=auto OBJECT`, in parallel. Export kinds and namespaces come from the "
        "objects' __ksymtab sections.",
    .examples =
        "  kcrc scan -o Module.symvers --symtypes-dir symtypes/ /usr/lib/debug/lib/modules\n"
        "  kcrc scan --list vmlinux drivers/\n",
    .exit_status = "0 ok, 2 error (each failing object is named).",
    .setup = SetupScan,
    .large_stack = true,
};

}  // namespace kcrc::cli
