// Whole-file reads and all-or-nothing writes.
//
// GUARANTEES: WriteFileAtomic never leaves a half-written file at `path`: it
// writes a temporary file in the same directory and renames it over `path`, so
// readers see either the old content or the new one.
#pragma once

#include <string>
#include <string_view>

namespace kcrc {

// Reads the whole file. Throws an Error naming the path on failure.
std::string ReadFile(const std::string& path);

// Writes `content` to `path` through a temporary file and a rename. Creates
// missing parent directories.
void WriteFileAtomic(const std::string& path, std::string_view content);

}  // namespace kcrc
