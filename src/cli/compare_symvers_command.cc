// `kcrc compare --symvers [-r RULES] [--filter-symbol-list=FILE] [-f TYPE[:FILE]]...
// [--fail-on=namespace,module] REF NEW`: compares two Module.symvers files as
// suse-kabi-tools' `ksymvers compare` does (docs/symvers-compare.md).
// Exit status: 0 no change or every change tolerated, 1 changes not tolerated,
// 2 error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "commands.h"
#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/severity.h"
#include "kcrc/compare/symvers.h"
#include "kcrc/report/symvers_report.h"
#include "kcrc/symvers/symbol_filter.h"

namespace kcrc::cli {
namespace {

constexpr const char* kProgram = "kcrc compare";

std::string FormatNames() {
  std::string names;
  for (const SymversFormatInfo& info : kSymversFormats) {
    if (!names.empty()) names += '|';
    names += info.name;
  }
  return names;
}

std::string FormatHelp() {
  std::string help =
      "Report format: a bare TYPE replaces the report on stdout (pretty), TYPE:FILE adds one "
      "(FILE '-' is stdout); repeatable. TYPE is one of:";
  for (const SymversFormatInfo& info : kSymversFormats)
    help += fmt::format("\n  {:<12} {}", info.name, info.summary);
  return help;
}

SymversFormat ParseFormatName(const std::string& name) {
  const std::optional<SymversFormat> format = MaybeParseSymversFormat(name);
  Check(format.has_value(), "unknown format '{}' (expected {})", name, FormatNames());
  return *format;
}

// Where the reports go: every destination with the formats written to it, in
// the order given (several formats to one destination are interleaved as
// ksymvers interleaves them on its stdout).
struct Destinations {
  std::vector<SymversFormat> to_stdout{SymversFormat::kPretty};
  std::vector<std::pair<std::string, std::vector<SymversFormat>>> files;
};

// ksymvers' -f/--format: "TYPE" replaces the stdout report's format, "TYPE:FILE"
// adds a report (the type has no ':', the file may; "-" is stdout).
Destinations ParseDestinations(const std::vector<std::string>& specs) {
  Destinations destinations;
  for (const std::string& spec : specs) {
    const size_t colon = spec.find(':');
    const SymversFormat format = ParseFormatName(spec.substr(0, colon));
    if (colon == std::string::npos) {
      destinations.to_stdout[0] = format;
      continue;
    }
    const std::string path = spec.substr(colon + 1);
    Check(!path.empty(), "empty file name in --format={}", spec);
    if (path == "-") {
      destinations.to_stdout.push_back(format);
      continue;
    }
    auto it = std::find_if(destinations.files.begin(), destinations.files.end(),
                           [&](const auto& file) { return file.first == path; });
    if (it == destinations.files.end()) {
      destinations.files.emplace_back(path, std::vector<SymversFormat>{format});
    } else {
      it->second.push_back(format);
    }
  }
  return destinations;
}

void ParseFailOn(const std::vector<std::string>& values, SymversCompareOptions& options) {
  for (const std::string& value : values) {
    if (value == "namespace") {
      options.fail_on_namespace = true;
    } else if (value == "module") {
      options.fail_on_module = true;
    } else {
      Fail("unknown --fail-on value '{}' (expected namespace or module)", value);
    }
  }
}

// A warning on stderr for each export whose namespace or module changed
// (ksymvers' report formats have no place for them).
void WarnAboutMoves(const SymversComparison& comparison) {
  for (const SymversMove& move : comparison.moved) {
    const char* verdict = "";
    if (move.rule != nullptr && move.rule->verdict == Verdict::kPass) {
      verdict = " (tolerated by rules)";
    } else if (move.fails) {
      verdict = " (not tolerated: --fail-on)";
    }
    if (move.namespace_changed())
      std::fprintf(stderr, "%s: warning: export '%s' changed namespace from '%s' to '%s'%s\n",
                   kProgram, move.symbol.c_str(), move.old_namespace.c_str(),
                   move.new_namespace.c_str(), verdict);
    if (move.module_changed())
      std::fprintf(stderr, "%s: warning: export '%s' moved from module '%s' to '%s'%s\n", kProgram,
                   move.symbol.c_str(), move.old_module.c_str(), move.new_module.c_str(), verdict);
  }
}

}  // namespace

int RunCompareSymvers(int argc, char** argv) {
  CLI::App app{
      "Compare two Module.symvers files like suse-kabi-tools' `ksymvers compare`: report "
      "added, removed and modified exports (CRC, export type) and whether severity rules "
      "tolerate them; warn about exports that changed namespace or module.",
      "kcrc compare --symvers"};
  bool symvers = false;
  std::string rules_path;
  std::string filter_path;
  std::vector<std::string> format_specs;
  std::vector<std::string> fail_on;
  std::string reference_path;
  std::string current_path;
  app.add_flag("--symvers", symvers, "Compare Module.symvers files (required)")->required();
  app.add_option("-r,--rules", rules_path,
                 "Severity rules: '[TYPE] PATTERN PASS|FAIL' lines, first match wins, default FAIL")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--filter-symbol-list", filter_path,
                 "Consider only the exports matching a line of FILE (a name or a wildcard)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->type_name("FILE");
  app.add_option("-f,--format", format_specs, FormatHelp())
      ->type_name("TYPE[:FILE]")
      ->allow_extra_args(false);
  app.add_option("--fail-on", fail_on,
                 "Also fail when an export changes namespace or module, unless a PASS rule "
                 "covers it: namespace, module (comma-separated, repeatable)")
      ->delimiter(',')
      ->type_name("WHAT")
      ->allow_extra_args(false);
  app.add_option("REF", reference_path, "Reference Module.symvers (the kABI freeze)")->required();
  app.add_option("NEW", current_path, "New Module.symvers")->required();
  app.footer(
      "Exit status: 0 no change or all tolerated, 1 changes not tolerated, 2 error.\n"
      "See docs/symvers-compare.md.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "%s: error: %s\nRun `%s --symvers --help` for usage.\n", kProgram,
                 e.what(), kProgram);
    return 2;
  }

  try {
    const Destinations destinations = ParseDestinations(format_specs);
    SymversCompareOptions options;
    ParseFailOn(fail_on, options);

    // Inputs in ksymvers' order: filter, rules, reference, new.
    std::optional<SymbolFilter> filter;
    if (!filter_path.empty()) filter = SymbolFilter::Read(filter_path);
    std::optional<SeverityRules> rules;
    if (!rules_path.empty()) rules = SeverityRules::Read(rules_path);
    const Symvers reference = ReadSymvers(reference_path);
    const Symvers current = ReadSymvers(current_path);

    options.rules = rules ? &*rules : nullptr;
    options.filter = filter ? &*filter : nullptr;
    const SymversComparison comparison = CompareSymvers(reference, current, options);
    // Render everything before writing anything.
    const std::string to_stdout =
        RenderSymversReports(comparison, destinations.to_stdout, options.rules);
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& [path, formats] : destinations.files)
      files.emplace_back(path, RenderSymversReports(comparison, formats, options.rules));
    for (const auto& [path, text] : files) WriteFileAtomically(path, text);
    std::fwrite(to_stdout.data(), 1, to_stdout.size(), stdout);
    if (std::fflush(stdout) != 0) Fail("cannot write to stdout");
    WarnAboutMoves(comparison);
    return comparison.Fails() ? 1 : 0;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s: error: %s\n", kProgram, e.what());
    return 2;
  }
}

}  // namespace kcrc::cli
