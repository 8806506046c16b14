// kcrc: symbol versioning for the Linux kernel. Dispatches to the commands
// (commands.cc) through the runner (command.h); run through a link named
// `gendwarfksyms` it is `kcrc gen` with the reference's messages.
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "commands.h"

namespace {

using kcrc::cli::Command;
using kcrc::cli::Messages;

void PrintUsage(FILE* out) {
  std::string text = "Usage: kcrc <command> [options] ...\n\nCommands:\n";
  for (const Command* command : kcrc::cli::AllCommands())
    text += fmt::format("  {:<12} {}\n", command->name, command->summary);
  text +=
      "\nRun 'kcrc help <command>' or 'kcrc <command> --help' for a command's options.\n"
      "Invoked as 'gendwarfksyms', kcrc behaves as 'kcrc gen'.\n";
  std::fputs(text.c_str(), out);
}

std::string_view BaseName(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash ? slash + 1 : path;
}

int UnknownCommand(std::string_view name) {
  const Messages messages("kcrc", false);
  messages.Error(fmt::format("unknown command '{}'", name));
  messages.Note("run 'kcrc --help' for the commands");
  return kcrc::cli::kExitError;
}

// `kcrc help [COMMAND]`.
int Help(int argc, char** argv) {
  if (argc < 3) {
    PrintUsage(stdout);
    return 0;
  }
  const Command* command = kcrc::cli::FindCommand(argv[2]);
  if (command == nullptr) return UnknownCommand(argv[2]);
  const std::string help = kcrc::cli::CommandHelp(*command);
  std::fwrite(help.data(), 1, help.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : kcrc::cli::kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 0 && BaseName(argv[0]) == "gendwarfksyms")
    return RunCommand(kcrc::cli::kGenCommand, Messages("gendwarfksyms", true), argc, argv);
  if (argc < 2) {
    PrintUsage(stderr);
    return kcrc::cli::kExitError;
  }
  const std::string_view name = argv[1];
  if (name == "-h" || name == "--help") {
    PrintUsage(stdout);
    return 0;
  }
  if (name == "help") return Help(argc, argv);
  if (name == "--version" || name == "-V") {
    std::printf("kcrc %s\n", KCRC_VERSION);
    return 0;
  }
  const Command* command = kcrc::cli::FindCommand(name);
  if (command == nullptr) return UnknownCommand(name);
  return RunCommand(*command, Messages(fmt::format("kcrc {}", name), false), argc - 1, argv + 1);
}
