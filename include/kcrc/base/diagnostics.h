// Where the engine sends warnings and debugging dumps. The library never
// writes to stdout or stderr itself; the CLI decides.
#pragma once

#include <string_view>

namespace kcrc {

class Diagnostics {
 public:
  virtual ~Diagnostics() = default;
  // A warning (without the "warning: " prefix or a final newline).
  virtual void Warning(std::string_view message) = 0;
  // Debug dump text (--dump-*), written as is.
  virtual void Dump(std::string_view text) = 0;
};

// Drops everything; for tests and library users that do not care.
class NullDiagnostics : public Diagnostics {
 public:
  void Warning(std::string_view) override {}
  void Dump(std::string_view) override {}
};

}  // namespace kcrc
