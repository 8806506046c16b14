// `kcrc unused-rules -r RULES SYMVERS...`: the severity rules that no export
// of the given Module.symvers files matches first, as suse-kabi-tools'
// `ksymvers unused-rules` reports them (docs/symvers-compare.md):
//   RULES:LINE: WARNING: Severity rule 'TYPE PATTERN VERDICT' is unused
// Exit status: 0 (unused rules are warnings), 2 error.
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/severity.h"
#include "kcrc/report/symvers_report.h"
#include "kcrc/symvers/module_symvers.h"

namespace kcrc::cli {
namespace {

struct UnusedRulesArgs {
  std::string rules_path;
  std::vector<std::string> symvers_paths;
};

Runner SetupUnusedRules(CLI::App& app) {
  auto args = std::make_shared<UnusedRulesArgs>();
  app.add_option("-r,--rules", args->rules_path, "severity rules (required)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->type_name("FILE");
  app.add_option("SYMVERS", args->symvers_paths, "Module.symvers files");
  return [args](CommandContext& context) {
    Check(!args->rules_path.empty(), "no rules file (-r FILE)");
    Check(!args->symvers_paths.empty(), "no Module.symvers file");
    const SeverityRules rules = SeverityRules::Read(args->rules_path);
    std::vector<bool> used(rules.rules().size(), false);
    // One file at a time: a distribution's flavours are 28k exports each.
    for (const std::string& path : args->symvers_paths) rules.MarkUsed(ReadSymvers(path), used);
    context.output().Write(kStdout, RenderUnusedRules(rules, used));
    return kExitOk;
  };
}

}  // namespace

extern const Command kUnusedRulesCommand{
    .name = "unused-rules",
    .summary = "list severity rules that no export of Module.symvers files matches",
    .description =
        "Report the severity rules that no export of the given Module.symvers files matches "
        "(rules are tried in file order; the first match is the one used), like "
        "suse-kabi-tools' `ksymvers unused-rules`.",
    .examples =
        "  kcrc unused-rules -r kabi/severities Module.symvers-default "
        "Module.symvers-rt\n",
    .exit_status = "0 (unused rules are warnings on stdout), 2 error.",
    .setup = SetupUnusedRules,
};

}  // namespace kcrc::cli
