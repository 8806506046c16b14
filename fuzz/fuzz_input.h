// The targets whose code under test takes a path: the input bytes go into one
// memfd per target, rewritten for every input, and its /proc path is returned.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace kcrc::fuzz {

inline std::string InputPath(const uint8_t* data, size_t size) {
  static const int fd = memfd_create("kcrc-fuzz-input", MFD_CLOEXEC);
  if (fd < 0) {
    std::perror("memfd_create");
    std::abort();
  }
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) {
    std::perror("memfd write");
    std::abort();
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

}  // namespace kcrc::fuzz
