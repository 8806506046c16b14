#include "kcrc/version/crc.h"

#include <gtest/gtest.h>

#include <map>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

TEST(Crc32, MatchesZlibOnKnownString) {
  // The CRC of `void f(void)` in the reference implementation.
  EXPECT_EQ(Crc32("subprogram ( ) -> base_type void"), 0xd272d446u);
}

TEST(ComputeVersion, ExpandsFirstOccurrenceOnly) {
  std::map<std::string, TokenList, std::less<>> records = {
      {"s#list", {{"structure_type list { member pointer_type { ", false}, {"s#list", true},
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
    EXPECT_STREQ(e.what(), "__calculate_version: unknown type reference to 's#missing' when expanding '(null)'");
  }
}

TEST(MakeTypeRef, QuotesNamesWithSpaces) {
  EXPECT_EQ(MakeTypeRef('s', "foo"), "s#foo");
  EXPECT_EQ(MakeTypeRef('s', "tmpl<long int>"), "s#'tmpl<long int>'");
}

}  // namespace
}  // namespace kcrc
