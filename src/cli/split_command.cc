// `kcrc split FILE -o DIR`: a consolidated file back into a tree.
#include <memory>

#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/base/input_file.h"
#include "kcrc/symtypes/consolidate.h"

namespace kcrc::cli {
namespace {

struct SplitArgs {
  std::string input;
  std::string dir;
};

Runner SetupSplit(CLI::App& app) {
  auto args = std::make_shared<SplitArgs>();
  app.add_option("FILE", args->input, "consolidated symtypes file")->required();
  app.add_option("-o,--output", args->dir, "output directory")->required();
  return [args](CommandContext& context) {
    const std::string text = ReadFile(args->input);
    Check(IsConsolidated(text) || text.empty(), "{}: not a consolidated symtypes file",
          args->input);
    // The whole tree is written only once every file of it is ready.
    for (const TreeFile& file :
         SymtypesTree(args->dir, Split(ParseConsolidated(text, args->input))))
      context.output().Write(file.path, file.text, /*create_directories=*/true);
    return kExitOk;
  };
}

}  // namespace

extern const Command kSplitCommand{
    .name = "split",
    .summary = "split a consolidated symtypes file into a tree",
    .description =
        "Split a consolidated symtypes file into one file per section under DIR; "
        "split after consolidate gives back the original files byte for byte.",
    .examples = "  kcrc split kabi/symtypes-default -o /tmp/tree\n",
    .exit_status = "0 ok, 2 error.",
    .setup = SetupSplit,
};

}  // namespace kcrc::cli
