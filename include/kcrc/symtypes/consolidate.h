// A whole tree of symtypes files in one file, and back.
//
// FORMAT (the consolidated format of suse-kabi-tools, as kcrc reads and
// writes it):
//
//   /* drivers/net/foo.symtypes */
//   foo_open subprogram ( formal_parameter pointer_type { s#net_device } ... )
//   s#net_device structure_type net_device { ... } byte_size(2560)
//   /* drivers/net/bar.symtypes */
//   bar_open subprogram ( formal_parameter pointer_type { s#net_device } ... )
//
// Files come in bytewise order of their relative paths; each starts with a
// `/* path */` header followed by its records in their original order. A
// TYPE record identical (key and value) to the latest record of the same key
// written under an earlier header is left out: `bar.symtypes` above reuses
// foo's `s#net_device`. Symbol records are always written.
//
// GUARANTEES: Split(Consolidate(tree)) == tree, byte for byte, when every file
// is sorted by key (as gen writes it) and holds exactly the records its own
// records reach. Split gives a file its own records plus, for every key they
// reach that its section lacks, the latest definition under an earlier
// header, and sorts the result by key.
#pragma once

#include <string>
#include <vector>

#include "kcrc/symtypes/parser.h"

namespace kcrc {

// Reads every `*.symtypes` file under `dir` (recursively), sorted by
// relative path.
std::vector<SymtypesFile> ReadSymtypesTree(const std::string& dir);

// The consolidated text of `files` (taken in the given order). Throws when a
// file holds the same key twice.
std::string Consolidate(const std::vector<SymtypesFile>& files);

// Recovers the files of a consolidated file (see GUARANTEES).
std::vector<SymtypesFile> Split(const std::vector<SymtypesFile>& sections);

// The files of a split tree: where each goes under `dir`, and its text.
// Rejects absolute paths and `..`.
struct TreeFile {
  std::string path;
  std::string text;
};
std::vector<TreeFile> SymtypesTree(const std::string& dir, const std::vector<SymtypesFile>& files);

// Writes each file of SymtypesTree atomically.
void WriteSymtypesTree(const std::string& dir, const std::vector<SymtypesFile>& files);

}  // namespace kcrc
