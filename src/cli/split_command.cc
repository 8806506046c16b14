// `kcrc split FILE -o DIR`: a consolidated file back into a tree.
#include "commands.h"
#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/symtypes/consolidate.h"
#include "output.h"

namespace kcrc::cli {

int RunSplit(int argc, char** argv) {
  CLI::App app("Split a consolidated symtypes file into one file per section under DIR.",
               "kcrc split");
  std::string input, dir;
  app.add_option("FILE", input, "consolidated symtypes file")->required();
  app.add_option("-o,--output", dir, "output directory")->required();
  int exit_code = 0;
  if (!ParseArgs(app, argc, argv, exit_code)) return exit_code;
  return Guarded("split", [&] {
    const std::string text = ReadFile(input);
    Check(IsConsolidated(text) || text.empty(), "{}: not a consolidated symtypes file", input);
    WriteSymtypesTree(dir, Split(ParseConsolidated(text, input)));
    return 0;
  });
}

}  // namespace kcrc::cli
