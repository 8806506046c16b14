// JSON reports. Schema in docs/compare.md; every list is sorted.
#pragma once

#include <string>

#include "kcrc/compare/compare.h"
#include "kcrc/compare/explain.h"

namespace kcrc {

std::string JsonReport(const Comparison& comparison);
std::string JsonExplanation(const Explanation& explanation);
std::string JsonReach(const Reach& reach);

}  // namespace kcrc
