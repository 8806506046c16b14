// `kcrc check`: will these modules load on that kernel, and if not, why?
//
//   kernel (kernel_exports.h) ----------------------------.
//   modules --(read in parallel, each once: module_file.h)+-> JudgeModule (loader.h)
//                                                          |      |
//   kernel symtypes (optional) ---------------------------'      v
//                                        why.h: for CRC mismatches, the types
//                                        the module saw vs the kernel's records
//
// GUARANTEES: one result per module, in input order, whatever the number
// of threads; a module that cannot be read gets an error in its result and
// does not stop the others.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kcrc/check/kernel_exports.h"
#include "kcrc/check/loader.h"
#include "kcrc/check/why.h"
#include "kcrc/scan/discover.h"

namespace kcrc {

struct CheckOptions {
  LoaderOptions loader;
  // The kernel's symtypes (kcrc scan -T of its debug package): enables the
  // explanations of CRC mismatches. Empty: none.
  std::string kernel_symtypes;
};

struct ModuleResult {
  std::string path;  // as found or given
  std::string name;  // the loader's name for it
  ModuleVerdict verdict;
  // Per CRC problem of the verdict, in the same order (empty without symtypes).
  std::vector<ImportWhy> whys;
  std::optional<std::string> error;  // the module could not be read
};

struct CheckResult {
  std::vector<ModuleResult> modules;
  // Set when --kernel-symtypes was given: how far the kernel's CRCs are the
  // ones its symtypes give (the genksyms trap, why.h).
  std::optional<KernelCrcOrigin> crc_origin;
  std::vector<std::string> notes;  // said once, about the whole run
};

// The modules under `paths`: files as given, directories searched for
// *.ko, *.ko.xz and *.ko.zst (vmlinux is not a module and is skipped).
// Throws Error naming a path that does not exist.
std::vector<ScanInput> FindModules(const std::vector<std::string>& paths);

class Workers;

// Modules (and their explanations) run on `workers`, whose threads need the
// renderer's stack (base/workers.h).
CheckResult CheckModules(const KernelExports& kernel, const std::vector<ScanInput>& modules,
                         const CheckOptions& options, Workers& workers);

}  // namespace kcrc
