// Fuzzes the symbol list parser (gen's stdin): any input parses or throws
// kcrc::Error; the names it returns are unique, non-empty and free of white
// space and NUL.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "kcrc/base/error.h"
#include "kcrc/exports/symbol_list.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const std::vector<std::string> names = kcrc::ParseSymbolList(text, "<fuzz>");
    std::unordered_set<std::string> seen;
    for (const std::string& name : names) {
      if (name.empty() || !seen.insert(name).second) std::abort();
      if (name.find_first_of(std::string_view(" \t\n\v\f\r\0", 7)) != std::string::npos)
        std::abort();
    }
    const std::vector<uint32_t> order = kcrc::ReferenceHashOrder(names);
    if (order.size() != names.size()) std::abort();
  } catch (const kcrc::Error&) {
  }
  return 0;
}
