// RunCommand: parse, run, catch, print, map the exit status (command.h).
#include <cstdio>
#include <string>

#include "command.h"
#include "help_formatter.h"
#include "kcrc/base/printable.h"
#include "large_stack.h"

namespace kcrc::cli {

void Messages::Print(std::string_view severity, std::string_view text) const {
  const std::string line = reference_style_
                               ? fmt::format("{}: {}: {}\n", severity, program_, Printable(text))
                               : fmt::format("{}: {}: {}\n", program_, severity, Printable(text));
  std::fputs(line.c_str(), stderr);
}

void Messages::Note(std::string_view text) const {
  std::fputs(fmt::format("{}: {}\n", program_, Printable(text)).c_str(), stderr);
}

void CommandContext::ReportError(const std::exception& error) const {
  const auto* ours = dynamic_cast<const Error*>(&error);
  messages_.Error(ours != nullptr ? std::string_view(ours->text()) : error.what());
}

void CommandContext::Forwarding::Dump(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
}

namespace {

// "kcrc compare" for both `compare` and its mode `compare --symvers`.
std::string ProgramName(const Command& command) {
  return fmt::format("kcrc {}", command.name.substr(0, command.name.find(' ')));
}

// The app of `command` with its options declared; the runner they feed.
struct Parser {
  CLI::App app;
  Runner runner;
};

void Declare(const Command& command, Parser& parser) {
  CLI::App& app = parser.app;
  app.name(fmt::format("kcrc {}", command.name));
  app.description(std::string(command.description));
  app.set_help_flag("-h,--help", "print this help and exit");
  app.formatter(std::make_shared<HelpFormatter>());
  std::string footer;
  if (!command.examples.empty()) footer += "Examples:\n" + std::string(command.examples);
  if (!command.exit_status.empty()) {
    if (!footer.empty()) footer += "\n";
    footer += "Exit status: " + std::string(command.exit_status);
  }
  app.footer(footer);
  parser.runner = command.setup(app);
}

// CLI11's messages, on one line.
std::string OneLine(std::string text) {
  for (char& c : text)
    if (c == '\n') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

bool HasModeFlag(const Command& command, int argc, char** argv) {
  if (command.mode == nullptr) return false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == command.mode_flag || (arg.starts_with(command.mode_flag) &&
                                     arg.substr(command.mode_flag.size()).starts_with('=')))
      return true;
  }
  return false;
}

Runner Parse(const Command& command, const Messages& messages, int argc, char** argv) {
  if (command.parse != nullptr) return command.parse(messages, argc, argv);
  Parser parser;
  Declare(command, parser);
  try {
    parser.app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    throw HelpRequest{};
  } catch (const CLI::CallForAllHelp&) {
    throw HelpRequest{};
  } catch (const CLI::ParseError& error) {
    throw UsageError(OneLine(error.what()));
  }
  return std::move(parser.runner);
}

int Run(const Command& command, const Messages& messages, const Runner& runner) {
  CommandContext context(messages);
  auto body = [&] {
    const int status = runner(context);
    if (status == kExitOk || status == kExitDifferences) context.output().Commit();
    return status;
  };
  try {
    return command.large_stack ? RunWithLargeStack(body) : body();
  } catch (const Error& error) {
    messages.Error(error.text());
  } catch (const std::bad_alloc&) {
    messages.Error("out of memory");
  } catch (const std::exception& error) {
    messages.Error(error.what());
  }
  return kExitError;
}

}  // namespace

std::string CommandHelp(const Command& command) {
  Parser parser;
  Declare(command, parser);
  std::string help = parser.app.help();
  if (command.mode != nullptr) help += "\n" + CommandHelp(*command.mode);
  return help;
}

std::string CommandOptionList(const Command& command) {
  Parser parser;
  Declare(command, parser);
  std::string list;
  for (const CLI::Option* option : parser.app.get_options()) {
    if (!option->nonpositional()) {
      list += option->get_name() + "\n";
      continue;
    }
    for (const std::string& name : option->get_snames()) list += "-" + name + "\n";
    for (const std::string& name : option->get_lnames()) list += "--" + name + "\n";
  }
  return list;
}

int RunCommand(const Command& command, const Messages& messages, int argc, char** argv) {
  if (HasModeFlag(command, argc, argv)) return RunCommand(*command.mode, messages, argc, argv);
  if (argc == 2 && std::string_view(argv[1]) == "--list-options") {
    std::fputs(CommandOptionList(command).c_str(), stdout);
    return kExitOk;
  }
  Runner runner;
  try {
    runner = Parse(command, messages, argc, argv);
  } catch (const HelpRequest&) {
    const std::string help = CommandHelp(command);
    std::fwrite(help.data(), 1, help.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitOk : kExitError;
  } catch (const ExitRequest& exit) {
    return exit.status;
  } catch (const UsageError& error) {
    messages.Error(error.text());
    messages.Note(fmt::format("run '{} --help' for the options", ProgramName(command)));
    return command.usage_status;
  }
  return Run(command, messages, runner);
}

}  // namespace kcrc::cli
