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

std::string ReadFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) Fail("{}: cannot open: {}", path, std::strerror(errno));
  std::string content;
  // Regular files: one allocation of the right size (modules are read whole
  // for libdwfl, tens of megabytes); the loop still reads to the real end.
  struct stat info;
  if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0)
    content.reserve(static_cast<size_t>(info.st_size));
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      close(fd);
      Fail("{}: read error: {}", path, std::strerror(saved));
    }
    if (n == 0) break;
    content.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return content;
}

namespace {

// Writes straight to a target that is not a regular file (a terminal, a pipe,
// /dev/stdout): there is nothing to replace atomically.
void WriteDirectly(const std::string& path, std::string_view contents) {
  FILE* file = std::fopen(path.c_str(), "w");
  Check(file != nullptr, "cannot write '{}': {}", path, std::strerror(errno));
  const bool ok = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  const int saved = errno;
  Check(std::fclose(file) == 0 && ok, "cannot write '{}': {}", path, std::strerror(saved));
}

}  // namespace

void WriteFileAtomically(const std::string& original_path, std::string_view contents,
                         bool create_directories) {
  std::string path = original_path;
  struct stat st;
  const bool special = path.starts_with("/dev/") || path.starts_with("/proc/");
  if (special || (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)))
    return WriteDirectly(path, contents);
  // Replace the file a symbolic link points to, not the link.
  if (lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    if (char* resolved = realpath(path.c_str(), nullptr)) {
      path = resolved;
      std::free(resolved);
    }
  }
  const std::filesystem::path target(path);
  if (create_directories && target.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) Fail("{}: cannot create directory: {}", target.parent_path().string(), ec.message());
  }
  std::string temp_path = path + ".kcrc-XXXXXX";
  std::vector<char> name(temp_path.begin(), temp_path.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  Check(fd >= 0, "cannot write '{}': {}", path, std::strerror(errno));
  temp_path = name.data();
  auto fail = [&](const char* what) {
    const int saved = errno;
    close(fd);
    unlink(temp_path.c_str());
    Fail("cannot write '{}': {}: {}", path, what, std::strerror(saved));
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
    unlink(temp_path.c_str());
    Fail("cannot write '{}': close: {}", path, std::strerror(saved));
  }
  if (rename(temp_path.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    unlink(temp_path.c_str());
    Fail("cannot write '{}': rename: {}", path, std::strerror(saved));
  }
}

}  // namespace kcrc
