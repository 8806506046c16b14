// --exports=auto: the exports an object declares itself, for people running
// gen by hand: `__export_symbol_<name>` symbols in kbuild objects and
// `__ksymtab_<name>` symbols in linked modules and vmlinux.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kcrc {

class ElfFile;

// The exported names of the opened objects, sorted and without duplicates.
std::vector<std::string> FindExports(std::span<const std::unique_ptr<ElfFile>> objects);

// The exported names of one opened object, sorted and without duplicates.
std::vector<std::string> FindExports(const ElfFile& object);

}  // namespace kcrc
