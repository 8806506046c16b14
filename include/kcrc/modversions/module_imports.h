// The versioned symbols a module imports, as modpost finds them: undefined
// global and weak symbols of the module's objects that none of those objects
// defines, in symbol-table order (objects in the order given), each once, and
// looked up in Module.symvers.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "kcrc/compare/symvers.h"
#include "kcrc/elf/modversions.h"
#include "kcrc/elf/target.h"

namespace kcrc {

struct ModuleImports {
  Target target;  // of the objects; they must agree
  std::vector<std::string> names;
};

ModuleImports ReadModuleImports(std::span<const std::string> object_paths);

struct ResolvedImports {
  std::vector<ImportVersion> versions;  // in import order
  std::vector<std::string> missing;     // imports the symvers does not export
};

ResolvedImports ResolveImports(std::span<const std::string> imports,
                               std::span<const SymversExport> symvers);

}  // namespace kcrc
