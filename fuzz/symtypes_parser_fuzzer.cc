// Fuzzes the symtypes parser (include/kcrc/symtypes/parser.h, written on the
// `symtypes` branch). TODO(hardening): the parser is not on this branch yet;
// fuzz/CMakeLists.txt builds this target only once the header exists. The
// body follows the header of `symtypes` at 7160137 (checked with
// clang++ -fsyntax-only against it); it has not been fuzzed yet.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kcrc/base/error.h"
#include "kcrc/symtypes/parser.h"
#include "kcrc/symtypes/record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    for (const kcrc::Record& record : kcrc::ParseSymtypes(text, "<fuzz>"))
      (void)kcrc::JoinTokens(record.tokens);
  } catch (const kcrc::Error&) {
  }
  // Tokenizing must round-trip any value it accepts.
  try {
    if (kcrc::JoinTokens(kcrc::TokenizeValue(text)) != text) __builtin_trap();
  } catch (const kcrc::Error&) {
  }
  return 0;
}
