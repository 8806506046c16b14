#include "kcrc/symtypes/writer.h"

#include <algorithm>

namespace kcrc {

void SortRecords(std::vector<Record>& records) {
  // std::string compares with char_traits<char>::compare, which is memcmp:
  // unsigned bytewise, like strcmp.
  std::stable_sort(records.begin(), records.end(),
                   [](const Record& a, const Record& b) { return a.key < b.key; });
}

void AppendRecord(std::string& out, const Record& record) {
  out += record.key;
  out += ' ';
  for (const Token& token : record.tokens) out += token.text;
  out += '\n';
}

std::string FormatSymtypes(const std::vector<Record>& records) {
  std::string out;
  for (const Record& record : records) AppendRecord(out, record);
  return out;
}

}  // namespace kcrc
