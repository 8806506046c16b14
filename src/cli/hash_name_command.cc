// kcrc hash-name: prints the form each name takes in a module's __versions.
#include <cstdio>
#include <string>
#include <vector>

#include "cli_parse.h"
#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/elf/modversions.h"

namespace kcrc::cli {

int RunHashName(int argc, char** argv) {
  CLI::App app(
      "Print the __versions form of symbol names: the name itself when it fits the\n"
      "64-byte modversion entry, else sha256:<hex digest> (a leading '.' is not hashed).",
      "kcrc hash-name");
  std::vector<std::string> names;
  uint32_t bits = 64;
  app.add_option("--target-bits", bits, "word size of the target: 32 or 64 (name limit 59 or 55)")
      ->check(CLI::IsMember({32, 64}));
  app.add_option("NAME", names, "symbol names")->required();
  app.footer(
      "Example:\n"
      "  kcrc hash-name printk _RNvNtNtCs1cdwasc6FUb_6kernel5print14format_strings4INFO\n"
      "  printk\n"
      "  sha256:5696f427db4abf4205b4ae9621688a5d7cfe42909dc115bd5c758560c898836c");
  if (std::optional<int> status = ParseArgs(app, argc, argv)) return *status;
  try {
    for (const std::string& name : names) std::printf("%s\n", TableForm(name, bits).c_str());
  } catch (const Error& error) {
    std::fprintf(stderr, "kcrc hash-name: %s\n", error.what());
    return 2;
  }
  return 0;
}

}  // namespace kcrc::cli
