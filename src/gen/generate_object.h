// gen on one object file: the reference's pipeline, stage by stage (see
// GenerateObject). Used by Generator for each object of a run, twice per
// object for the kABI report (with and without --stable).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gen/export_list.h"
#include "gen/tuning.h"
#include "kcrc/base/workers.h"
#include "kcrc/elf/elf_object.h"
#include "kcrc/gen/generator.h"
#include "kcrc/kabi/rules.h"
#include "kcrc/render/renderer.h"
#include "kcrc/render/type_map.h"

namespace kcrc {

struct ObjectInput {
  const std::string& path;
  int index = 0;  // the object's position in the run (ExportSymbol::object)
  // The object opened and validated; GenerateObject closes it once it has
  // read the symbols and rules.
  std::unique_ptr<ElfObject> elf;
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
ObjectOutput GenerateObject(ObjectInput& object, ExportList& exports, const GenOptions& options,
                            const GenTuning& tuning, const Context& context);

}  // namespace kcrc
