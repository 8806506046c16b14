// `kcrc compare REF NEW`: changed, added and removed exports and why.
#include <memory>
#include <string_view>

#include "commands.h"
#include "kcrc/compare/compare.h"
#include "kcrc/report/json.h"
#include "kcrc/report/short.h"
#include "kcrc/report/text.h"
#include "options.h"
#include "report_option.h"

namespace kcrc::cli {

// See the runner below.
const Corpus* g_kept_corpora[2];
namespace {

struct Format {
  std::string_view name;
  std::string_view description;
  std::string (*render)(const Comparison&);
};

// The one table of report formats: parsing, validation and usage text.
constexpr Format kFormats[] = {
    {"text", "changed exports grouped by cause, with member-level diffs (default)", TextReport},
    {"short", "one line per changed, added or removed export", ShortReport},
    {"json", "machine-readable result (schema in docs/compare.md)", JsonReport},
    {"symbols", "names of the changed, added and removed exports", SymbolListReport},
};

struct CompareArgs {
  std::string ref_path;
  std::string new_path;
  ReportOption reports{kFormats, "text"};
  unsigned threads = 0;
};

int RunCompare(const CompareArgs& args, CommandContext& context) {
  const std::vector<ReportRequest> requests = args.reports.Begin();
  const int threads = static_cast<int>(args.threads);
  // The corpora live until exit: freeing a million small strings costs more
  // than the comparison of an unchanged kernel. Held by a global with
  // external linkage so that leak checkers see them as reachable (a
  // function-local static that is never read is optimised away).
  const Corpus& ref = *(g_kept_corpora[0] = new Corpus(Corpus::Load(args.ref_path, threads)));
  const Corpus& neu = *(g_kept_corpora[1] = new Corpus(Corpus::Load(args.new_path, threads)));
  const Comparison comparison = Compare(ref, neu, {.threads = threads});
  for (const ReportRequest& request : requests)
    context.output().Write(request.path, kFormats[request.format].render(comparison));
  return comparison.HasChanges() ? kExitDifferences : kExitOk;
}

Runner SetupCompare(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  app.add_option("REF", args->ref_path, "reference corpus")->required();
  app.add_option("NEW", args->new_path, "new corpus")->required();
  args->reports.AddOption(app);
  AddJobsOption(app, args->threads, "threads for reading directories (default 0: all cores)");
  app.add_flag("--symvers")
      ->description("compare two Module.symvers files instead, with severity rules (below)");
  return [args](CommandContext& context) { return RunCompare(*args, context); };
}

}  // namespace

extern const Command kCompareCommand{
    .name = "compare",
    .summary = "compare symtypes or symvers and explain changed CRCs",
    .description =
        "Compare two symtypes corpora (each a symtypes file, a consolidated file or a directory "
        "of *.symtypes): the exports added, removed and changed, changes grouped by the type "
        "whose own text changed, with member-level differences. With --symvers, compare two "
        "Module.symvers files (see the second part of this help).",
    .examples =
        "  kcrc compare kabi/symtypes-default build/\n"
        "  kcrc compare --format=short --format=json:kabi.json ref.symtypes new.symtypes\n",
    .exit_status = "0 no change, 1 changes, 2 error.",
    .setup = SetupCompare,
    .mode = &kCompareSymversCommand,
    .mode_flag = "--symvers",
};

}  // namespace kcrc::cli
