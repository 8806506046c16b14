// Temporary: prints that a subcommand is not implemented yet.
#pragma once
#include <cstdio>

namespace kcrc::cli {
inline int NotYet(const char* name) {
  std::fprintf(stderr, "kcrc %s: not implemented yet\n", name);
  return 2;
}
}  // namespace kcrc::cli
