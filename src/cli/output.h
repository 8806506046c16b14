// Everything a command writes: stdout and files, held until the command has
// succeeded, then written all or nothing.
//
// GUARANTEES
//   - Nothing reaches stdout or any file before Commit().
//   - Commit() writes every file to a temporary in the file's own directory
//     first. Only when all of them are written does it rename them into
//     place, in the order they were first named, and then write stdout. A
//     failure while writing the temporaries removes them all: no new file
//     appears and every old one keeps its contents.
//   - A command that fails (throws) never reaches Commit(): its staged output
//     is dropped (the runner, command.h).
//   - Several Write()s to one path are joined in order (`--format=a:F
//     --format=b:F` gives F both reports).
//   - Targets that are not regular files (/dev/stdout, a pipe, /dev/null)
//     cannot be replaced atomically: they are written directly, after the
//     renames.
//   - Reserve() finds an unwritable destination before any work: a missing
//     or unwritable directory, or a directory where a file is expected.
//
// LIMIT: renames cannot be undone. If the n-th of several renames fails
// (the directory removed or made read-only meanwhile) the first n-1 files are
// already in place; the error says so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kcrc::cli {

// The path that means stdout to Output::Write.
constexpr std::string_view kStdout = "";

class Output {
 public:
  // Checks now that `path` could be written; throws an Error naming it if
  // not. `kStdout` is always fine. With `create_directories`, missing
  // directories are fine where they could be created.
  static void Reserve(std::string_view path, bool create_directories = false);

  // Stages `text` for `path` (kStdout: standard output).
  void Write(std::string_view path, std::string_view text, bool create_directories = false);

  // Writes everything staged (see GUARANTEES); throws an Error naming the
  // path that failed. The staged output is dropped either way.
  void Commit();

  // "" and "-" mean stdout: for commands whose documentation says so.
  static std::string StdoutOrFile(const std::string& path) { return path == "-" ? "" : path; }

 private:
  struct File {
    std::string path;
    std::string text;
    bool create_directories = false;
  };

  std::vector<File> files_;
  std::string stdout_;
};

}  // namespace kcrc::cli
