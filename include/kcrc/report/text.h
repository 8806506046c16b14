// Human-readable reports, meant to be pasted into a review.
#pragma once

#include <string>

#include "kcrc/compare/compare.h"
#include "kcrc/compare/explain.h"

namespace kcrc {

// Changed exports grouped by cause, each cause as a member-level diff, then
// the changed, added and removed exports with their CRCs.
std::string TextReport(const Comparison& comparison);

// The path to each changed record, the changes and (with fixits) the kABI
// macros that would hide them.
std::string TextExplanation(const Explanation& explanation, bool fixits);

// The exports that reach a type, each with a path; "(by value)" when some
// path reaches it by value.
std::string TextReach(const Reach& reach);

}  // namespace kcrc
