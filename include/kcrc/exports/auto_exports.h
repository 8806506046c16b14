// --exports=auto: the exports an object declares itself, for people running
// gen by hand: `__export_symbol_<name>` symbols in kbuild objects and
// `__ksymtab_<name>` symbols in linked modules and vmlinux.
#pragma once

#include <string>
#include <vector>

namespace kcrc {

class ElfObject;

// The exported names of the objects, sorted and without duplicates.
std::vector<std::string> FindExports(const std::vector<std::string>& objects);

// The exported names of one opened object, sorted and without duplicates.
std::vector<std::string> FindExports(const ElfObject& object);

}  // namespace kcrc
