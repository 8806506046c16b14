// kcrc modversions: writes the C source of a module's version tables.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "cli_parse.h"
#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/symvers.h"
#include "kcrc/modversions/c_source.h"
#include "kcrc/modversions/module_imports.h"

namespace kcrc::cli {

int RunModversions(int argc, char** argv) {
  CLI::App app(
      "Write the C source of a module's version tables, as modpost writes them into\n"
      "<module>.mod.c, self-contained (no kernel headers). The imports are the undefined\n"
      "symbols of the objects that the symvers file exports.\n"
      "Tables: --basic (the default) writes __versions, hashing names that do not fit;\n"
      "--extended writes __version_ext_crcs/__version_ext_names; both together leave\n"
      "over-long names out of __versions, as the kernel does.",
      "kcrc modversions");
  std::vector<std::string> objects;
  std::string symvers_path;
  std::string output_path;
  bool basic = false;
  bool extended = false;
  uint32_t bits = 0;
  app.add_option("-s,--symvers", symvers_path, "Module.symvers with the CRCs of the exports")
      ->required();
  app.add_flag("--basic", basic, "write __versions (CONFIG_BASIC_MODVERSIONS)");
  app.add_flag("--extended", extended, "write the extended tables (CONFIG_EXTENDED_MODVERSIONS)");
  app.add_option("--target-bits", bits, "word size of the target (default: the objects')")
      ->check(CLI::IsMember({32, 64}));
  app.add_option("-o,--output", output_path, "write here instead of stdout");
  app.add_option("OBJECT", objects, "the module's object files (or its .ko)")->required();
  app.footer(
      "Example:\n"
      "  kcrc modversions --symvers Module.symvers --basic --extended -o hello.vers.c hello.o\n"
      "  gcc -c hello.vers.c -o hello.vers.o");
  if (std::optional<int> status = ParseArgs(app, argc, argv)) return *status;
  try {
    // Imports: undefined symbols of the objects, then their CRCs from the symvers.
    ModuleImports imports = ReadModuleImports(objects);
    ResolvedImports resolved = ResolveImports(imports.names, ReadSymvers(symvers_path).exports);
    for (const std::string& name : resolved.missing)
      std::fprintf(stderr, "kcrc modversions: warning: \"%s\" is not exported in %s\n",
                   name.c_str(), symvers_path.c_str());
    // Tables: the kernel's defaults unless asked otherwise.
    TableSelection tables{.basic = basic || !extended, .extended = extended};
    std::string source =
        WriteVersionsSource(resolved.versions, bits != 0 ? bits : imports.target.bits, tables);
    if (output_path.empty()) {
      std::fwrite(source.data(), 1, source.size(), stdout);
    } else {
      std::ofstream out(output_path, std::ios::binary);
      out << source;
      out.close();
      Check(out.good(), "{}: cannot write", output_path);
    }
  } catch (const Error& error) {
    std::fprintf(stderr, "kcrc modversions: %s\n", error.what());
    return 2;
  }
  return 0;
}

}  // namespace kcrc::cli
