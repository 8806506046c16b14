#include "kcrc/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;

// Targets there is nothing to replace atomically: a terminal, a pipe,
// /dev/stdout, /dev/null.
bool IsSpecialTarget(const std::string& path) {
  struct stat st;
  return path.starts_with("/dev/") || path.starts_with("/proc/") ||
         (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
}

void WriteDirectly(const std::string& path, std::string_view contents) {
  FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) Fail(Location{path}, "cannot write: {}", std::strerror(errno));
  const bool ok = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  const int saved = errno;
  if (std::fclose(file) != 0 || !ok) Fail(Location{path}, "cannot write: {}", std::strerror(saved));
}

// The file a symbolic link points to, which is the one to replace.
std::string ResolveLink(const std::string& path) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  char* resolved = realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return path;
  std::string target = resolved;
  std::free(resolved);
  return target;
}

// The directory a file of `path` lives in ("." for a bare name).
std::string ParentOf(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

PendingFile PendingFile::Write(const std::string& original_path, std::string_view contents,
                               bool create_directories) {
  if (IsSpecialTarget(original_path))
    return PendingFile(original_path, "", /*special=*/true, std::string(contents));
  const std::string path = ResolveLink(original_path);
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    Fail(Location{original_path}, "cannot write: Is a directory");
  if (create_directories) {
    std::error_code ec;
    fs::create_directories(ParentOf(path), ec);
    if (ec) Fail(Location{ParentOf(path)}, "cannot create directory: {}", ec.message());
  }
  std::string temp = path + ".kcrc-XXXXXX";
  const int fd = mkstemp(temp.data());
  if (fd < 0) Fail(Location{original_path}, "cannot write: {}", std::strerror(errno));
  auto fail = [&](const char* what) {
    const int saved = errno;
    close(fd);
    unlink(temp.c_str());
    Fail(Location{original_path}, "cannot write: {}: {}", what, std::strerror(saved));
  };
  // mkstemp creates 0600; give the file the mode a plain open would.
  const mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0) fail("chmod");
  size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    written += static_cast<size_t>(n);
  }
  if (close(fd) != 0) {
    const int saved = errno;
    unlink(temp.c_str());
    Fail(Location{original_path}, "cannot write: close: {}", std::strerror(saved));
  }
  return PendingFile(path, std::move(temp), /*special=*/false, "");
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : path_(std::move(other.path_)),
      temp_(std::move(other.temp_)),
      special_(other.special_),
      direct_(std::move(other.direct_)) {
  other.temp_.clear();
  other.special_ = false;
}

PendingFile::~PendingFile() {
  if (!temp_.empty()) unlink(temp_.c_str());
}

void PendingFile::Commit() {
  if (special_) {
    special_ = false;
    WriteDirectly(path_, direct_);
    return;
  }
  if (temp_.empty()) return;
  if (rename(temp_.c_str(), path_.c_str()) != 0) {
    const int saved = errno;
    unlink(temp_.c_str());
    temp_.clear();
    Fail(Location{path_}, "cannot write: rename: {}", std::strerror(saved));
  }
  temp_.clear();
}

void WriteFileAtomically(const std::string& path, std::string_view contents,
                         bool create_directories) {
  PendingFile::Write(path, contents, create_directories).Commit();
}

void CheckWritable(const std::string& path, bool create_directories) {
  if (IsSpecialTarget(path)) return;
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    Fail(Location{path}, "cannot write: Is a directory");
  std::string dir = ParentOf(ResolveLink(path));
  if (create_directories) {
    // The nearest directory that exists must let us create the rest.
    while (stat(dir.c_str(), &st) != 0 && errno == ENOENT && dir != "." && dir != "/")
      dir = ParentOf(dir);
  }
  if (stat(dir.c_str(), &st) != 0) Fail(Location{path}, "cannot write: {}", std::strerror(errno));
  if (!S_ISDIR(st.st_mode)) Fail(Location{path}, "cannot write: {}: Not a directory", dir);
  if (access(dir.c_str(), W_OK | X_OK) != 0)
    Fail(Location{path}, "cannot write: {}", std::strerror(errno));
}

}  // namespace kcrc
