// libFuzzer target for the symtypes parsers and the record-string readers.
//
// Build and run (not part of the CMake build):
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
//     fuzz/symtypes_parser_fuzzer.cc src/symtypes/*.cc src/compare/*.cc src/shape/*.cc \
//     src/version/*.cc src/base/*.cc -lz -lfmt -ltbb -o /tmp/symtypes_fuzzer
//   /tmp/symtypes_fuzzer -max_total_time=60 fixtures/compare/*/
//
// GUARANTEES checked: parsing either throws kcrc::Error or yields records
// whose tokens join back to the exact value bytes; diffing and comparing
// whatever parsed never crashes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kcrc/base/error.h"
#include "kcrc/compare/compare.h"
#include "kcrc/compare/member_diff.h"
#include "kcrc/shape/shape.h"
#include "kcrc/symtypes/consolidate.h"
#include "kcrc/symtypes/parser.h"
#include "kcrc/symtypes/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const std::vector<kcrc::Record> records = kcrc::ParseSymtypes(text, "fuzz");
    const std::string back = kcrc::FormatSymtypes(records);
    const std::string expected = text.empty() || text.back() == '\n' ? text : text + "\n";
    if (back != expected) __builtin_trap();
    // Shapes print back what they were parsed from; diffing them never crashes.
    const kcrc::ShapeScope none([](std::string_view) -> const kcrc::Shape* { return nullptr; });
    std::vector<std::string> values;
    for (const kcrc::Record& record : records) values.push_back(kcrc::JoinTokens(record.tokens));
    for (size_t i = 0; i < values.size(); ++i) {
      const kcrc::Shape shape = kcrc::ParseShape(values[i]);
      if (kcrc::PrintShape(shape) != values[i]) __builtin_trap();
      if (i + 1 < values.size()) {
        const kcrc::Shape next = kcrc::ParseShape(values[i + 1]);
        kcrc::DiffShapes({shape, none}, {next, none});
      }
    }
  } catch (const kcrc::Error&) {
  }
  try {
    const kcrc::Corpus a = kcrc::Corpus::FromText(text, "a");
    const kcrc::Corpus b = kcrc::Corpus::FromText(text + "x variable s#y\n", "b");
    kcrc::Compare(a, b, {.threads = 1});
  } catch (const kcrc::Error&) {
  }
  try {
    kcrc::Split(kcrc::ParseConsolidated(text, "fuzz"));
  } catch (const kcrc::Error&) {
  }
  return 0;
}
