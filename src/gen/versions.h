// The versions of an object's symbols: for each symbol mapped in this
// object, in the reference's symbol order, the CRC of its expanded type
// string (set on it and its aliases), and with symtypes its record joins the
// type map under its name.
//
// With threads and many symbols the CRCs are first computed on several
// threads, each with its own VersionCache (the type map is read-only by then:
// without --stable no rule adds records while versioning); the ordered pass
// then takes them, so warnings, aliases and records stay in the reference's
// order. A symbol whose CRC fails is left to the ordered pass, which reports
// the first failure in symbol order, as on one thread.
#pragma once

#include <cstddef>

#include "gen/export_list.h"
#include "gen/object_symbols.h"
#include "gen/object_types.h"
#include "kcrc/base/workers.h"
#include "kcrc/kabi/rules.h"

namespace kcrc {

struct VersionsSetup {
  ExportList& exports;
  const ObjectSymbols& symbols;
  int object;
  ObjectTypes& types;
  const KabiRules* rules;  // with --stable, else null
  bool symtypes = false;
  bool dump_versions = false;
  size_t parallel_min = 256;  // GenTuning::parallel_min_versions
};

void VersionSymbols(const VersionsSetup& setup, const Context& context);

}  // namespace kcrc
