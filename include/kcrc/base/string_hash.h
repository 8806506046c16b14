// The hash of the engine's string-keyed tables (type keys, symbol names):
// XXH3, which hashes short keys several times faster than libstdc++'s
// std::hash and spreads them as well. Transparent, so that std::string keyed
// maps can be searched with a std::string_view.
#pragma once

#include <xxhash.h>

#include <cstddef>
#include <string_view>

namespace kcrc {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const {
    return static_cast<size_t>(XXH3_64bits(text.data(), text.size()));
  }
};

}  // namespace kcrc
