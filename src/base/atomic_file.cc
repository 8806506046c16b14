#include "kcrc/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "kcrc/base/error.h"

namespace kcrc {

std::string ReadFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) Fail("{}: cannot open: {}", path, std::strerror(errno));
  std::string content;
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

void WriteFileAtomic(const std::string& path, std::string_view content) {
  const std::filesystem::path target(path);
  if (target.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) Fail("{}: cannot create directory: {}", target.parent_path().string(), ec.message());
  }
  std::string temp = path + ".tmp.XXXXXX";
  const int fd = mkstemp(temp.data());
  if (fd < 0) Fail("{}: cannot create temporary file: {}", path, std::strerror(errno));
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      close(fd);
      unlink(temp.c_str());
      Fail("{}: write error: {}", path, std::strerror(saved));
    }
    done += static_cast<size_t>(n);
  }
  // mkstemp creates 0600; give the file the usual mode (subject to umask).
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (close(fd) != 0) {
    const int saved = errno;
    unlink(temp.c_str());
    Fail("{}: write error: {}", path, std::strerror(saved));
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    unlink(temp.c_str());
    Fail("{}: cannot rename temporary file: {}", path, std::strerror(saved));
  }
}

}  // namespace kcrc
