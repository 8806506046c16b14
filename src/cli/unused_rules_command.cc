// `kcrc unused-rules -r RULES SYMVERS...`: the severity rules that no export
// of the given Module.symvers files matches first, as suse-kabi-tools'
// `ksymvers unused-rules` reports them (docs/symvers-compare.md):
//   RULES:LINE: WARNING: Severity rule 'TYPE PATTERN VERDICT' is unused
// Exit status: 0 (unused rules are warnings), 2 error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/severity.h"
#include "kcrc/report/symvers_report.h"
#include "kcrc/symvers/module_symvers.h"

namespace kcrc::cli {
namespace {

constexpr const char* kProgram = "kcrc unused-rules";

}  // namespace

int RunUnusedRules(int argc, char** argv) {
  CLI::App app{
      "Report the severity rules that no export of the given Module.symvers files matches "
      "(rules are tried in file order; the first match is the one used), like "
      "suse-kabi-tools' `ksymvers unused-rules`.",
      "kcrc unused-rules"};
  std::string rules_path;
  std::vector<std::string> symvers_paths;
  app.add_option("-r,--rules", rules_path, "Severity rules (required)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->type_name("FILE");
  app.add_option("SYMVERS", symvers_paths, "Module.symvers files")->type_name("FILE");
  app.footer("Exit status: 0 (unused rules are warnings on stdout), 2 error.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "%s: error: %s\nRun `%s --help` for usage.\n", kProgram, e.what(),
                 kProgram);
    return 2;
  }

  try {
    Check(!rules_path.empty(), "no rules file (-r FILE)");
    Check(!symvers_paths.empty(), "no Module.symvers file");
    const SeverityRules rules = SeverityRules::Read(rules_path);
    std::vector<bool> used(rules.rules().size(), false);
    // One file at a time: a distribution's flavours are 28k exports each.
    for (const std::string& path : symvers_paths) rules.MarkUsed(ReadSymvers(path), used);
    const std::string report = RenderUnusedRules(rules, used);
    std::fwrite(report.data(), 1, report.size(), stdout);
    if (std::fflush(stdout) != 0) Fail("cannot write to stdout");
    return 0;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s: error: %s\n", kProgram, e.what());
    return 2;
  }
}

}  // namespace kcrc::cli
