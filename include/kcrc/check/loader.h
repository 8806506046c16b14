// Would the kernel's module loader accept this module? Its rules, as
// kernel/module/main.c and version.c apply them (read from Linux 6.6 to
// 7.1; docs/check.md has each rule with its source), in the order the loader
// meets them:
//
//   1. ELF validity (elf_validity_cache_copy): ET_REL, one symbol table, one
//      .gnu.linkonce.this_module with bytes and SHF_ALLOC, as large as the
//      kernel's struct module                                 -> kFormat, kStructModule
//   2. check_modstruct_version: the module's CRC of module_layout -> kCrc
//   3. check_modinfo: vermagic (same_magic: the release, up to the first
//      space, is skipped when the module has __versions)       -> kVermagic
//   4. check_export_symbol_versions: its own exports have CRCs  -> kFormat
//   5. simplify_symbols, every undefined symbol in table order:
//      resolve_symbol: find_symbol (GPL-only exports are invisible to a
//      module whose license is not GPL-compatible)             -> kMissing, kGpl
//      inherit_taint, check_version                            -> kCrc
//      verify_namespace_is_imported                            -> kNamespace
//
// The loader stops at the first failure of steps 1-4 and reports every
// failure of step 5; the verdict lists every problem of every step (so one
// run names everything to fix), in that order.
//
// GUARANTEES: `loads` is exactly the loader's answer for a kernel with
// CONFIG_MODVERSIONS as the kernel side says (it has CRCs), without
// CONFIG_MODULE_FORCE_LOAD's --force, and without
// CONFIG_MODULE_ALLOW_MISSING_NAMESPACE_IMPORTS. What the input does not
// tell is not judged: vermagic only where the kernel side has one, the size
// of struct module only where the kernel's modules tell it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/check/kernel_exports.h"
#include "kcrc/check/module_file.h"

namespace kcrc {

enum class ProblemKind : uint8_t {
  kCrc,           // disagrees about version of symbol
  kMissing,       // Unknown symbol: not exported
  kGpl,           // Unknown symbol: GPL-only, the module's license is not GPL-compatible
  kNamespace,     // uses a symbol from a namespace it does not import
  kVermagic,      // version magic differs (or is missing)
  kStructModule,  // .gnu.linkonce.this_module is not the size of the kernel's struct module
  kFormat,        // not a module the loader takes (ELF layout, no CRCs for its exports)
  kNoVersion,     // the module has no CRC for an import (a warning upstream)
};

std::string_view ProblemKindName(ProblemKind kind);

struct Problem {
  ProblemKind kind = ProblemKind::kCrc;
  std::string symbol = {};  // empty where no symbol is involved
  std::optional<uint64_t> module_crc = {};
  std::optional<uint32_t> kernel_crc = {};
  // What the loader prints for it (dmesg), in order; empty when it refuses
  // silently (a missing vermagic without --force).
  std::vector<std::string> loader_log = {};
  std::string detail = {};  // kcrc's words: what makes the loader say so
  // The export involved, when the kernel has it.
  std::string exporter = {};  // "vmlinux" or a module name
  std::string export_kind = {};
  std::string name_space = {};
};

struct LoaderOptions {
  // A module without a CRC for one of its imports: upstream warns once and
  // loads it; Debian's kernels ("module: Disable matching missing version
  // CRC") refuse it.
  bool refuse_missing_versions = false;
};

struct ModuleVerdict {
  bool loads = true;
  std::vector<Problem> problems;  // refusals, in the order the loader meets them
  std::vector<Problem> warnings;  // what the loader warns about and accepts
};

// include/linux/license.h: the licenses that let a module use GPL-only exports.
bool LicenseIsGplCompatible(std::string_view license);

ModuleVerdict JudgeModule(const ModuleFile& module, const KernelExports& kernel,
                          const LoaderOptions& options);

}  // namespace kcrc
