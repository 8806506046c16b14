#include "kcrc/base/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kcrc/base/error.h"

namespace kcrc {

const char* DescribeNonRegular(unsigned mode) {
  if (S_ISREG(mode)) return nullptr;
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

namespace {

[[noreturn]] void FailNonRegular(const std::string& path, unsigned mode) {
  if (S_ISDIR(mode)) Fail(Location{path}, "is a directory, not a file");
  Fail(Location{path}, "is {}, not a regular file", DescribeNonRegular(mode));
}

}  // namespace

InputFile InputFile::Open(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading would wait for a writer.
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    const int saved = errno;
    // A socket cannot be opened at all (ENXIO): say what it is.
    struct stat info;
    if (stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode))
      FailNonRegular(path, info.st_mode);
    Fail(Location{path}, "cannot open: {}", std::strerror(saved));
  }
  struct stat info;
  if (fstat(fd, &info) != 0) {
    const int saved = errno;
    close(fd);
    Fail(Location{path}, "cannot open: {}", std::strerror(saved));
  }
  if (!S_ISREG(info.st_mode)) {
    close(fd);
    FailNonRegular(path, info.st_mode);
  }
  // Regular files never block; clear the flag anyway for whoever gets the fd.
  const int flags = fcntl(fd, F_GETFL);
  if (flags >= 0) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return InputFile(path, fd, static_cast<uint64_t>(info.st_size));
}

InputFile::InputFile(InputFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), size_(other.size_) {
  other.fd_ = -1;
}

InputFile::~InputFile() {
  if (fd_ >= 0) close(fd_);
}

int InputFile::ReleaseFd() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

std::string InputFile::ReadAll() {
  std::string content;
  // One allocation of the right size (modules are read whole for libdwfl,
  // tens of megabytes); the loop still reads to the real end.
  if (size_ > 0) content.reserve(static_cast<size_t>(size_));
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = read(fd_, buffer, sizeof(buffer));
    if (n < 0) {
      if (errno == EINTR) continue;
      Fail(Location{path_}, "cannot read: {}", std::strerror(errno));
    }
    if (n == 0) break;
    content.append(buffer, static_cast<size_t>(n));
  }
  return content;
}

std::string InputFile::ReadHead(size_t limit) {
  std::string head(limit, '\0');
  size_t got = 0;
  while (got < limit) {
    const ssize_t n = pread(fd_, head.data() + got, limit - got, static_cast<off_t>(got));
    if (n < 0) {
      if (errno == EINTR) continue;
      Fail(Location{path_}, "cannot read: {}", std::strerror(errno));
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  head.resize(got);
  return head;
}

std::string ReadFile(const std::string& path) { return InputFile::Open(path).ReadAll(); }

void RequireNonEmpty(const std::string& path, std::string_view text, std::string_view what) {
  if (text.empty()) Fail(Location{path}, "empty file, {}", what);
}

}  // namespace kcrc
