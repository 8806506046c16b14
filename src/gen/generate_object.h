// gen on one object file: the reference's pipeline, stage by stage (see
// GenerateObject). Used by Generator for each object of a run, twice per
// object for the kABI report (with and without --stable).
#pragma once

#include <string>
#include <vector>

#include "gen/export_list.h"
#include "gen/tuning.h"
#include "kcrc/base/workers.h"
#include "kcrc/dwarf/dwarf_file.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/gen/generator.h"
#include "kcrc/kabi/rules.h"
#include "kcrc/render/renderer.h"
#include "kcrc/render/type_map.h"

namespace kcrc {

// An object opened: its ELF file validated, its DWARF listed.
struct ObjectInput {
  const ElfFile& elf;
  DwarfFile& dwarf;
  int index = 0;  // the object's position in the run (ExportSymbol::object)
};

struct ObjectOutput {
  std::string symtypes;                        // with symtypes: the object's sorted block
  std::vector<std::string> kabi_findings;      // with --stable and the layout check
  TypeMap types;                               // the object's type map
  KabiRules rules;                             // with --stable: the object's rules
  std::vector<KabiConventionUse> conventions;  // with --stable: conventions applied
};

// Versions the exports `exports` maps to DIEs of this object (updating their
// states and CRCs) and returns what else the object produced. Throws Error on
// bad input; the caller names the object in it.
ObjectOutput GenerateObject(const ObjectInput& object, ExportList& exports,
                            const GenOptions& options, const GenTuning& tuning,
                            const Context& context);

}  // namespace kcrc
