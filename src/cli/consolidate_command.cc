// `kcrc consolidate DIR -o FILE`: a tree of symtypes files in one file.
#include <memory>

#include "commands.h"
#include "kcrc/symtypes/consolidate.h"

namespace kcrc::cli {
namespace {

struct ConsolidateArgs {
  std::string dir;
  std::string output;
};

Runner SetupConsolidate(CLI::App& app) {
  auto args = std::make_shared<ConsolidateArgs>();
  app.add_option("DIR", args->dir, "root of the tree")->required();
  app.add_option("-o,--output", args->output, "output file (default and '-': stdout)");
  return [args](CommandContext& context) {
    const std::string output = Output::StdoutOrFile(args->output);
    Output::Reserve(output);
    context.output().Write(output, Consolidate(ReadSymtypesTree(args->dir)));
    return kExitOk;
  };
}

}  // namespace

extern const Command kConsolidateCommand{
    .name = "consolidate",
    .summary = "merge a tree of symtypes files into one file",
    .description =
        "Merge every *.symtypes file under DIR into one consolidated file; type "
        "records already written under an earlier file are left out.",
    .examples = "  kcrc consolidate build/ -o kabi/symtypes-default\n",
    .exit_status = "0 ok, 2 error.",
    .setup = SetupConsolidate,
};

}  // namespace kcrc::cli
