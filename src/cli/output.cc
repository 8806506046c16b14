#include "output.h"

#include <cstdio>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"

namespace kcrc::cli {

void WriteOutput(const std::string& path, std::string_view content) {
  if (path.empty() || path == "-") {
    std::fwrite(content.data(), 1, content.size(), stdout);
    std::fflush(stdout);
    return;
  }
  WriteFileAtomically(path, content);
}

bool ParseArgs(CLI::App& app, int argc, char** argv, int& exit_code) {
  try {
    app.parse(argc, argv);
    return true;
  } catch (const CLI::ParseError& e) {
    exit_code = app.exit(e) == 0 ? 0 : 2;
    return false;
  }
}

int Guarded(std::string_view command, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kcrc %.*s: error: %s\n", static_cast<int>(command.size()), command.data(),
                 e.what());
    return 2;
  }
}

}  // namespace kcrc::cli
