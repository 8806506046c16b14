// Stubs for issue 5 (long names); replaced by hash_name_command.cc etc.
#include "commands.h"
#include "stub_util.h"
namespace kcrc::cli {
int RunHashName(int, char**) { return NotYet("hash-name"); }
int RunModversions(int, char**) { return NotYet("modversions"); }
int RunVersions(int, char**) { return NotYet("versions"); }
}  // namespace kcrc::cli
