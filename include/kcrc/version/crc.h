// Symbol versions: zlib crc32 over a symbol's type string with its type
// references expanded.
//
// GUARANTEES: the CRC equals the reference implementation's: the input is the
// token text of the symbol (its name excluded, nothing appended) where each
// reference is replaced by its record's tokens the first time that record is
// met while versioning this symbol (recursively), and kept as the literal key
// on every later meeting (which also ends self-recursion).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "kcrc/symtypes/record.h"

namespace kcrc {

// Finds the record of a reference key. Returns nullptr for an unknown key,
// which makes ComputeVersion throw. The returned pointer must stay valid while
// ComputeVersion runs; its address identifies the record.
using RecordResolver = std::function<const TokenList*(std::string_view key)>;

struct VersionOptions {
  // When set, receives the full expanded string (for --dump-versions).
  std::string* expanded = nullptr;
};

// `what` names the record being versioned in error messages.
uint32_t ComputeVersion(const TokenList& tokens, const RecordResolver& resolve,
                        const VersionOptions& options = {});

// Versions many symbols against one set of records, faster than calling
// ComputeVersion for each: the expansion of a reference met at the top level
// of a symbol depends only on the record and on the set of records already
// seen, so it is computed once per (record, seen set) and reused through CRC
// linearity (crc32_combine). Seen sets are identified by a 128-bit Zobrist
// hash. Results are identical to ComputeVersion's.
//
// REQUIREMENTS: the records the resolver returns do not change while the
// cache lives (new records may be added).
class VersionCache {
 public:
  explicit VersionCache(RecordResolver resolve);
  ~VersionCache();
  VersionCache(const VersionCache&) = delete;
  VersionCache& operator=(const VersionCache&) = delete;

  // As ComputeVersion(tokens, resolve, options).
  uint32_t Compute(const TokenList& tokens, const VersionOptions& options = {});

 private:
  struct Impl;
  Impl* impl_;
};

// Plain zlib crc32 of a string, for tests and tools.
uint32_t Crc32(std::string_view text);

}  // namespace kcrc
