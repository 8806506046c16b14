// Errors of the engine. The library never prints or exits: it throws
// kcrc::Error, and only the CLI prints errors and chooses exit codes.
//
// An Error is structured: a Location (the file, and where relevant the 1-based
// line or the DIE offset), a context chain added while the error unwinds, and
// the message itself. what() joins them into the one line the CLI prints:
//
//   a.symtypes:12: s#foo: unknown type reference to 's#bar'
//   `-- location -' `ctx' `--------- message ------------'
//
//   vmlinux: DIE 0x1f: process_type: unexpected type: 55
//
// USAGE
//   Fail("unknown type reference to '{}'", key);         // no location yet
//   Fail(Location{path, line}, "expected '<key> <value>'");
//   try { ... } catch (Error& e) { e.AddContext(key); e.SetFileIfUnset(path); throw; }
//
// GUARANTEES: the context and location a layer adds on unwind are never
// pasted into the message text, so the same error reads the same through any
// number of layers, and an outer layer can tell whether an inner one already
// named the file (no searching of message text).
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kcrc {

struct Location {
  std::string file = {};                       // empty: not known (yet)
  uint32_t line = 0;                           // 1-based; 0: none
  std::optional<uint64_t> die = std::nullopt;  // a DIE offset in `file`

  // "file:line", "file: DIE 0x1f", "file", or "" when nothing is known.
  std::string Format() const;
};

class Error : public std::exception {
 public:
  explicit Error(std::string message) : message_(std::move(message)) { Refresh(); }
  Error(Location where, std::string message)
      : where_(std::move(where)), message_(std::move(message)) {
    Refresh();
  }

  // The whole line: location, context (outermost first), message.
  const char* what() const noexcept override { return text_.c_str(); }
  // The same as a string, which may hold NUL bytes of the input that what()
  // would cut at (print it through Printable, base/printable.h).
  const std::string& text() const { return text_; }

  const Location& where() const { return where_; }
  const std::string& message() const { return message_; }
  // Innermost first, as added on unwind.
  const std::vector<std::string>& context() const { return context_; }

  // Adds a piece of context on unwind (a record key, a symbol, "while
  // reading X"); it is printed before the pieces added deeper down.
  Error& AddContext(std::string context);
  // Names the file where no inner layer did.
  Error& SetFileIfUnset(const std::string& file);
  // Sets the line where no inner layer did (the file must be set or given).
  Error& SetLineIfUnset(uint32_t line);

 private:
  void Refresh();

  Location where_;
  std::vector<std::string> context_;
  std::string message_;
  std::string text_;
};

// Throws an Error with a fmt-formatted message.
template <typename... Args>
[[noreturn]] void Fail(fmt::format_string<Args...> format, Args&&... args) {
  throw Error(fmt::format(format, std::forward<Args>(args)...));
}

// The same, at a location.
template <typename... Args>
[[noreturn]] void Fail(Location where, fmt::format_string<Args...> format, Args&&... args) {
  throw Error(std::move(where), fmt::format(format, std::forward<Args>(args)...));
}

// Throws an Error with a fmt-formatted message when `ok` is false. The message
// is formatted only on failure.
template <typename... Args>
void Check(bool ok, fmt::format_string<Args...> format, Args&&... args) {
  if (!ok) throw Error(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace kcrc
