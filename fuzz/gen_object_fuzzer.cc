// Fuzzes `gen` over one object file: the input bytes are an ELF object, run
// through Generator exactly as `kcrc gen --stable -T` would, with the exports
// taken from the object's own symbol table (plus a few fixed names, so that an
// object whose symbol table is damaged still exercises the DWARF walk).
//
// Contract under test: any input ends with a result or a kcrc::Error; never a
// crash, a sanitizer report, a hang or another exception type.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kcrc/base/diagnostics.h"
#include "kcrc/base/error.h"
#include "kcrc/elf/elf_object.h"
#include "kcrc/gen/generator.h"
#include "large_stack.h"

namespace {

// At most this many symtab names become exports: enough for every fixture.
constexpr size_t kMaxExports = 64;

const std::vector<std::string>& FixedExports() {
  static const std::vector<std::string> kNames = {"use_point", "use_node", "gval", "garr",
                                                  "gcb",       "names",    "vfn"};
  return kNames;
}

int RunGen(const std::string& path) {
  std::vector<std::string> exports = FixedExports();
  try {
    kcrc::ElfObject elf(path);
    for (const kcrc::ElfSymbol& symbol : elf.defined_globals()) {
      if (exports.size() >= kMaxExports) break;
      bool seen = false;
      for (const std::string& name : exports) seen = seen || name == symbol.name;
      if (!seen) exports.push_back(symbol.name);
    }
  } catch (const kcrc::Error&) {
    // The generator reports the same error below; keep the fixed names.
  }
  kcrc::GenOptions options;
  options.stable = true;
  options.symtypes = true;
  options.kabi_report = true;
  kcrc::NullDiagnostics diagnostics;
  try {
    kcrc::Generator generator(exports, options, diagnostics);
    generator.ProcessObject(path);
    (void)generator.Versions();
  } catch (const kcrc::Error&) {
  }
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const int fd = memfd_create("kcrc-fuzz-object", MFD_CLOEXEC);
  if (fd < 0) {
    std::perror("memfd_create");
    std::abort();
  }
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) {
    std::perror("memfd write");
    std::abort();
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  // As the CLI does: the DWARF walk recurses as deep as types nest.
  kcrc::cli::RunWithLargeStack([&] { return RunGen(path); });
  return 0;
}
