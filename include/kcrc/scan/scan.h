// `kcrc scan`: symbol versions and symtypes for every object of a built
// kernel (vmlinux and modules), each object processed on its own exactly as
// `kcrc gen --exports=auto <object>` processes it, objects in parallel.
//
// GUARANTEES: results are stored per object and merged in module-name order,
// so every output is byte-identical whatever the number of threads. One
// object's failure does not stop the others; it is reported in its result.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kcrc/base/metrics.h"
#include "kcrc/base/workers.h"
#include "kcrc/scan/discover.h"

namespace kcrc {

struct ScanOptions {
  bool stable = false;
  bool symtypes = false;  // build the symtypes text of each object
  // Called from worker threads after each object (done, total); may be empty.
  std::function<void(size_t, size_t)> progress;
};

struct SymversEntry {
  std::string name;
  uint32_t crc = 0;
  std::string module;
  std::string kind;  // EXPORT_SYMBOL, EXPORT_SYMBOL_GPL, ...
  std::string name_space;
};

struct ObjectResult {
  std::vector<SymversEntry> exports;  // sorted by name
  std::string symtypes;               // the object's symtypes (gen -T) text
  std::vector<std::string> warnings;  // gen's warnings, in order
  std::optional<std::string> error;   // set when the object could not be processed
};

// Processes `inputs` (in parallel on `workers`) and returns one result per
// input, in order. `metrics` (may be null) adds up the stages of all objects.
std::vector<ObjectResult> ScanObjects(const std::vector<ScanInput>& inputs,
                                      const ScanOptions& options, Workers& workers,
                                      Metrics* metrics = nullptr);

// Module.symvers text: `0x%08x\tname\tmodule\tkind\tnamespace\n`, sorted by
// symbol name, then module.
std::string SymversText(const std::vector<ObjectResult>& results);

// The symtypes of all objects: per object (in input order) a header line
// `/* <module>.symtypes */` followed by its records.
std::string ConsolidatedSymtypes(const std::vector<ScanInput>& inputs,
                                 const std::vector<ObjectResult>& results);

}  // namespace kcrc
