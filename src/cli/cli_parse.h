// CLI11 parsing with kcrc's exit codes: --help prints usage and exits 0, a
// usage error prints it to stderr and exits 2.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>

namespace kcrc::cli {

// Returns the exit status when the command must stop here, nullopt to go on.
inline std::optional<int> ParseArgs(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  return std::nullopt;
}

}  // namespace kcrc::cli
