// `kcrc compare --symvers [-r RULES] [--filter-symbol-list=FILE] [-f TYPE[:FILE]]...
// [--fail-on=namespace,module] REF NEW`: compares two Module.symvers files as
// suse-kabi-tools' `ksymvers compare` does (docs/symvers-compare.md).
// Exit status: 0 no change or every change tolerated, 1 changes not tolerated,
// 2 error.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/severity.h"
#include "kcrc/compare/symvers.h"
#include "kcrc/report/symvers_report.h"
#include "kcrc/symvers/symbol_filter.h"
#include "report_option.h"

namespace kcrc::cli {
namespace {

struct CompareSymversArgs {
  std::string rules_path;
  std::string filter_path;
  std::vector<std::string> fail_on;
  std::string reference_path;
  std::string current_path;
  // ksymvers' -f/--format: a bare TYPE replaces the stdout report's format.
  ReportOption reports{kSymversFormats, "pretty", ReportStyle::kStdoutReplaced};
};

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

// A warning for each export whose namespace or module changed (ksymvers'
// report formats have no place for them).
void WarnAboutMoves(const SymversComparison& comparison, const CommandContext& context) {
  for (const SymversMove& move : comparison.moved) {
    const char* verdict = "";
    if (move.rule != nullptr && move.rule->verdict == Verdict::kPass) {
      verdict = " (tolerated by rules)";
    } else if (move.fails) {
      verdict = " (not tolerated: --fail-on)";
    }
    if (move.namespace_changed())
      context.Warn(fmt::format("export '{}' changed namespace from '{}' to '{}'{}", move.symbol,
                               move.old_namespace, move.new_namespace, verdict));
    if (move.module_changed())
      context.Warn(fmt::format("export '{}' moved from module '{}' to '{}'{}", move.symbol,
                               move.old_module, move.new_module, verdict));
  }
}

int RunCompareSymvers(const CompareSymversArgs& args, CommandContext& context) {
  const std::vector<ReportRequest> requests = args.reports.Begin();
  SymversCompareOptions options;
  ParseFailOn(args.fail_on, options);

  // Inputs in ksymvers' order: filter, rules, reference, new.
  std::optional<SymbolFilter> filter;
  if (!args.filter_path.empty()) filter = SymbolFilter::Read(args.filter_path);
  std::optional<SeverityRules> rules;
  if (!args.rules_path.empty()) rules = SeverityRules::Read(args.rules_path);
  const Symvers reference = ReadSymvers(args.reference_path);
  const Symvers current = ReadSymvers(args.current_path);

  options.rules = rules ? &*rules : nullptr;
  options.filter = filter ? &*filter : nullptr;
  const SymversComparison comparison = CompareSymvers(reference, current, options);
  // Several formats to one destination are interleaved as ksymvers
  // interleaves them on its stdout; every destination is written at the end.
  for (const ReportGroup& group : GroupReports(requests)) {
    std::vector<SymversFormat> formats;
    for (size_t format : group.formats) formats.push_back(kSymversFormats[format].format);
    context.output().Write(group.path, RenderSymversReports(comparison, formats, options.rules));
  }
  WarnAboutMoves(comparison, context);
  return comparison.Fails() ? kExitDifferences : kExitOk;
}

Runner SetupCompareSymvers(CLI::App& app) {
  auto args = std::make_shared<CompareSymversArgs>();
  app.add_flag("--symvers")->description("compare Module.symvers files (required)")->required();
  app.add_option("-r,--rules", args->rules_path,
                 "severity rules: '[TYPE] PATTERN PASS|FAIL' lines, first match wins, default "
                 "FAIL")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->type_name("FILE");
  app.add_option("--filter-symbol-list", args->filter_path,
                 "consider only the exports matching a line of FILE (a name or a wildcard)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->type_name("FILE");
  args->reports.AddOption(app, "-f,--format");
  app.add_option("--fail-on", args->fail_on,
                 "also fail when an export changes namespace or module, unless a PASS rule "
                 "covers it: namespace, module (comma-separated, repeatable)")
      ->delimiter(',')
      ->type_name("WHAT")
      ->allow_extra_args(false);
  app.add_option("REF", args->reference_path, "reference Module.symvers (the kABI freeze)")
      ->required();
  app.add_option("NEW", args->current_path, "new Module.symvers")->required();
  return [args](CommandContext& context) { return RunCompareSymvers(*args, context); };
}

}  // namespace

extern const Command kCompareSymversCommand{
    .name = "compare --symvers",
    .summary = "compare two Module.symvers files with severity rules",
    .description =
        "Compare two Module.symvers files like suse-kabi-tools' `ksymvers compare`: report "
        "added, removed and modified exports (CRC, export type) and whether severity rules "
        "tolerate them; warn about exports that changed namespace or module "
        "(docs/symvers-compare.md).",
    .examples =
        "  kcrc compare --symvers -r kabi/severities kabi/Module.symvers Module.symvers\n"
        "  kcrc compare --symvers -f short -f json:symvers.json REF NEW\n",
    .exit_status = "0 no change or all tolerated, 1 changes not tolerated, 2 error.",
    .setup = SetupCompareSymvers,
};

}  // namespace kcrc::cli
