// `kcrc gen` and `gendwarfksyms`: the reference's command line, byte for byte
// where kbuild can see it (stdout, the symtypes file, option spelling).
#include <getopt.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "engine_threads.h"
#include "kcrc/base/atomic_file.h"
#include "kcrc/base/diagnostics.h"
#include "kcrc/base/error.h"
#include "kcrc/base/metrics.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/exports/auto_exports.h"
#include "kcrc/exports/symbol_list.h"
#include "kcrc/gen/generator.h"
#include "large_stack.h"

namespace kcrc::cli {
namespace {

// Exit statuses: the reference exits 1 for usage errors; processing errors
// (bad input) are 2, as for every kcrc command.
constexpr int kExitUsage = 1;
constexpr int kExitError = 2;

constexpr const char* kReferenceUsage =
    "Usage: gendwarfksyms [options] elf-object-file ... < symbol-list\n"
    "\n"
    "Options:\n"
    "  -d, --debug          Print debugging information\n"
    "      --dump-dies      Dump DWARF DIE contents\n"
    "      --dump-die-map   Print debugging information about die_map changes\n"
    "      --dump-types     Dump type strings\n"
    "      --dump-versions  Dump expanded type strings used for symbol versions\n"
    "  -s, --stable         Support kABI stability features\n"
    "  -T, --symtypes file  Write a symtypes file\n"
    "  -h, --help           Print this message\n"
    "\n";

constexpr const char* kKcrcExtras =
    "kcrc options:\n"
    "      --exports=auto   Find the exports in the objects (__export_symbol_*,\n"
    "                       __ksymtab_*) instead of reading them from stdin\n"
    "      --kabi-check=off|warn|error\n"
    "                       With --stable: check that kABI tricks are layout-safe\n"
    "                       (default warn; error makes findings fatal, exit 2)\n"
    "      --kabi-report=FILE\n"
    "                       With --stable: write which rules and conventions\n"
    "                       changed each CRC, with the CRC without them\n"
    "      --jobs=N         Render the units of a large linked object (vmlinux), and\n"
    "                       version many symbols, on N threads (default 1; 0: all\n"
    "                       cores); same output\n"
    "      --metrics        Print the time of each stage to stderr at the end\n"
    "\n"
    "Examples:\n"
    "  nm obj.o | sed -n 's/.*__export_symbol_//p' | kcrc gen -T obj.symtypes obj.o\n"
    "  kcrc gen --exports=auto --stable -T mod.symtypes mod.ko\n"
    "\n"
    "Exit status: 0 ok, 1 usage error, 2 bad input.\n";

class StderrDiagnostics : public Diagnostics {
 public:
  explicit StderrDiagnostics(std::string prefix) : prefix_(std::move(prefix)) {}
  void Warning(std::string_view message) override {
    std::fprintf(stderr, "warning: %s: %.*s\n", prefix_.c_str(), static_cast<int>(message.size()),
                 message.data());
  }
  void Dump(std::string_view text) override { std::fwrite(text.data(), 1, text.size(), stderr); }

