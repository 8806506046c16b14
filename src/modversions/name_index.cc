#include "kcrc/modversions/name_index.h"

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/elf/modversions.h"

namespace kcrc {
namespace {

// A Module.symvers line starts with the CRC and has TAB-separated fields.
bool IsSymversLine(std::string_view line) {
  return line.starts_with("0x") && line.find('\t') != std::string_view::npos;
}

std::string DigestKey(const Sha256Digest& digest) {
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

}  // namespace

void NameIndex::Add(std::string_view name) {
  if (name.starts_with('.')) name.remove_prefix(1);
  names_.emplace(DigestKey(DigestOfSymbolName(name)), std::string(name));
}

std::optional<std::string> NameIndex::MaybeFind(const Sha256Digest& digest) const {
  auto it = names_.find(DigestKey(digest));
  if (it == names_.end()) return std::nullopt;
  return it->second;
}

NameIndex ReadNameIndex(const std::string& path) {
  const std::string content = ReadFile(path);
  NameIndex index;
  std::string_view rest = content;
  while (!rest.empty()) {
    const size_t newline = rest.find('\n');
    std::string_view text = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    if (text.ends_with('\r')) text.remove_suffix(1);
    if (IsSymversLine(text)) {
      size_t start = text.find('\t') + 1;
      text = text.substr(start, text.find('\t', start) - start);
    }
    size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    size_t last = text.find_last_not_of(" \t");
    index.Add(text.substr(first, last - first + 1));
  }
  return index;
}

}  // namespace kcrc
