#include "kcrc/modversions/versions_report.h"

#include <fmt/format.h>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

std::string CrcText(uint64_t crc) { return fmt::format("0x{:08x}", crc); }

void AppendBasic(std::string& out, const std::vector<BasicEntry>& entries, const NameIndex* names) {
  for (const BasicEntry& entry : entries)
    out += fmt::format("{}\t{}\n", CrcText(entry.crc), DisplayName(entry, names));
}

void AppendExtended(std::string& out, const std::vector<ImportVersion>& entries) {
  for (const ImportVersion& entry : entries)
    out += fmt::format("{}\t{}\n", CrcText(entry.crc), entry.name);
}

}  // namespace

std::string DisplayName(const BasicEntry& entry, const NameIndex* names) {
  if (entry.digest && names != nullptr) {
    if (std::optional<std::string> name = names->MaybeFind(*entry.digest)) return *name;
    return fmt::format("{}:{}", kHashedNameTag, ToHex(*entry.digest));
  }
  std::string_view name = entry.name;
  if (name.starts_with('.')) name.remove_prefix(1);  // as kmod and the PPC64 loader do
  return std::string(name);
}

std::string VersionsText(const ModuleVersions& module, VersionsTable table,
                         const NameIndex* names) {
  std::string out;
  switch (table) {
    case VersionsTable::kBasic:
      Check(module.basic.has_value(), "{}: no __versions section", module.path);
      AppendBasic(out, *module.basic, names);
      break;
    case VersionsTable::kExtended:
      Check(module.extended.has_value(),
            "{}: no __version_ext_crcs and __version_ext_names sections", module.path);
      AppendExtended(out, *module.extended);
      break;
    case VersionsTable::kLoader:
      if (module.extended) {
        AppendExtended(out, *module.extended);
      } else {
        Check(module.basic.has_value(), "{}: no version tables", module.path);
        AppendBasic(out, *module.basic, names);
      }
      break;
  }
  return out;
}

nlohmann::json VersionsJson(const ModuleVersions& module, const NameIndex* names) {
  nlohmann::json json = {
      {"file", module.path},
      {"bits", module.target.bits},
      {"endian", EndianName(module.target.endian)},
      {"versions", nullptr},
      {"extended", nullptr},
      {"loader_table", module.extended ? "extended"
                       : module.basic  ? "basic"
                                       : "none"},
      {"warnings", module.warnings},
  };
  if (module.basic) {
    nlohmann::json entries = nlohmann::json::array();
    for (const BasicEntry& entry : *module.basic) {
      nlohmann::json item = {{"crc", CrcText(entry.crc)}, {"name", DisplayName(entry, names)}};
      if (entry.digest) {
        item["sha256"] = ToHex(*entry.digest);
        std::optional<std::string> full = names ? names->MaybeFind(*entry.digest) : std::nullopt;
        item["full_name"] = full ? nlohmann::json(*full) : nlohmann::json(nullptr);
      }
      entries.push_back(std::move(item));
    }
    json["versions"] = std::move(entries);
  }
  if (module.extended) {
    nlohmann::json entries = nlohmann::json::array();
    for (const ImportVersion& entry : *module.extended)
      entries.push_back({{"crc", CrcText(entry.crc)}, {"name", entry.name}});
    json["extended"] = std::move(entries);
  }
  return json;
}

}  // namespace kcrc
