// Whole-file reads and all-or-nothing writes.
//
// GUARANTEES: WriteFileAtomically never leaves a half-written file at `path`:
// it writes a temporary file in the same directory and renames it over
// `path`, so readers see either the old content or the new one. Targets that
// are not regular files (a pipe, /dev/stdout) are written directly; a
// symbolic link is followed and the file it names is replaced.
#pragma once

#include <string>
#include <string_view>

namespace kcrc {

// Reads the whole file. Throws an Error naming the path on failure.
std::string ReadFile(const std::string& path);

// Writes `contents` to `path` through a temporary file and a rename. Throws
// Error naming `path` on failure; a missing parent directory is an error
// unless `create_directories` (as for the files of a tree that `split`
// writes), like fopen in the reference.
void WriteFileAtomically(const std::string& path, std::string_view contents,
                         bool create_directories = false);

}  // namespace kcrc