 private:
  std::string prefix_;
};

struct GenArgs {
  GenOptions options;
  size_t jobs = 1;
  bool metrics = false;
  std::optional<std::string> symtypes;
  std::optional<std::string> kabi_report;
  bool auto_exports = false;
  std::vector<std::string> objects;
};

enum LongOnly {
  kDumpDies = 256,
  kDumpDieMap,
  kDumpTypes,
  kDumpVersions,
  kExports,
  kKabiCheck,
  kKabiReport,
  kJobs,
  kMetrics,
};

// Parses the command line like the reference (getopt_long, "dsT:h", unique
// prefixes of long options). Returns an exit status when parsing ends the run.
std::optional<int> ParseArgs(int argc, char** argv, bool as_reference, GenArgs& args) {
  static const option kOptions[] = {
      {"debug", no_argument, nullptr, 'd'},
      {"dump-dies", no_argument, nullptr, kDumpDies},
      {"dump-die-map", no_argument, nullptr, kDumpDieMap},
      {"dump-types", no_argument, nullptr, kDumpTypes},
      {"dump-versions", no_argument, nullptr, kDumpVersions},
      {"stable", no_argument, nullptr, 's'},
      {"symtypes", required_argument, nullptr, 'T'},
      {"help", no_argument, nullptr, 'h'},
      {"exports", required_argument, nullptr, kExports},
      {"kabi-check", required_argument, nullptr, kKabiCheck},
      {"kabi-report", required_argument, nullptr, kKabiReport},
      {"jobs", required_argument, nullptr, kJobs},
      {"metrics", no_argument, nullptr, kMetrics},
      {nullptr, 0, nullptr, 0},
  };
  auto usage = [&] {
    std::fputs(kReferenceUsage, stderr);
    if (!as_reference) std::fputs(kKcrcExtras, stderr);
  };
  optind = 1;
  int opt;
  while ((opt = getopt_long(argc, argv, "dsT:h", kOptions, nullptr)) != -1) {
    switch (opt) {
      case 'd':
        break;  // debug messages are not part of kcrc's interface
      case 's':
        args.options.stable = true;
        break;
      case 'T':
        args.symtypes = optarg;
        break;
      case 'h':
        usage();
        return 0;
      case kDumpDies:
        args.options.dump_dies = true;
        break;
      case kDumpDieMap:
        args.options.dump_dies = true;
        break;  // markers are not reproduced
      case kDumpTypes:
        args.options.dump_types = true;
        break;
      case kDumpVersions:
        args.options.dump_versions = true;
        break;
      case kExports:
        if (std::strcmp(optarg, "auto") != 0 && std::strcmp(optarg, "stdin") != 0) {
          std::fprintf(stderr, "%s: --exports takes 'auto' or 'stdin'\n", argv[0]);
          return kExitUsage;
        }
        args.auto_exports = std::strcmp(optarg, "auto") == 0;
        break;
      case kKabiCheck:
        if (std::strcmp(optarg, "off") == 0) {
          args.options.kabi_check = KabiCheckMode::kOff;
        } else if (std::strcmp(optarg, "warn") == 0) {
          args.options.kabi_check = KabiCheckMode::kWarn;
        } else if (std::strcmp(optarg, "error") == 0) {
          args.options.kabi_check = KabiCheckMode::kError;
        } else {
          std::fprintf(stderr, "%s: --kabi-check takes off, warn or error\n", argv[0]);
          return kExitUsage;
        }
        break;
      case kKabiReport:
        args.kabi_report = optarg;
        args.options.kabi_report = true;
        break;
      case kJobs: {
        char* end = nullptr;
        const unsigned long jobs = std::strtoul(optarg, &end, 10);
        if (*optarg == '\0' || *end != '\0' || jobs > 4096) {
          std::fprintf(stderr, "%s: --jobs takes a number of threads (0: all cores)\n", argv[0]);
          return kExitUsage;
        }
        args.jobs = jobs != 0 ? jobs : AllCores();
        break;
      }
      case kMetrics:
        args.metrics = true;
        break;
      default:
        usage();
        return kExitUsage;
    }
  }
  for (int i = optind; i < argc; ++i) args.objects.emplace_back(argv[i]);
  if (args.objects.empty()) {
    usage();
    std::fprintf(stderr, "error: gendwarfksyms: main: no input files?\n");
    return kExitUsage;
  }
  // The report compares symbol records, which symtypes mode builds.
  args.options.symtypes = args.symtypes.has_value() || args.kabi_report.has_value();
  return std::nullopt;
}

int Generate(const GenArgs& args, const char* prefix) {
  StderrDiagnostics diagnostics(prefix);
  std::optional<Metrics> metrics;
  if (args.metrics) metrics.emplace();
  std::vector<std::string> exports;
  // With --exports=auto every object is opened first (once: they are then
  // processed from these handles).
  std::vector<std::unique_ptr<ElfFile>> opened;
  {
    ScopedTimer timer(metrics ? &*metrics : nullptr, "gen: exports");
    if (args.auto_exports) {
      for (const std::string& object : args.objects)
        opened.push_back(std::make_unique<ElfFile>(object));
      exports = FindExports(opened);
    } else {
      exports = ReadSymbolList(stdin, "<stdin>");
    }
  }
  // Nothing to version: touch nothing, not even the inputs.
  if (exports.empty()) return 0;

  EngineThreads threads(args.jobs);
  const Context context{threads.workers(), diagnostics, metrics ? &*metrics : nullptr};
  Generator generator(std::move(exports), args.options, context);
  for (size_t i = 0; i < args.objects.size(); ++i) {
    if (opened.empty()) {
      generator.ProcessObject(args.objects[i]);
    } else {
      generator.ProcessObject(*opened[i]);
      opened[i].reset();  // its memory is given back before the next object
    }
  }

  for (const std::string& finding : generator.kabi_findings()) {
    if (args.options.kabi_check == KabiCheckMode::kOff) break;
    const bool fatal = args.options.kabi_check == KabiCheckMode::kError;
    std::fprintf(stderr, "%s: %s: kabi: %s\n", fatal ? "error" : "warning", prefix,
                 finding.c_str());
  }
  if (args.options.kabi_check == KabiCheckMode::kError && !generator.kabi_findings().empty())
    return kExitError;

  if (args.symtypes) WriteFileAtomically(*args.symtypes, generator.symtypes());
  if (args.kabi_report) WriteFileAtomically(*args.kabi_report, generator.kabi_report());

  const std::string out = SymverText(generator.Versions(), diagnostics);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (metrics) {
    const std::string report = metrics->Report();
    std::fwrite(report.data(), 1, report.size(), stderr);
  }
  return std::fflush(stdout) == 0 ? 0 : kExitError;
}

}  // namespace

int RunGen(int argc, char** argv, std::string_view program_name) {
  const bool as_reference = program_name == "gendwarfksyms";
  const std::string prefix(program_name);
  std::vector<char*> arguments(argv, argv + argc);
  arguments[0] = const_cast<char*>(prefix.c_str());
  GenArgs args;
  if (auto status = ParseArgs(argc, arguments.data(), as_reference, args)) return *status;
  try {
    return RunWithLargeStack(
        [&] { return Generate(args, as_reference ? "gendwarfksyms" : "kcrc gen"); });
  } catch (const Error& e) {
    std::fprintf(stderr, "error: %s: %s\n", as_reference ? "gendwarfksyms" : "kcrc gen", e.what());
    return kExitError;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "error: %s: out of memory\n", prefix.c_str());
    return kExitError;
  }
}

}  // namespace kcrc::cli
