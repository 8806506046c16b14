// Why does the loader refuse an import's CRC? The module's own debug info
// holds the declarations of the functions and variables it imports (the DIEs
// a compiler emits for every external it calls or takes the address of), and
// through them the types the module was built against. Rendered by the gen
// engine with those names as exports, they are one side of an `explain`; the
// kernel's symtypes (`kcrc scan -T` of its debug package) are the other:
//
//   ref = the module's records (what it was built against)
//   new = the kernel's records           -> Explain(ref, new, symbol)
//
// so a change reads as what the kernel did: "member 'flags' added at offset 16".
//
// Limits, said in each result rather than guessed around:
//   - no .debug_info in the module: nothing to render (kNoDebugInfo);
//   - no declaration of the import in it (kNotInModule);
//   - a type the module only declares (`struct foo;`) while the kernel
//     defines it is not a cause: the module never saw its members; it is
//     taken as the kernel defines it;
//   - equal types with different CRCs (kTypesEqual): the CRCs were not made
//     from these types (see KernelCrcOrigin), or come from another build.
//
// The genksyms trap: a kernel built with genksyms (CONFIG_GENDWARFKSYMS off:
// every kernel before 6.14 and most distribution kernels since) carries
// CRCs of C declarations, which kcrc's DWARF records cannot reproduce. Then
// the CRCs kcrc recomputes from the kernel's symtypes disagree with the ones
// the kernel carries for most exports, and no explanation may rest on a CRC
// comparison; KernelCrcOrigin measures that once for the whole run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kcrc/check/kernel_exports.h"
#include "kcrc/compare/corpus.h"
#include "kcrc/compare/explain.h"

namespace kcrc {

struct KernelCrcOrigin {
  size_t sampled = 0;   // exports with a CRC in the kernel and a record in its symtypes
  size_t agreeing = 0;  // how many of them kcrc's recomputed CRC equals

  // Most agree: the kernel's CRCs were made from DWARF (gendwarfksyms) and
  // from these symtypes.
  bool from_these_symtypes() const { return sampled != 0 && agreeing * 2 > sampled; }
};

// Recomputes the CRCs of up to `max_samples` kernel exports (spread evenly
// over the sorted names, so the answer is deterministic) from `symtypes`.
KernelCrcOrigin MeasureKernelCrcOrigin(const Corpus& symtypes, const KernelExports& kernel,
                                       size_t max_samples = 400);

enum class WhyStatus : uint8_t {
  kExplained,    // causes found
  kTypesEqual,   // the module saw the kernel's types, yet the CRCs differ
  kNoDebugInfo,  // the module has no DWARF
  kNotInModule,  // its DWARF has no declaration of the import
  kNotInKernel,  // the kernel's symtypes have no record of the export
  kFailed,       // rendering the module's DWARF failed (note says why)
};

std::string_view WhyStatusName(WhyStatus status);

struct ImportWhy {
  std::string symbol;
  WhyStatus status = WhyStatus::kTypesEqual;
  std::vector<ExplainedCause> causes;          // sorted by key
  std::optional<uint32_t> kernel_records_crc;  // kcrc's CRC from the kernel's symtypes
  std::string note;                            // for the statuses without causes
};

// Explains each of `symbols` (imports whose CRC the loader refuses) of the
// module `elf` (its debug sections are relocated in place, as gen does).
// Never throws for bad DWARF: that becomes kFailed.
class ElfFile;
class Workers;

std::vector<ImportWhy> ExplainImports(ElfFile& elf, bool has_debug_info,
                                      const std::vector<std::string>& symbols,
                                      const Corpus& kernel_symtypes, Workers& workers);

}  // namespace kcrc
