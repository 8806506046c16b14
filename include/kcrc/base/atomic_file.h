// All-or-nothing writes (and, for the callers that have always found it
// here, ReadFile: see input_file.h).
//
// GUARANTEES: a PendingFile never shows a half-written file at `path`: the
// contents go to a temporary file in the same directory, which Commit()
// renames over `path`, so readers see either the old content or the new one.
// A PendingFile destroyed without Commit() removes its temporary: the old
// file stays as it was. Targets that are not regular files (a pipe,
// /dev/stdout, /dev/null) are written directly by Commit(); a symbolic link
// is followed and the file it names is replaced.
//
// USAGE
//   // Several files, all or none (the CLI's Output does this):
//   std::vector<PendingFile> files;
//   for (...) files.push_back(PendingFile::Write(path, text));  // may throw: nothing renamed
//   for (PendingFile& file : files) file.Commit();
//   // One file:
//   WriteFileAtomically(path, text);
#pragma once

#include <string>
#include <string_view>

#include "kcrc/base/input_file.h"

namespace kcrc {

class PendingFile {
 public:
  // Writes `contents` to a temporary file next to `path`. Throws an Error
  // naming `path` on failure (and leaves no temporary); a missing parent
  // directory is an error unless `create_directories` (as for the files of a
  // tree that `split` writes), like fopen in the reference.
  static PendingFile Write(const std::string& path, std::string_view contents,
                           bool create_directories = false);

  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&&) = delete;
  PendingFile(const PendingFile&) = delete;
  ~PendingFile();  // removes the temporary unless committed

  // Puts the file in place (rename; a direct write for special targets).
  // Throws an Error naming the path on failure.
  void Commit();

  const std::string& path() const { return path_; }
  // Not a regular file: Commit() writes it directly, with no way back.
  bool special() const { return special_; }

 private:
  PendingFile(std::string path, std::string temp, bool special, std::string direct_contents)
      : path_(std::move(path)),
        temp_(std::move(temp)),
        special_(special),
        direct_(std::move(direct_contents)) {}

  std::string path_;    // the destination, symbolic links resolved
  std::string temp_;    // the temporary; empty once committed or moved from
  bool special_;        // not a regular file: written directly by Commit()
  std::string direct_;  // the contents of a special target
};

// Writes `contents` to `path` through a temporary file and a rename.
void WriteFileAtomically(const std::string& path, std::string_view contents,
                         bool create_directories = false);

// Throws an Error naming `path` when it could not be written: its directory
// is missing (unless `create_directories` and the nearest existing one is
// writable) or not writable, or `path` is a directory. Checks only: nothing
// is created.
void CheckWritable(const std::string& path, bool create_directories = false);

}  // namespace kcrc
