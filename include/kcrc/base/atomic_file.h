// Output files are written whole or not at all: the contents go to a
// temporary file in the same directory, which is then renamed over the target.
#pragma once

#include <string>
#include <string_view>

namespace kcrc {

// Throws Error naming `path` when the file cannot be written.
void WriteFileAtomically(const std::string& path, std::string_view contents);

}  // namespace kcrc
