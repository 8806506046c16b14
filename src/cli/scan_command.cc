// `kcrc scan [options] PATH...`: Module.symvers and symtypes for an already
// built kernel (vmlinux and modules, e.g. from a -dbg package), each object
// versioned as `kcrc gen --exports=auto OBJECT` would, objects in parallel.
// Exit status: 0 ok, 2 error (usage or an object that could not be read).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "engine_threads.h"
#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/scan/discover.h"
#include "kcrc/scan/scan.h"
#include "large_stack.h"

namespace kcrc::cli {
namespace {

constexpr const char* kProgram = "kcrc scan";
constexpr int kExitError = 2;

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
    std::fprintf(stderr, "\r%s: [%s%s] %zu/%zu objects", kProgram, std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), done, total);
    std::fflush(stderr);
  }
  void Clear() { std::fputs("\r\033[K", stderr); }

 private:
  std::mutex mutex_;
  size_t shown_ = SIZE_MAX;
  size_t last_ = 0;
};

void WriteOutput(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    Check(std::fflush(stdout) == 0, "writing to stdout failed");
    return;
  }
  WriteFileAtomically(path, text);
}

int Scan(const ScanArgs& args) {
  // Discovery, then every object on its own, then the ordered merge.
  const std::vector<ScanInput> inputs = DiscoverObjects(args.paths);
  if (args.list) {
    std::string text;
    for (const ScanInput& input : inputs) text += input.module + '\t' + input.path + '\n';
    WriteOutput("-", text);
    return 0;
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
      std::fprintf(stderr, "warning: %s: %s: %s\n", kProgram, inputs[i].path.c_str(),
                   warning.c_str());
    if (results[i].error) {
      std::fprintf(stderr, "error: %s: %s\n", kProgram, results[i].error->c_str());
      failed = true;
    }
  }
  if (failed && !args.keep_going) return kExitError;

  if (args.symtypes) WriteOutput(*args.symtypes, ConsolidatedSymtypes(inputs, results));
  if (args.symtypes_dir) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (results[i].symtypes.empty()) continue;
      const std::filesystem::path file =
          std::filesystem::path(*args.symtypes_dir) / (inputs[i].module + ".symtypes");
      std::error_code error;
      std::filesystem::create_directories(file.parent_path(), error);
      Check(!error, "cannot create '{}': {}", file.parent_path().string(), error.message());
      WriteFileAtomically(file.string(), results[i].symtypes);
    }
  }
  WriteOutput(args.symvers, SymversText(results));
  return failed ? kExitError : 0;
}

}  // namespace

int RunScan(int argc, char** argv) {
  CLI::App app(
      "Symbol versions (Module.symvers) and symtypes of a built kernel: vmlinux and modules\n"
      "(.ko, .ko.xz, .ko.zst) found under each PATH, each object versioned like\n"
      "`kcrc gen --exports=auto OBJECT`, in parallel. Export kinds and namespaces come from\n"
      "the objects' __ksymtab sections.\n\nExit status: 0 ok, 2 error.",
      kProgram);
  ScanArgs args;
  app.add_option("paths", args.paths, "Directories, modules or vmlinux files")->required();
  app.add_option("-o,--symvers", args.symvers,
                 "Write Module.symvers here ('-': stdout, the default)");
  app.add_option(
      "-T,--symtypes", args.symtypes,
      "Write the symtypes of all objects to one file, a /* MODULE.symtypes */ block each");
  app.add_option("--symtypes-dir", args.symtypes_dir,
                 "Write DIR/MODULE.symtypes for each object with exports");
  app.add_option("-j,--jobs", args.jobs, "Threads (default: all cores)")
      ->check(CLI::Range(1u, 4096u));
  app.add_flag("-s,--stable", args.stable, "Support kABI stability features (as gen --stable)");
  app.add_flag("-q,--quiet", args.quiet, "No progress bar (it is shown only on a terminal anyway)");
  app.add_flag("--list", args.list, "Only list the objects found: MODULE<TAB>PATH per line");
  app.add_flag("-k,--keep-going", args.keep_going,
               "Write the outputs even when some objects fail (still exit 2)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kExitError;
  }
  try {
    return RunWithLargeStack([&] { return Scan(args); });
  } catch (const Error& e) {
    std::fprintf(stderr, "error: %s: %s\n", kProgram, e.what());
    return kExitError;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "error: %s: out of memory\n", kProgram);
    return kExitError;
  }
}

}  // namespace kcrc::cli
