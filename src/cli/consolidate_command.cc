// `kcrc consolidate DIR -o FILE`: a tree of symtypes files in one file.
#include "commands.h"
#include "kcrc/symtypes/consolidate.h"
#include "output.h"

namespace kcrc::cli {

int RunConsolidate(int argc, char** argv) {
  CLI::App app("Merge every *.symtypes file under DIR into one consolidated file.",
               "kcrc consolidate");
  std::string dir, output;
  app.add_option("DIR", dir, "root of the tree")->required();
  app.add_option("-o,--output", output, "output file (default: stdout)");
  int exit_code = 0;
  if (!ParseArgs(app, argc, argv, exit_code)) return exit_code;
  return Guarded("consolidate", [&] {
    WriteOutput(output, Consolidate(ReadSymtypesTree(dir)));
    return 0;
  });
}

}  // namespace kcrc::cli
