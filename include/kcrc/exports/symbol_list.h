// The export list gen reads on stdin, exactly as the reference reads it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

// Parses the symbol list: from each line the first whitespace-delimited word
// (scanf "%s"); a line without a word is an error ("malformed input line");
// duplicates are dropped, first occurrence kept. `source` names the input in
// errors.
std::vector<std::string> ParseSymbolList(std::string_view text, std::string_view source);

// Reads all of `file` (stdin) and parses it.
std::vector<std::string> ReadSymbolList(FILE* file, std::string_view source);

// The order in which the reference visits its symbol table: buckets of
// 32-bit FNV-1a (bytes sign-extended) modulo 4096 ascending, and within a
// bucket the reverse of insertion order. Returns indices into `names`.
std::vector<uint32_t> ReferenceHashOrder(const std::vector<std::string>& names);

// The reference's string hash (FNV-1a over sign-extended bytes).
uint32_t ReferenceNameHash(std::string_view name);

}  // namespace kcrc
