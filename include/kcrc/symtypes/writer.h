// Writing symtypes records as text.
#pragma once

#include <string>
#include <vector>

#include "kcrc/symtypes/parser.h"

namespace kcrc {

// Sorts records by key, bytewise (strcmp order, as gen writes them).
void SortRecords(std::vector<Record>& records);

// Appends `<key> <value>\n` for one record.
void AppendRecord(std::string& out, const Record& record);

// The text of a plain symtypes file holding `records` in the given order.
std::string FormatSymtypes(const std::vector<Record>& records);

}  // namespace kcrc
