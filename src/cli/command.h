// The command runner: one way to declare, parse, run and report a kcrc
// command. Every command of `kcrc` is a `Command` row of kCommands
// (commands.cc); RunCommand does everything around the command's own work.
//
// USAGE (a new command, src/cli/frob_command.cc)
//
//   namespace {
//   constexpr Format kFormats[] = {{"text", "...", TextReport}, ...};  // per command
//   struct FrobArgs {
//     std::string path;
//     unsigned jobs = 0;
//     ReportOption reports{kFormats, "text"};        // --format=TYPE[:FILE]
//   };
//   Runner SetupFrob(CLI::App& app) {
//     auto args = std::make_shared<FrobArgs>();      // the runner owns the options
//     app.add_option("FILE", args->path, "input file")->required();
//     AddJobsOption(app, args->jobs, "threads");     // integer options: options.h
//     args->reports.AddOption(app);                  // report_option.h
//     return [args](CommandContext& context) {
//       const auto requests = args->reports.Begin();  // unwritable FILE: fails here
//       const std::string text = ReadFile(args->path);  // errors: throw kcrc::Error
//       context.Warn("no symbol in " + args->path);  // kcrc frob: warning: ...
//       const Result result = Frob(text);
//       for (const ReportRequest& request : requests)  // staged until the end
//         context.output().Write(request.path, kFormats[request.format].render(result));
//       return kExitOk;                              // 0 ok, 1 differences, 2 error
//     };
//   }
//   }  // namespace
//   extern const Command kFrobCommand{
//       .name = "frob",
//       .summary = "one line for `kcrc --help`",
//       .description = "What it does, for `kcrc frob --help`.",
//       .examples = "  kcrc frob x.symtypes\n",
//       .exit_status = "0 ok, 2 error",
//       .setup = SetupFrob,
//   };
//
//   then `extern const Command kFrobCommand;` in commands.h and a row in
//   kCommands (commands.cc).
//
// GUARANTEES (RunCommand)
//   - `kcrc frob --help` and `kcrc help frob` print the command's help
//     (description, usage, options, examples, exit status) on stdout, exit 0.
//   - An option error prints one line `kcrc frob: error: WHAT` and the hint
//     `kcrc frob: run 'kcrc frob --help' for the options`, exit 2 (1 for gen,
//     as the reference).
//   - A kcrc::Error (or any std::exception) thrown by the runner prints
//     `kcrc frob: error: LOCATION: WHAT`, exit 2; nothing the command staged
//     in context.output() is written (no new file, an old one intact).
//   - A return of 0 or 1 commits context.output() (output.h: every file
//     renamed into place, then stdout). A return of 2 drops what is staged,
//     unless the command committed it itself first (scan --keep-going and
//     versions do, as they document).
//   - Messages never carry raw bytes: control and non-UTF-8 bytes are
//     escaped (base/printable.h).
#pragma once

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <string_view>

#include "kcrc/base/diagnostics.h"
#include "kcrc/base/error.h"
#include "output.h"

namespace kcrc::cli {

// How messages look: `kcrc CMD: error: ...` for kcrc, or the reference's
// `error: gendwarfksyms: ...` when kcrc runs through the gendwarfksyms link.
class Messages {
 public:
  // `program` is "kcrc gen" (kcrc's style) or "gendwarfksyms" (the reference's).
  Messages(std::string program, bool reference_style)
      : program_(std::move(program)), reference_style_(reference_style) {}

  const std::string& program() const { return program_; }
  bool reference_style() const { return reference_style_; }

  // Each prints one line on stderr now: the prefix, then `text` escaped.
  void Error(std::string_view text) const { Print("error", text); }
  void Warning(std::string_view text) const { Print("warning", text); }
  // An unprefixed line (the hint after an option error).
  void Note(std::string_view text) const;

 private:
  void Print(std::string_view severity, std::string_view text) const;

  std::string program_;
  bool reference_style_;
};

// What a running command may use: messages, and the staged output.
class CommandContext {
 public:
  explicit CommandContext(Messages messages)
      : messages_(std::move(messages)), diagnostics_(messages_) {}

  const Messages& messages() const { return messages_; }
  Output& output() { return output_; }
  // For library code that warns through a Diagnostics (gen, scan).
  Diagnostics& diagnostics() { return diagnostics_; }

  void Warn(std::string_view message) const { messages_.Warning(message); }
  // For commands that go on after an error (versions: the next module):
  // prints it now; the command then returns 2 itself.
  void ReportError(const std::exception& error) const;

 private:
  class Forwarding : public Diagnostics {
   public:
    explicit Forwarding(const Messages& messages) : messages_(messages) {}
    void Warning(std::string_view message) override { messages_.Warning(message); }
    void Dump(std::string_view text) override;

   private:
    const Messages& messages_;
  };

  Messages messages_;
  Output output_;
  Forwarding diagnostics_;
};

// The work of a command once its options are parsed; returns the status.
using Runner = std::function<int(CommandContext&)>;

// An option or argument error: printed as one line plus the --help hint.
class UsageError : public Error {
 public:
  using Error::Error;
};

// Thrown by a command's own parser (Command::parse) for --help: the runner
// prints the command's help on stdout and exits 0.
struct HelpRequest {};

// Thrown by a command's own parser that has printed everything itself (the
// reference's usage text, through the gendwarfksyms link): exit `status`.
struct ExitRequest {
  int status;
};

struct Command {
  std::string_view name = {};
  std::string_view summary = {};      // one line, for `kcrc --help`
  std::string_view description = {};  // first paragraph of the help
  std::string_view examples = {};     // lines of the help's "Examples:" section
  std::string_view exit_status = {};  // the help's "Exit status:" line
  // Declares the options on `app` and returns the runner that uses them.
  Runner (*setup)(CLI::App& app) = nullptr;
  // Another command reached through this one's name when `mode_flag` is
  // among the arguments (`compare --symvers`); `--help` shows both.
  const Command* mode = nullptr;
  std::string_view mode_flag = {};
  // Commands that parse their own arguments (gen: getopt_long, with the
  // reference's prefix matching): returns the runner or throws UsageError.
  // `setup` still declares the options, for the help and the option list.
  Runner (*parse)(const Messages& messages, int argc, char** argv) = nullptr;
  // Run on a thread with the renderer's stack (large_stack.h).
  bool large_stack = false;
  // The status of an option error (gen: 1, as the reference).
  int usage_status = 2;
};

// Exit statuses of every command.
constexpr int kExitOk = 0;
constexpr int kExitDifferences = 1;
constexpr int kExitError = 2;

// Parses argv (argv[0] is the command's name) and runs the command.
int RunCommand(const Command& command, const Messages& messages, int argc, char** argv);

// The command's help text (what --help prints).
std::string CommandHelp(const Command& command);

// The command's options and positionals, one a line (`--jobs`, `-j`, `REF`):
// what the docs test compares with docs/cli.md and the man page.
std::string CommandOptionList(const Command& command);

}  // namespace kcrc::cli
