// Opening the files kcrc reads: the one place that decides what may be read
// where a file is expected. ReadFile, MappedFile and the ELF readers open
// through it.
//
// RULES
//   - The path must name a regular file, after following symbolic links.
//     Anything else is refused with an Error at Location{path}, before a
//     byte is read:
//       adir: is a directory, not a file
//       fifo: is a FIFO (named pipe), not a regular file
//       sock: is a socket, not a regular file
//       /dev/null: is a character device, not a regular file
//       /dev/sda: is a block device, not a regular file
//   - Opening never blocks: the file is opened with O_NONBLOCK (a FIFO
//     without a writer would otherwise wait forever), the kind is checked
//     with fstat on the open descriptor (no window between check and open),
//     and only a regular file is read.
//   - A file that cannot be opened: `missing.o: cannot open: No such file or
//     directory`; a read error: `x: cannot read: <reason>`.
//   - `-` is a file named `-`: no command reads stdin through a path.
//   - An empty file is not refused here: whether empty is wrong depends on
//     the command (RequireNonEmpty, and docs/errors.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kcrc {

class InputFile {
 public:
  // Opens `path` for reading (see RULES); throws an Error naming it.
  static InputFile Open(const std::string& path);

  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&&) = delete;
  InputFile(const InputFile&) = delete;
  ~InputFile();

  const std::string& path() const { return path_; }
  int fd() const { return fd_; }
  // The size fstat gave when the file was opened.
  uint64_t size() const { return size_; }

  // The whole file, read to its real end.
  std::string ReadAll();
  // Up to `limit` bytes from the start (for telling what kind of file it is).
  std::string ReadHead(size_t limit);

  // Gives the descriptor to the caller, who then closes it.
  int ReleaseFd();

 private:
  InputFile(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}

  std::string path_;
  int fd_;
  uint64_t size_;
};

// Reads the whole file through InputFile::Open.
std::string ReadFile(const std::string& path);

// Throws `path: empty file, <what>` when `text` is empty: for inputs whose
// emptiness would make a verdict vacuous (docs/errors.md lists them).
void RequireNonEmpty(const std::string& path, std::string_view text, std::string_view what);

// What a file of the given mode is, for messages: "a directory", "a FIFO
// (named pipe)", "a socket", "a character device", "a block device";
// nullptr for a regular file.
const char* DescribeNonRegular(unsigned mode);

}  // namespace kcrc
