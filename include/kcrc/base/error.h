// Errors of the engine. The library never exits: it throws kcrc::Error, whose
// message names the file and, where relevant, the DIE offset or line. Only the
// CLI prints errors and chooses exit codes.
#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace kcrc {

class Error : public std::runtime_error {
 public:
  explicit Error(std::string message) : std::runtime_error(std::move(message)) {}
};

// Throws an Error with a fmt-formatted message.
template <typename... Args>
[[noreturn]] void Fail(fmt::format_string<Args...> format, Args&&... args) {
  throw Error(fmt::format(format, std::forward<Args>(args)...));
}

// Throws an Error with a fmt-formatted message when `ok` is false. The message
// is formatted only on failure.
template <typename... Args>
void Check(bool ok, fmt::format_string<Args...> format, Args&&... args) {
  if (!ok) throw Error(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace kcrc
