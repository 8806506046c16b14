// `kcrc explain SYMBOL REF NEW`: why one export's CRC changed.
#include <memory>

#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/explain.h"
#include "kcrc/report/json.h"
#include "kcrc/report/text.h"

namespace kcrc::cli {
namespace {

struct ExplainArgs {
  std::string symbol;
  std::string ref_path;
  std::string new_path;
  std::string format = "text";
  std::string reach;
  bool fixit = false;
};

Runner SetupExplain(CLI::App& app) {
  auto args = std::make_shared<ExplainArgs>();
  app.add_option("SYMBOL", args->symbol, "exported symbol (with --reach: the corpus)")->required();
  app.add_option("REF", args->ref_path, "reference corpus");
  app.add_option("NEW", args->new_path, "new corpus");
  app.add_flag("--fixit", args->fixit, "suggest kABI macros that would hide each change");
  app.add_option("--reach", args->reach,
                 "KEY CORPUS: the exports of CORPUS that reach the type KEY (s#foo), each with a "
                 "path; exit status 0, 2 when KEY names no record");
  app.add_option("--format", args->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  return [args](CommandContext& context) {
    if (!args->reach.empty()) {
      Check(args->ref_path.empty() && !args->fixit,
            "--reach takes one corpus: kcrc explain --reach KEY CORPUS");
      const Corpus corpus = Corpus::Load(args->symbol);
      const Reach found = FindReachingExports(corpus, args->reach);
      context.output().Write(kStdout, args->format == "json" ? JsonReach(found) : TextReach(found));
      return kExitOk;
    }
    Check(!args->ref_path.empty() && !args->new_path.empty(), "explain needs SYMBOL REF NEW");
    const Corpus ref = Corpus::Load(args->ref_path);
    const Corpus neu = Corpus::Load(args->new_path);
    const Explanation x = Explain(ref, neu, args->symbol);
    Check(x.in_ref || x.in_new, "'{}' is not exported in {} nor in {}", args->symbol,
          args->ref_path, args->new_path);
    context.output().Write(
        kStdout, args->format == "json" ? JsonExplanation(x) : TextExplanation(x, args->fixit));
    return x.in_ref && x.in_new && !x.changed() ? kExitOk : kExitDifferences;
  };
}

}  // namespace

extern const Command kExplainCommand{
    .name = "explain",
    .summary = "explain why one export's CRC changed",
    .description =
        "Explain why the CRC of SYMBOL differs between REF and NEW (each a symtypes file, a "
        "consolidated file or a directory of *.symtypes): the path from the export to each "
        "changed type, what changed, and with --fixit the kABI macro that would hide it.",
    .examples =
        "  kcrc explain demo_register kabi/symtypes-default build/\n"
        "  kcrc explain --fixit --format=json demo_register ref.symtypes new.symtypes\n"
        "  kcrc explain --reach s#demo_stats build/\n",
    .exit_status = "0 unchanged, 1 changed, added or removed, 2 error.",
    .setup = SetupExplain,
};

}  // namespace kcrc::cli
