#include "commands.h"
#include "stub_util.h"
namespace kcrc::cli {
int RunGen(int, char**, std::string_view) { return NotYet("gen"); }
}  // namespace kcrc::cli
