// The two renderings of a CheckResult.
//
// Text: per problem, the module's path and the loader's own first line
// (what dmesg shows), then kcrc's lines indented: what makes the loader say
// it, the CRCs, and with --kernel-symtypes the causes (the changed type, the
// member-level changes, the path from the import to it). Warnings (the
// loader loads the module anyway) follow with "warning:". Then the notes,
// said once, and a summary line.
//
// JSON (docs/check.md has the schema):
//   {"modules": [{"module", "name", "loads", "problems": [{"kind", "symbol",
//     "module_crc", "kernel_crc", "causes": ["s#foo", ...], ...}], "warnings"}],
//    "kernel": {...}, "notes": [...], "summary": {...}}
// "causes" holds the keys of the changed records, as compare's JSON does; the
// changes and paths are under "why".
#pragma once

#include <string>

#include "kcrc/check/check.h"

namespace kcrc {

std::string CheckText(const CheckResult& result);
std::string CheckJson(const CheckResult& result, const KernelExports& kernel);

}  // namespace kcrc
