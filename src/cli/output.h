// Shared helpers of the symtypes and compare subcommands.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <string_view>

namespace kcrc::cli {

// Writes `content` to stdout when `path` is empty or "-", else atomically to
// the file.
void WriteOutput(const std::string& path, std::string_view content);

// Parses the command line; on --help returns 0 through `exit_code`, on a
// usage error prints it and returns 2. Returns true when the command should
// go on.
bool ParseArgs(CLI::App& app, int argc, char** argv, int& exit_code);

// Runs `body`, turning a kcrc::Error (or any std::exception) into a message
// on stderr and exit status 2.
int Guarded(std::string_view command, const std::function<int()>& body);

}  // namespace kcrc::cli
