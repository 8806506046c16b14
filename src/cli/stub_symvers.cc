// Stub for `kcrc compare --symvers` (issue 6, part 5).
#include "commands.h"
#include "stub_util.h"
namespace kcrc::cli {
int RunCompareSymvers(int, char**) { return NotYet("compare --symvers"); }
}  // namespace kcrc::cli
