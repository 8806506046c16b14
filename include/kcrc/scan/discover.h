// Which files of a built kernel tree `kcrc scan` versions, and the names they
// get in Module.symvers and in the symtypes outputs.
//
// In directories (walked recursively, symbolic links not followed): modules
// (`*.ko`, `*.ko.xz`, `*.ko.zst`) and vmlinux (`vmlinux`, `vmlinux-<release>`,
// as in a -dbg package's boot/). Plain `*.o` files are intermediate objects of
// a build tree (their exports reappear in a module or vmlinux), so they are
// taken only when named on the command line. A file named on the command line
// is taken whatever its name.
//
// Module names are those of modpost: the module's path without the suffix,
// relative to the directory argument, with an installed tree's
// `lib/modules/<release>/<kernel|updates|extra>/` prefix removed; vmlinux is
// `vmlinux`. A file named on the command line is named by its base name
// (unless it lies in an installed tree).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

enum class Compression { kNone, kXz, kZstd };

struct ScanInput {
  std::string path;    // the file to read
  std::string module;  // name in Module.symvers; the symtypes file is <module>.symtypes
  Compression compression = Compression::kNone;
  uint64_t size = 0;  // bytes on disk (for scheduling the largest first)
};

// What a file name says about a file found in a directory: nullopt when it is
// not an object scan takes there.
struct ObjectKind {
  Compression compression;
  size_t suffix;  // length of the suffix to strip for the module name
  bool vmlinux;
};
std::optional<ObjectKind> MaybeObjectKind(std::string_view file_name, bool named);

// The module name of an object at `relative` (a path relative to the scanned
// directory, or as given on the command line).
std::string ModuleName(std::string_view relative, const ObjectKind& kind, bool named);

// The objects under `paths`, sorted by module name. Throws Error when a path
// does not exist or two objects would get the same module name.
std::vector<ScanInput> DiscoverObjects(const std::vector<std::string>& paths);

}  // namespace kcrc
