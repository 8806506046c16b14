// The words for a change, one line each, as the text reports print them and
// the JSON reports' "description" holds: "member 'd' added at offset 24
// (size 8)", "member 'mode' bit width changed from 4 to 5", "member 'ops'
// moved from offset 24 to 32 because 'stats' (struct stats, embedded at
// offset 8) grew from 16 to 24 bytes".
#pragma once

#include <string>

#include "kcrc/compare/member_diff.h"

namespace kcrc {

std::string DescribeChange(const Change& change);

// "s#foo (struct foo)", or "foo (the export's own signature)".
std::string CauseTitle(const std::string& key);

}  // namespace kcrc
