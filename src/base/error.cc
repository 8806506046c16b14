#include "kcrc/base/error.h"

namespace kcrc {

std::string Location::Format() const {
  if (file.empty()) return die ? fmt::format("DIE 0x{:x}", *die) : std::string();
  if (line != 0) return fmt::format("{}:{}", file, line);
  if (die) return fmt::format("{}: DIE 0x{:x}", file, *die);
  return file;
}

Error& Error::AddContext(std::string context) {
  context_.push_back(std::move(context));
  Refresh();
  return *this;
}

Error& Error::SetFileIfUnset(const std::string& file) {
  if (where_.file.empty()) {
    where_.file = file;
    Refresh();
  }
  return *this;
}

Error& Error::SetLineIfUnset(uint32_t line) {
  if (where_.line == 0) {
    where_.line = line;
    Refresh();
  }
  return *this;
}

void Error::Refresh() {
  text_ = where_.Format();
  for (auto it = context_.rbegin(); it != context_.rend(); ++it) {
    if (!text_.empty()) text_ += ": ";
    text_ += *it;
  }
  if (!text_.empty()) text_ += ": ";
  text_ += message_;
}

}  // namespace kcrc
