#include "kcrc/version/symtypes_versions.h"

#include <fmt/format.h>

#include <string_view>
#include <unordered_map>

#include "kcrc/base/error.h"
#include "kcrc/base/string_hash.h"
#include "kcrc/version/crc.h"

namespace kcrc {

std::vector<SymbolVersion> VersionsFromSymtypes(const std::vector<Record>& records,
                                                std::string_view path) {
  std::vector<SymbolVersion> versions;
  std::unordered_map<std::string_view, size_t, StringHash> index;  // symbol -> versions[i]
  size_t begin = 0;
  while (begin < records.size()) {
    size_t end = begin + 1;
    while (end < records.size() && records[end - 1].key < records[end].key) ++end;
    std::unordered_map<std::string_view, const TokenList*, StringHash> block;
    for (size_t i = begin; i < end; ++i) block.emplace(records[i].key, &records[i].tokens);
    auto resolve = [&](std::string_view key) -> const TokenList* {
      auto it = block.find(key);
      return it == block.end() ? nullptr : it->second;
    };
    for (size_t i = begin; i < end; ++i) {
      const Record& record = records[i];
      if (!IsSymbolKey(record.key)) continue;
      uint32_t crc;
      try {
        crc = ComputeVersion(record.tokens, resolve);
      } catch (const Error& e) {
        Fail("{}:{}: {}: {}", path, record.line, record.key, e.what());
      }
      auto [it, inserted] = index.emplace(record.key, versions.size());
      if (inserted)
        versions.push_back(SymbolVersion{record.key, crc});
      else
        versions[it->second].crc = crc;
    }
    begin = end;
  }
  return versions;
}

std::string FormatSymver(const SymbolVersion& version) {
  return fmt::format("#SYMVER {} 0x{:08x}", version.name, version.crc);
}

}  // namespace kcrc
