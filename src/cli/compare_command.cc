// `kcrc compare REF NEW`: changed, added and removed exports and why.
#include <cstring>
#include <string_view>

#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/compare.h"
#include "kcrc/report/json.h"
#include "kcrc/report/short.h"
#include "kcrc/report/text.h"
#include "output.h"

namespace kcrc::cli {

// See RunCompare.
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

const Format* FindFormat(std::string_view name) {
  for (const Format& format : kFormats)
    if (format.name == name) return &format;
  return nullptr;
}

std::string FormatUsage() {
  std::string usage = "report format, TYPE[:FILE], may repeat; TYPE is one of:";
  for (const Format& format : kFormats)
    usage += "\n  " + std::string(format.name) + ": " + std::string(format.description);
  return usage;
}

}  // namespace

int RunCompare(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--symvers" || arg.starts_with("--symvers=")) return RunCompareSymvers(argc, argv);
  }
  CLI::App app(
      "Compare two symtypes corpora (a symtypes file, a consolidated file or a directory of "
      "*.symtypes). Exit status: 0 no change, 1 changes, 2 error.",
      "kcrc compare");
  std::string ref_path, new_path;
  std::vector<std::string> formats;
  int threads = 0;
  app.add_option("REF", ref_path, "reference corpus")->required();
  app.add_option("NEW", new_path, "new corpus")->required();
  app.add_option("--format", formats, FormatUsage())
      ->check([](const std::string& value) -> std::string {
        const std::string_view name = std::string_view(value).substr(0, value.find(':'));
        return FindFormat(name) ? "" : "unknown format '" + std::string(name) + "'";
      });
  app.add_option("-j,--jobs", threads, "threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  int exit_code = 0;
  if (!ParseArgs(app, argc, argv, exit_code)) return exit_code;
  if (formats.empty()) formats.push_back("text");
  return Guarded("compare", [&] {
    // The corpora live until exit: freeing a million small strings costs more
    // than the comparison of an unchanged kernel. Held by a global with
    // external linkage so that leak checkers see them as reachable (a
    // function-local static that is never read is optimised away).
    const Corpus& ref = *(g_kept_corpora[0] = new Corpus(Corpus::Load(ref_path, threads)));
    const Corpus& neu = *(g_kept_corpora[1] = new Corpus(Corpus::Load(new_path, threads)));
    const Comparison comparison = Compare(ref, neu, {.threads = threads});
    for (const std::string& spec : formats) {
      const size_t colon = spec.find(':');
      const Format* format = FindFormat(std::string_view(spec).substr(0, colon));
      WriteOutput(colon == std::string::npos ? "" : spec.substr(colon + 1),
                  format->render(comparison));
    }
    return comparison.HasChanges() ? 1 : 0;
  });
}

}  // namespace kcrc::cli
