// PendingFile and CheckWritable: all-or-nothing writes.
#include "kcrc/base/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "kcrc/base/error.h"
#include "support/temp_dir.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;
using testing_support::TempDir;

size_t Entries(const fs::path& dir) {
  size_t count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++count;
  return count;
}

TEST(PendingFile, NothingChangesBeforeCommit) {
  TempDir dir;
  const std::string path = dir.Write("out", "old");
  {
    PendingFile pending = PendingFile::Write(path, "new");
    EXPECT_EQ(ReadFile(path), "old");
    EXPECT_EQ(Entries(dir.path()), 2u);  // out and the temporary
  }
  // Destroyed without Commit: the temporary is gone, the old file stays.
  EXPECT_EQ(ReadFile(path), "old");
  EXPECT_EQ(Entries(dir.path()), 1u);
}

TEST(PendingFile, CommitReplaces) {
  TempDir dir;
  const std::string path = dir.Write("out", "old");
  PendingFile pending = PendingFile::Write(path, "new");
  pending.Commit();
  EXPECT_EQ(ReadFile(path), "new");
  EXPECT_EQ(Entries(dir.path()), 1u);
}

TEST(PendingFile, ManyAreAllOrNothing) {
  TempDir dir;
  const std::string a = dir.Write("a", "old a");
  std::vector<PendingFile> files;
  files.push_back(PendingFile::Write(a, "new a"));
  EXPECT_THROW(files.push_back(PendingFile::Write((dir.path() / "no/b").string(), "b")), Error);
  files.clear();  // the command failed: nothing is committed
  EXPECT_EQ(ReadFile(a), "old a");
  EXPECT_EQ(Entries(dir.path()), 1u);
}

TEST(PendingFile, CreatesDirectoriesWhenAsked) {
  TempDir dir;
  const std::string path = (dir.path() / "x/y/z.symtypes").string();
  PendingFile::Write(path, "z", /*create_directories=*/true).Commit();
  EXPECT_EQ(ReadFile(path), "z");
}

TEST(CheckWritable, FindsUnwritableDestinations) {
  TempDir dir;
  EXPECT_NO_THROW(CheckWritable((dir.path() / "new").string()));
  EXPECT_NO_THROW(CheckWritable("/dev/null"));
  const std::string missing = (dir.path() / "nodir/x").string();
  try {
    CheckWritable(missing);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), missing + ": cannot write: No such file or directory");
  }
  EXPECT_NO_THROW(CheckWritable(missing, /*create_directories=*/true));
  try {
    CheckWritable(dir.path().string());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), dir.path().string() + ": cannot write: Is a directory");
  }
  const std::string file = dir.Write("file", "");
  EXPECT_THROW(CheckWritable(file + "/x"), Error);  // a file where a directory is expected
  if (geteuid() != 0) {                             // root writes anywhere
    const fs::path read_only = dir.path() / "ro";
    fs::create_directory(read_only);
    chmod(read_only.c_str(), 0500);
    EXPECT_THROW(CheckWritable((read_only / "x").string()), Error);
    chmod(read_only.c_str(), 0700);
  }
}

}  // namespace
}  // namespace kcrc
