// Compact reports: one line per export (`short`), or just the names of the
// exports that changed, were added or were removed (`symbols`).
#pragma once

#include <string>

#include "kcrc/compare/compare.h"

namespace kcrc {

std::string ShortReport(const Comparison& comparison);
std::string SymbolListReport(const Comparison& comparison);

}  // namespace kcrc
