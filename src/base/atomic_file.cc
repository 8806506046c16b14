#include "kcrc/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "kcrc/base/error.h"

namespace kcrc {

void WriteFileAtomically(const std::string& path, std::string_view contents) {
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
