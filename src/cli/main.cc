// kcrc: symbol versioning for the Linux kernel. Dispatches to subcommands; run
// through a link named `gendwarfksyms` it is `kcrc gen`, so kbuild can call it.
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "commands.h"

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(int, char**);
};

int RunGenAsKcrc(int argc, char** argv) { return kcrc::cli::RunGen(argc, argv, "kcrc gen"); }

constexpr Command kCommands[] = {
    {"gen", "compute symbol CRCs and symtypes from DWARF (gendwarfksyms drop-in)", RunGenAsKcrc},
    {"hash-name", "print the modversion table form of symbol names", kcrc::cli::RunHashName},
    {"modversions", "write the C source of a module's version tables", kcrc::cli::RunModversions},
    {"versions", "read the version tables of built modules", kcrc::cli::RunVersions},
    {"crc", "recompute #SYMVER lines from a symtypes file", kcrc::cli::RunCrc},
    {"consolidate", "merge a tree of symtypes files into one file", kcrc::cli::RunConsolidate},
    {"split", "split a consolidated symtypes file into a tree", kcrc::cli::RunSplit},
    {"compare", "compare symtypes or symvers and explain changed CRCs", kcrc::cli::RunCompare},
    {"unused-rules", "list severity rules that no export of Module.symvers files matches",
     kcrc::cli::RunUnusedRules},
    {"explain", "explain why one export's CRC changed", kcrc::cli::RunExplain},
    {"scan", "process a whole built tree (vmlinux and modules) in parallel", kcrc::cli::RunScan},
};

void PrintUsage(FILE* out) {
  std::fprintf(out, "Usage: kcrc <command> [options] ...\n\nCommands:\n");
  for (const Command& command : kCommands)
    std::fprintf(out, "  %-12s %s\n", command.name, command.summary);
  std::fprintf(out,
               "\nRun `kcrc <command> --help` for the options of a command.\n"
               "Invoked as `gendwarfksyms`, kcrc behaves as `kcrc gen`.\n");
}

std::string_view BaseName(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash ? slash + 1 : path;
}

}  // namespace

int main(int argc, char** argv) {
  if (BaseName(argv[0]) == "gendwarfksyms") return kcrc::cli::RunGen(argc, argv, "gendwarfksyms");
  if (argc < 2) {
    PrintUsage(stderr);
    return 2;
  }
  std::string_view name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") {
    PrintUsage(stdout);
    return 0;
  }
  if (name == "--version" || name == "-V") {
    std::printf("kcrc %s\n", KCRC_VERSION);
    return 0;
  }
  for (const Command& command : kCommands)
    if (name == command.name) return command.run(argc - 1, argv + 1);
  std::fprintf(stderr, "kcrc: unknown command '%s'\n\n", argv[1]);
  PrintUsage(stderr);
  return 2;
}
