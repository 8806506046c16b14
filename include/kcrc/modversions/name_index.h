// Turns hashed `__versions` entries back into names: an index from the digest
// of each candidate name (see DigestOfSymbolName) to the name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kcrc/base/sha256.h"

namespace kcrc {

class NameIndex {
 public:
  void Add(std::string_view name);
  std::optional<std::string> MaybeFind(const Sha256Digest& digest) const;
  size_t size() const { return names_.size(); }

 private:
  // Keyed by the raw digest bytes.
  std::unordered_map<std::string, std::string> names_;
};

// Reads candidate names from a file: either Module.symvers lines (the name is
// the second field) or plain names, one a line; blank lines are skipped.
NameIndex ReadNameIndex(const std::string& path);

}  // namespace kcrc
