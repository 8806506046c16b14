// Stub for issue 7 (scan).
#include "commands.h"
#include "stub_util.h"
namespace kcrc::cli {
int RunScan(int, char**) { return NotYet("scan"); }
}  // namespace kcrc::cli
