#include "kcrc/version/crc.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <map>
#include <random>
#include <string>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

// Versioning hashes with libdeflate's crc32; it must be zlib's, also when a
// string is hashed in pieces (tokens) of any length.
TEST(Crc32, EqualsZlibOnPieces) {
  std::mt19937 random(7);
  std::string text;
  for (int i = 0; i < 100000; ++i) text += static_cast<char>(random() % 256);
  const uLong zlib = crc32(0, reinterpret_cast<const Bytef*>(text.data()), text.size());
  EXPECT_EQ(Crc32(text), static_cast<uint32_t>(zlib));
  TokenList tokens;
  for (size_t at = 0; at < text.size();) {
    const size_t length = std::min<size_t>(random() % 300, text.size() - at);
    tokens.push_back({text.substr(at, length), false});
    at += length;
  }
  EXPECT_EQ(ComputeVersion(tokens, [](std::string_view) { return nullptr; }),
            static_cast<uint32_t>(zlib));
}

TEST(Crc32, MatchesZlibOnKnownString) {
  // The CRC of `void f(void)` in the reference implementation.
  EXPECT_EQ(Crc32("subprogram ( ) -> base_type void"), 0xd272d446u);
}

TEST(ComputeVersion, ExpandsFirstOccurrenceOnly) {
  std::map<std::string, TokenList, std::less<>> records = {
      {"s#list",
       {{"structure_type list { member pointer_type { ", false},
        {"s#list", true},
        {" } next }", false}}},
  };
  auto resolve = [&](std::string_view key) -> const TokenList* {
    auto it = records.find(key);
    return it == records.end() ? nullptr : &it->second;
  };
  std::string expanded;
  TokenList symbol = {{"variable ", false}, {"s#list", true}};
  uint32_t crc = ComputeVersion(symbol, resolve, {.expanded = &expanded});
  EXPECT_EQ(expanded, "variable structure_type list { member pointer_type { s#list } next }");
  EXPECT_EQ(crc, Crc32(expanded));
}

TEST(ComputeVersion, UnknownReferenceIsAnError) {
  auto resolve = [](std::string_view) -> const TokenList* { return nullptr; };
  TokenList symbol = {{"variable ", false}, {"s#missing", true}};
  try {
    ComputeVersion(symbol, resolve);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        "__calculate_version: unknown type reference to 's#missing' when expanding '(null)'");
  }
}

TEST(MakeTypeRef, QuotesNamesWithSpaces) {
  EXPECT_EQ(MakeTypeRef('s', "foo"), "s#foo");
  EXPECT_EQ(MakeTypeRef('s', "tmpl<long int>"), "s#'tmpl<long int>'");
}

}  // namespace
}  // namespace kcrc
