#include "output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"

namespace kcrc::cli {

void Output::Reserve(std::string_view path, bool create_directories) {
  if (path != kStdout) CheckWritable(std::string(path), create_directories);
}

void Output::Write(std::string_view path, std::string_view text, bool create_directories) {
  if (path == kStdout) {
    stdout_ += text;
    return;
  }
  for (File& file : files_) {
    if (file.path != path) continue;
    file.text += text;
    file.create_directories |= create_directories;
    return;
  }
  files_.push_back({std::string(path), std::string(text), create_directories});
}

void Output::Commit() {
  std::vector<File> files = std::move(files_);
  std::string text = std::move(stdout_);
  files_.clear();
  stdout_.clear();
  // Every temporary first: a failure here removes them all (~PendingFile).
  std::vector<PendingFile> pending;
  pending.reserve(files.size());
  for (File& file : files) {
    pending.push_back(PendingFile::Write(file.path, file.text, file.create_directories));
    file.text = std::string();  // the temporary holds it now
  }
  // Then the renames, then the targets that can only be written directly.
  size_t placed = 0;
  for (bool special : {false, true}) {
    for (PendingFile& file : pending) {
      if (file.special() != special) continue;
      try {
        file.Commit();
      } catch (Error& error) {
        if (placed != 0)
          error.AddContext(fmt::format("{} other output file(s) already written", placed));
        throw;
      }
      ++placed;
    }
  }
  if (text.empty()) return;
  const bool ok = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  if (std::fflush(stdout) != 0 || !ok) Fail("cannot write to stdout: {}", std::strerror(errno));
}

}  // namespace kcrc::cli
