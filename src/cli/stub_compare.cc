// Stubs for issue 6 (symtypes tools and compare).
#include "commands.h"
#include "stub_util.h"
namespace kcrc::cli {
int RunCrc(int, char**) { return NotYet("crc"); }
int RunConsolidate(int, char**) { return NotYet("consolidate"); }
int RunSplit(int, char**) { return NotYet("split"); }
int RunCompare(int, char**) { return NotYet("compare"); }
int RunExplain(int, char**) { return NotYet("explain"); }
}  // namespace kcrc::cli
