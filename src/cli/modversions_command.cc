// kcrc modversions: writes the C source of a module's version tables.
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "kcrc/compare/symvers.h"
#include "kcrc/modversions/c_source.h"
#include "kcrc/modversions/module_imports.h"

namespace kcrc::cli {
namespace {

struct ModversionsArgs {
  std::vector<std::string> objects;
  std::string symvers_path;
  std::string output_path;
  bool basic = false;
  bool extended = false;
  uint32_t bits = 0;
};

int WriteModversions(const ModversionsArgs& args, CommandContext& context) {
  Output::Reserve(args.output_path);
  // Imports: undefined symbols of the objects, then their CRCs from the symvers.
  ModuleImports imports = ReadModuleImports(args.objects);
  ResolvedImports resolved = ResolveImports(imports.names, ReadSymvers(args.symvers_path).exports);
  for (const std::string& name : resolved.missing)
    context.Warn(fmt::format("\"{}\" is not exported in {}", name, args.symvers_path));
  // Tables: the kernel's defaults unless asked otherwise.
  TableSelection tables{.basic = args.basic || !args.extended, .extended = args.extended};
  context.output().Write(
      args.output_path,
      WriteVersionsSource(resolved.versions, args.bits != 0 ? args.bits : imports.target.bits,
                          tables));
  return kExitOk;
}

Runner SetupModversions(CLI::App& app) {
  auto args = std::make_shared<ModversionsArgs>();
  app.add_option("-s,--symvers", args->symvers_path, "Module.symvers with the CRCs of the exports")
      ->required();
  app.add_flag("--basic", args->basic, "write __versions (CONFIG_BASIC_MODVERSIONS)");
  app.add_flag("--extended", args->extended,
               "write the extended tables (CONFIG_EXTENDED_MODVERSIONS)");
  app.add_option("--target-bits", args->bits, "word size of the target (default: the objects')")
      ->check(CLI::IsMember({32, 64}));
  app.add_option("-o,--output", args->output_path, "write here instead of stdout");
  app.add_option("OBJECT", args->objects, "the module's object files (or its .ko)")->required();
  return [args](CommandContext& context) { return WriteModversions(*args, context); };
}

}  // namespace

extern const Command kModversionsCommand{
    .name = "modversions",
    .summary = "write the C source of a module's version tables",
    .description =
        "Write the C source of a module's version tables, as modpost writes them into "
        "<module>.mod.c, self-contained (no kernel headers). The imports are the undefined "
        "symbols of the objects that the symvers file exports. Tables: --basic (the default) "
        "writes __versions, hashing names that do not fit; --extended writes "
        "__version_ext_crcs/__version_ext_names; both together leave over-long names out of "
        "__versions, as the kernel does.",
    .examples =
        "  kcrc modversions --symvers Module.symvers --basic --extended -o hello.vers.c hello.o\n"
        "  gcc -c hello.vers.c -o hello.vers.o\n",
    .exit_status = "0 ok (imports the symvers lacks only warn), 2 error.",
    .setup = SetupModversions,
};

}  // namespace kcrc::cli
