// InputFile: the one opener refuses what is not a regular file, naming the
// path, and never blocks.
#include "kcrc/base/input_file.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "kcrc/base/error.h"
#include "support/temp_dir.h"

namespace kcrc {
namespace {

using testing_support::TempDir;

std::string OpenError(const std::string& path) {
  try {
    InputFile::Open(path);
  } catch (const Error& error) {
    EXPECT_EQ(error.where().file, path);
    return error.what();
  }
  return "no error";
}

TEST(InputFile, ReadsARegularFile) {
  TempDir dir;
  const std::string path = dir.Write("f", "hello");
  InputFile file = InputFile::Open(path);
  EXPECT_EQ(file.size(), 5u);
  EXPECT_EQ(file.ReadHead(2), "he");
  EXPECT_EQ(file.ReadHead(100), "hello");
  EXPECT_EQ(file.ReadAll(), "hello");
  EXPECT_EQ(ReadFile(path), "hello");
  EXPECT_EQ(ReadFile(dir.Write("empty", "")), "");
}

TEST(InputFile, RefusesWhatIsNotARegularFile) {
  TempDir dir;
  const std::string fifo = (dir.path() / "fifo").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(OpenError(fifo), fifo + ": is a FIFO (named pipe), not a regular file");
  EXPECT_EQ(OpenError(dir.path().string()), dir.path().string() + ": is a directory, not a file");
  EXPECT_EQ(OpenError("/dev/null"), "/dev/null: is a character device, not a regular file");
  const std::string missing = (dir.path() / "missing").string();
  EXPECT_EQ(OpenError(missing), missing + ": cannot open: No such file or directory");
}

TEST(InputFile, RefusesASocket) {
  TempDir dir;
  const std::string path = (dir.path() / "sock").string();
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  ASSERT_LT(path.size(), sizeof(address.sun_path));
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  EXPECT_EQ(OpenError(path), path + ": is a socket, not a regular file");
  close(fd);
}

TEST(InputFile, FollowsSymbolicLinks) {
  TempDir dir;
  const std::string target = dir.Write("target", "abc");
  const std::string link = (dir.path() / "link").string();
  ASSERT_EQ(symlink(target.c_str(), link.c_str()), 0);
  EXPECT_EQ(ReadFile(link), "abc");
  const std::string to_dir = (dir.path() / "to-dir").string();
  ASSERT_EQ(symlink(dir.path().c_str(), to_dir.c_str()), 0);
  EXPECT_EQ(OpenError(to_dir), to_dir + ": is a directory, not a file");
}

TEST(InputFile, EmptyIsRefusedWhereTheCallerSaysSo) {
  EXPECT_NO_THROW(RequireNonEmpty("x", "text", "no records"));
  try {
    RequireNonEmpty("ref.symvers", "", "no exports to compare");
    FAIL();
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "ref.symvers: empty file, no exports to compare");
  }
}

}  // namespace
}  // namespace kcrc
