// --exports=auto: the exports an object declares itself, for people running
// gen by hand: `__export_symbol_<name>` symbols in kbuild objects and
// `__ksymtab_<name>` symbols in linked modules and vmlinux.
#pragma once

#include <string>
#include <vector>

namespace kcrc {

// The exported names of the objects, sorted and without duplicates.
std::vector<std::string> FindExports(const std::vector<std::string>& objects);

}  // namespace kcrc
