// `kcrc gen` and `gendwarfksyms`: the reference's command line, byte for byte
// where kbuild can see it (stdout, the symtypes file, option spelling).
//
// Options are parsed with getopt_long, as the reference parses them (unique
// prefixes of long options, `-T F` and `--symtypes=F`), from kGenOptions,
// which also gives CLI11 the option list for `kcrc gen --help`. Through the
// gendwarfksyms link the usage text, the messages and the statuses of
// option errors are the reference's.
#include <getopt.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "engine_threads.h"
#include "kcrc/base/metrics.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/exports/auto_exports.h"
#include "kcrc/exports/symbol_list.h"
#include "kcrc/gen/generator.h"
#include "options.h"

namespace kcrc::cli {
namespace {

// The reference exits 1 for usage errors; processing errors (bad input)
// are 2, as for every kcrc command.
constexpr int kExitUsage = 1;

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

enum class GenOption {
  kDebug,
  kDumpDies,
  kDumpDieMap,
  kDumpTypes,
  kDumpVersions,
  kStable,
  kSymtypes,
  kHelp,
  kExports,
  kKabiCheck,
  kKabiReport,
  kJobs,
  kMetrics,
};

struct GenOptionInfo {
  GenOption option;
  const char* name;        // the long name
  char short_name;         // 0: none
  const char* value_name;  // nullptr: a flag
  const char* help;
};

// The one table of gen's options: getopt_long's, the help's and the list's.
constexpr GenOptionInfo kGenOptions[] = {
    {GenOption::kDebug, "debug", 'd', nullptr, "accepted; kcrc prints no debug messages"},
    {GenOption::kDumpDies, "dump-dies", 0, nullptr, "print each symbol's DIE walk on stderr"},
    {GenOption::kDumpDieMap, "dump-die-map", 0, nullptr,
     "as --dump-dies (the reference's die_map markers are not reproduced)"},
    {GenOption::kDumpTypes, "dump-types", 0, nullptr,
     "print every type map insertion and replacement on stderr"},
    {GenOption::kDumpVersions, "dump-versions", 0, nullptr,
     "print the expanded string whose CRC is each version on stderr"},
    {GenOption::kStable, "stable", 's', nullptr,
     "support kABI stability features (kABI rules, __kabi_ unions)"},
    {GenOption::kSymtypes, "symtypes", 'T', "FILE", "write the symtypes file (atomically)"},
    {GenOption::kHelp, "help", 'h', nullptr, "print this help and exit"},
    {GenOption::kExports, "exports", 0, "auto|stdin",
     "auto: find the exports in the objects (__export_symbol_*, __ksymtab_*) instead of "
     "reading them from stdin (the default)"},
    {GenOption::kKabiCheck, "kabi-check", 0, "off|warn|error",
     "with --stable: check that kABI tricks keep the layout (default warn; error makes "
     "findings fatal, exit 2)"},
    {GenOption::kKabiReport, "kabi-report", 0, "FILE",
     "with --stable: write which rules and conventions changed each CRC, with the CRC "
     "without them"},
    {GenOption::kJobs, "jobs", 0, "N",
     "render the units of a large linked object (vmlinux), and version many symbols, on N "
     "threads (default 1; 0: all cores); same output"},
    {GenOption::kMetrics, "metrics", 0, nullptr,
     "print the time of each stage to stderr at the end"},
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

// The long options that start with `prefix` (getopt_long's matching).
size_t Matches(std::string_view prefix) {
  size_t count = 0;
  for (const GenOptionInfo& info : kGenOptions) {
    const std::string_view name = info.name;
    if (name == prefix) return 1;
    count += name.starts_with(prefix);
  }
  return count;
}

// getopt_long's complaint about argv[optind - 1], in kcrc's words.
std::string OptionError(int result, int argc, char** argv) {
  const std::string arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
  if (optopt != 0 && !(arg.starts_with("--")))
    return result == ':' ? fmt::format("option -{} needs a value", static_cast<char>(optopt))
                         : fmt::format("unknown option -{}", static_cast<char>(optopt));
  const std::string name = arg.substr(0, arg.find('='));
  if (result == ':') return fmt::format("option {} needs a value", name);
  if (Matches(name.substr(std::min<size_t>(2, name.size()))) > 1)
    return fmt::format("option {} is ambiguous", name);
  return fmt::format("unknown option {}", name);
}

// Sets one option from its value; returns the value's error ("" if none).
std::string SetOption(GenOption option, const char* value, GenArgs& args) {
  const std::string text = value != nullptr ? value : "";
  switch (option) {
    case GenOption::kDebug:
      break;  // debug messages are not part of kcrc's interface
    case GenOption::kStable:
      args.options.stable = true;
      break;
    case GenOption::kSymtypes:
      args.symtypes = text;
      break;
    case GenOption::kHelp:
      break;  // handled by the caller
    case GenOption::kDumpDies:
    case GenOption::kDumpDieMap:  // markers are not reproduced
      args.options.dump_dies = true;
      break;
    case GenOption::kDumpTypes:
      args.options.dump_types = true;
      break;
    case GenOption::kDumpVersions:
      args.options.dump_versions = true;
      break;
    case GenOption::kExports:
      if (text != "auto" && text != "stdin")
        return fmt::format("--exports: value '{}' is not auto or stdin", text);
      args.auto_exports = text == "auto";
      break;
    case GenOption::kKabiCheck:
      if (text == "off") {
        args.options.kabi_check = KabiCheckMode::kOff;
      } else if (text == "warn") {
        args.options.kabi_check = KabiCheckMode::kWarn;
      } else if (text == "error") {
        args.options.kabi_check = KabiCheckMode::kError;
      } else {
        return fmt::format("--kabi-check: value '{}' is not off, warn or error", text);
      }
      break;
    case GenOption::kKabiReport:
      args.kabi_report = text;
      args.options.kabi_report = true;
      break;
    case GenOption::kJobs: {
      std::string copy = text;
      if (std::string error = IntegerIn(0, 4096)(copy); !error.empty()) return "--jobs: " + error;
      const size_t jobs = std::stoul(text);
      args.jobs = jobs != 0 ? jobs : AllCores();
      break;
    }
    case GenOption::kMetrics:
      args.metrics = true;
      break;
  }
  return "";
}

int Generate(const GenArgs& args, CommandContext& context) {
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
  if (exports.empty()) return kExitOk;
  // The outputs can be written (checked before any object is read).
  if (args.symtypes) Output::Reserve(*args.symtypes);
  if (args.kabi_report) Output::Reserve(*args.kabi_report);

  EngineThreads threads(args.jobs);
  const kcrc::Context engine{threads.workers(), context.diagnostics(),
                             metrics ? &*metrics : nullptr};
  Generator generator(std::move(exports), args.options, engine);
  for (size_t i = 0; i < args.objects.size(); ++i) {
    if (opened.empty()) {
      generator.ProcessObject(args.objects[i]);
    } else {
      generator.ProcessObject(*opened[i]);
      opened[i].reset();  // its memory is given back before the next object
    }
  }

  if (args.options.kabi_check != KabiCheckMode::kOff) {
    const bool fatal = args.options.kabi_check == KabiCheckMode::kError;
    for (const std::string& finding : generator.kabi_findings()) {
      if (fatal)
        context.messages().Error("kabi: " + finding);
      else
        context.Warn("kabi: " + finding);
    }
    if (fatal && !generator.kabi_findings().empty()) return kExitError;
  }

  Output& output = context.output();
  if (args.symtypes) output.Write(*args.symtypes, generator.symtypes());
  if (args.kabi_report) output.Write(*args.kabi_report, generator.kabi_report());
  output.Write(kStdout, SymverText(generator.Versions(), context.diagnostics()));
  if (metrics) {
    const std::string report = metrics->Report();
    std::fwrite(report.data(), 1, report.size(), stderr);
  }
  return kExitOk;
}

// Parses the command line like the reference (getopt_long, "dsT:h", unique
// prefixes of long options).
Runner ParseGen(const Messages& messages, int argc, char** argv) {
  const bool reference = messages.reference_style();
  std::vector<option> options;
  std::string short_options = reference ? "" : ":";  // ':': report a missing value
  for (const GenOptionInfo& info : kGenOptions) {
    const int value = info.short_name != 0 ? info.short_name : 256 + static_cast<int>(info.option);
    options.push_back(
        {info.name, info.value_name ? required_argument : no_argument, nullptr, value});
    if (info.short_name != 0) {
      short_options += info.short_name;
      if (info.value_name) short_options += ':';
    }
  }
  options.push_back({nullptr, 0, nullptr, 0});
  // The reference's usage text, then its status: only through the link.
  auto reference_exit = [](int status) {
    std::fputs(kReferenceUsage, stderr);
    return ExitRequest{status};
  };

  auto args = std::make_shared<GenArgs>();
  std::vector<char*> arguments(argv, argv + argc);
  std::string program = messages.program();
  // getopt's own messages (the reference's) name argv[0] as invoked.
  if (!reference) arguments[0] = program.data();
  optind = 1;
  opterr = reference ? 1 : 0;
  int result;
  while ((result = getopt_long(argc, arguments.data(), short_options.c_str(), options.data(),
                               nullptr)) != -1) {
    if (result == '?' || result == ':') {
      if (reference) throw reference_exit(kExitUsage);  // getopt printed its message
      throw UsageError(OptionError(result, argc, arguments.data()));
    }
    const GenOptionInfo* info = nullptr;
    for (const GenOptionInfo& candidate : kGenOptions)
      if (candidate.short_name == result || 256 + static_cast<int>(candidate.option) == result)
        info = &candidate;
    if (info->option == GenOption::kHelp) {
      if (reference) throw reference_exit(kExitOk);
      throw HelpRequest{};
    }
    if (std::string error = SetOption(info->option, optarg, *args); !error.empty()) {
      if (!reference) throw UsageError(error);
      messages.Error(error);
      throw ExitRequest{kExitUsage};
    }
  }
  for (int i = optind; i < argc; ++i) args->objects.emplace_back(arguments[i]);
  if (args->objects.empty()) {
    if (!reference) throw UsageError("no input files");
    std::fputs(kReferenceUsage, stderr);
    messages.Error("main: no input files?");
    throw ExitRequest{kExitUsage};
  }
  // The report compares symbol records, which symtypes mode builds.
  args->options.symtypes = args->symtypes.has_value() || args->kabi_report.has_value();
  return [args](CommandContext& context) { return Generate(*args, context); };
}

// The options for `kcrc gen --help` and the option list (parsing: ParseGen).
Runner DeclareGen(CLI::App& app) {
  for (const GenOptionInfo& info : kGenOptions) {
    if (info.option == GenOption::kHelp) continue;  // the runner's -h,--help
    std::string names = std::string("--") + info.name;
    if (info.short_name != 0) names = std::string("-") + info.short_name + "," + names;
    if (info.value_name == nullptr)
      app.add_flag(names)->description(info.help);
    else
      app.add_option(names, info.help)->type_name(info.value_name);
  }
  static std::vector<std::string> objects;  // parsed by ParseGen, not CLI11
  app.add_option("OBJECT", objects, "object files (vmlinux, .o, .ko)")->required();
  return nullptr;
}

}  // namespace

extern const Command kGenCommand{
    .name = "gen",
    .summary = "compute symbol CRCs and symtypes from DWARF (gendwarfksyms drop-in)",
    .description =
        "Read symbol names (the first word of each line) on stdin, find their types in the "
        "DWARF of each OBJECT, and print `#SYMVER <name> 0x<crc>` per symbol on stdout, byte "
        "for byte as the kernel's scripts/gendwarfksyms. Long options take any unique prefix. "
        "Run through a link named gendwarfksyms, the usage text and messages are the "
        "reference's.",
    .examples =
        "  nm obj.o | sed -n 's/.*__export_symbol_//p' | kcrc gen -T obj.symtypes obj.o\n"
        "  kcrc gen --exports=auto --stable -T mod.symtypes mod.ko\n",
    .exit_status = "0 ok, 1 usage error (as the reference), 2 bad input.",
    .setup = DeclareGen,
    .parse = ParseGen,
    .large_stack = true,
    .usage_status = kExitUsage,
};

}  // namespace kcrc::cli
