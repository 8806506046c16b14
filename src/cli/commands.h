// The subcommands of the kcrc CLI. Each one takes its own arguments (argv[0] is
// the subcommand name) and returns the process exit status:
//   0 ok, 1 differences found (compare-like commands), 2 error.
#pragma once

#include <string_view>

namespace kcrc::cli {

int RunGen(int argc, char** argv, std::string_view program_name);
int RunHashName(int argc, char** argv);
int RunModversions(int argc, char** argv);
int RunVersions(int argc, char** argv);
int RunCrc(int argc, char** argv);
int RunConsolidate(int argc, char** argv);
int RunSplit(int argc, char** argv);
int RunCompare(int argc, char** argv);
// `kcrc compare --symvers ...`: RunCompare forwards its whole argv here when
// --symvers is among the arguments.
int RunCompareSymvers(int argc, char** argv);
// `kcrc unused-rules -r RULES SYMVERS...` (ksymvers unused-rules).
int RunUnusedRules(int argc, char** argv);
int RunExplain(int argc, char** argv);
int RunScan(int argc, char** argv);

}  // namespace kcrc::cli
