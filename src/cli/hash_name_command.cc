// kcrc hash-name: prints the form each name takes in a module's __versions.
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "kcrc/elf/modversions.h"

namespace kcrc::cli {
namespace {

struct HashNameArgs {
  std::vector<std::string> names;
  uint32_t bits = 64;
};

Runner SetupHashName(CLI::App& app) {
  auto args = std::make_shared<HashNameArgs>();
  app.add_option("--target-bits", args->bits,
                 "word size of the target: 32 or 64 (default; name limit 59 or 55)")
      ->check(CLI::IsMember({32, 64}));
  app.add_option("NAME", args->names, "symbol names")->required();
  return [args](CommandContext& context) {
    std::string out;
    for (const std::string& name : args->names) out += TableForm(name, args->bits) + "\n";
    context.output().Write(kStdout, out);
    return kExitOk;
  };
}

}  // namespace

extern const Command kHashNameCommand{
    .name = "hash-name",
    .summary = "print the modversion table form of symbol names",
    .description =
        "Print the __versions form of symbol names, one a line: the name itself when it fits "
        "the 64-byte modversion entry, else sha256:<hex digest> (a leading '.' is not hashed).",
    .examples =
        "  kcrc hash-name printk _RNvNtNtCs1cdwasc6FUb_6kernel5print14format_strings4INFO\n"
        "  printk\n"
        "  sha256:5696f427db4abf4205b4ae9621688a5d7cfe42909dc115bd5c758560c898836c\n",
    .exit_status = "0 ok, 2 error.",
    .setup = SetupHashName,
};

}  // namespace kcrc::cli
