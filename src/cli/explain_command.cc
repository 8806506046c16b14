// `kcrc explain SYMBOL REF NEW`: why one export's CRC changed.
#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/explain.h"
#include "kcrc/report/json.h"
#include "kcrc/report/text.h"
#include "output.h"

namespace kcrc::cli {

int RunExplain(int argc, char** argv) {
  CLI::App app(
      "Explain why the CRC of SYMBOL differs between REF and NEW: the path from the export to "
      "each changed type, what changed, and with --fixit the kABI macro that would hide it. "
      "Exit status: 0 unchanged, 1 changed, added or removed, 2 error.",
      "kcrc explain");
  std::string symbol, ref_path, new_path, format = "text";
  bool fixit = false;
  app.add_option("SYMBOL", symbol, "exported symbol")->required();
  app.add_option("REF", ref_path, "reference corpus")->required();
  app.add_option("NEW", new_path, "new corpus")->required();
  app.add_flag("--fixit", fixit, "suggest kABI macros that would hide each change");
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  int exit_code = 0;
  if (!ParseArgs(app, argc, argv, exit_code)) return exit_code;
  return Guarded("explain", [&] {
    const Corpus ref = Corpus::Load(ref_path);
    const Corpus neu = Corpus::Load(new_path);
    const Explanation x = Explain(ref, neu, symbol);
    Check(x.in_ref || x.in_new, "'{}' is not exported in {} nor in {}", symbol, ref_path, new_path);
    WriteOutput("", format == "json" ? JsonExplanation(x) : TextExplanation(x, fixit));
    return x.in_ref && x.in_new && !x.changed() ? 0 : 1;
  });
}

}  // namespace kcrc::cli
