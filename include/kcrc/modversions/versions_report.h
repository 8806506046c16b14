// Renders what ReadModuleVersions found: text lines `0x%08x<TAB>name` in the
// shape of `modprobe --dump-modversions`, and JSON.
//
// Text, basic table: exactly what kmod prints for `__versions` (one leading
// '.' stripped from each name, a hashed entry shown as its stored name
// "sha256") unless a NameIndex is given; then hashed entries show the name
// whose digest they hold, or "sha256:<hex>" when no candidate matches.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kcrc/elf/module_versions.h"
#include "kcrc/modversions/name_index.h"

namespace kcrc {

enum class VersionsTable : uint8_t {
  kBasic,     // __versions
  kExtended,  // __version_ext_crcs + __version_ext_names
  kLoader,    // the one the loader checks: extended when present, else basic
};

struct VersionsTableInfo {
  std::string_view name;
  VersionsTable table;
  std::string_view help;
};

inline constexpr VersionsTableInfo kVersionsTables[] = {
    {"basic", VersionsTable::kBasic, "__versions, as modprobe --dump-modversions prints it"},
    {"extended", VersionsTable::kExtended, "__version_ext_crcs and __version_ext_names"},
    {"loader", VersionsTable::kLoader,
     "the table the kernel loader checks: extended when present, else basic"},
};

// How a `__versions` entry is shown (see above). `names` may be null.
std::string DisplayName(const BasicEntry& entry, const NameIndex* names);

// Throws when the module lacks the selected table (naming the file).
std::string VersionsText(const ModuleVersions& module, VersionsTable table, const NameIndex* names);

// All tables of the module, with digests, target and loader warnings.
nlohmann::json VersionsJson(const ModuleVersions& module, const NameIndex* names);

}  // namespace kcrc
