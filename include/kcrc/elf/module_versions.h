// Reads the version tables a built module (.ko, or any ELF object) carries:
// `__versions` and the extended `__version_ext_*` sections (formats in
// modversions.h), validated as the kernel loader validates them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kcrc/elf/modversions.h"
#include "kcrc/elf/target.h"

namespace kcrc {

struct ModuleVersions {
  std::string path;
  Target target;
  // nullopt when the section is missing.
  std::optional<std::vector<BasicEntry>> basic;
  // nullopt when both extended sections are missing.
  std::optional<std::vector<ImportVersion>> extended;
  // Oddities the loader tolerates.
  std::vector<std::string> warnings;
};

// Throws an Error naming `path` when the file is not ELF, is truncated, or its
// tables are malformed or rejected by the loader (one extended section without
// the other, more extended CRCs than names). Missing tables are not an error.
ModuleVersions ReadModuleVersions(const std::string& path);

class ElfFile;

// The tables as the module loader finds them (find_sec: only sections with
// SHF_ALLOC count; modpost's all have it). Same errors as above.
ModuleVersions ReadLoaderVersions(const ElfFile& elf);

}  // namespace kcrc
