#include "kcrc/symvers/wildcard.h"

#include <gtest/gtest.h>

#include <string>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

bool Matches(const char* pattern, std::string_view text) { return Wildcard(pattern).Matches(text); }

TEST(Wildcard, StarCrossesSlashesAndMatchesEmpty) {
  EXPECT_TRUE(Matches("drivers/net/wireless/ath/*", "drivers/net/wireless/ath/ath10k/ath10k_core"));
  EXPECT_TRUE(Matches("kvmppc_*", "kvmppc_"));
  EXPECT_FALSE(Matches("kvmppc_*", "kvm_vcpu_kick"));
  EXPECT_TRUE(Matches("*", ""));
  EXPECT_TRUE(Matches("**", "abc"));
  EXPECT_TRUE(Matches("a*b*c", "aXbYbZc"));
  EXPECT_FALSE(Matches("a*b*c", "aXbYbZ"));
  EXPECT_TRUE(Matches(".*", ".hidden"));  // no special leading dot
}

TEST(Wildcard, WholeTextMustMatch) {
  EXPECT_TRUE(Matches("fs/ceph", "fs/ceph"));
  EXPECT_FALSE(Matches("fs/ceph", "fs/ceph2"));
  EXPECT_FALSE(Matches("fs/ceph", "fs/cep"));
  EXPECT_FALSE(Matches("a", ""));
  EXPECT_TRUE(Matches("", ""));
}

TEST(Wildcard, QuestionMarkIsOneCodePoint) {
  EXPECT_TRUE(Matches("sym_?", "sym_a"));
  EXPECT_FALSE(Matches("sym_?", "sym_ab"));
  EXPECT_FALSE(Matches("sym_?", "sym_"));
  EXPECT_TRUE(Matches("x?y", "x\xc3\xa9y"));  // é: two bytes, one character
  EXPECT_FALSE(Matches("x??y", "x\xc3\xa9y"));
}

TEST(Wildcard, BracketsAsWildmatHasThem) {
  EXPECT_TRUE(Matches("sym_[ab]", "sym_b"));
  EXPECT_FALSE(Matches("sym_[ab]", "sym_c"));
  EXPECT_TRUE(Matches("[a-c]", "b"));
  EXPECT_FALSE(Matches("[a-c]", "d"));
  EXPECT_TRUE(Matches("[^a-c]", "d"));
  EXPECT_FALSE(Matches("[^a-c]", "a"));
  // '!' does not negate (fnmatch's does): it is a member.
  EXPECT_TRUE(Matches("[!a]", "!"));
  EXPECT_TRUE(Matches("[!a]", "a"));
  EXPECT_FALSE(Matches("[!a]", "b"));
  // A leading ']' or '-' is a member; a trailing '-' too.
  EXPECT_TRUE(Matches("[]a]", "]"));
  EXPECT_TRUE(Matches("[-a]", "-"));
  EXPECT_TRUE(Matches("[a-]", "-"));
  EXPECT_TRUE(Matches("[^]a]", "b"));
  EXPECT_FALSE(Matches("[^]a]", "]"));
  // A range ends where the next one may start: [a-c-e] is a-c and c-e.
  EXPECT_TRUE(Matches("[a-c-e]", "e"));
  // No escapes or classes inside brackets.
  EXPECT_TRUE(Matches("[\\]", "\\"));
  EXPECT_FALSE(Matches("[[:alpha:]]", "a"));
  EXPECT_TRUE(Matches("[[:alpha:]]", ":]"));
  // Ranges compare code points.
  EXPECT_TRUE(Matches("[\xc3\xa0-\xc3\xbf]", "\xc3\xa9"));
}

TEST(Wildcard, BackslashQuotesTheNextCharacter) {
  EXPECT_TRUE(Matches("a\\*", "a*"));
  EXPECT_FALSE(Matches("a\\*", "ab"));
  EXPECT_FALSE(Matches("a\\", "a"));
  EXPECT_FALSE(Matches("a\\", "a\\"));
}

TEST(Wildcard, AnOpenBracketAtTheEndNeverMatches) {
  EXPECT_FALSE(Matches("a[", "a["));
  EXPECT_FALSE(Matches("a[", "ab"));
}

// Where wildmat reads past the pattern (suse-kabi-tools panics), kcrc throws.
TEST(Wildcard, UnterminatedBracketsThrowWhereTheMatchReachesThem) {
  EXPECT_THROW(Matches("foo[a", "fooa"), Error);
  EXPECT_THROW(Matches("x[^", "xy"), Error);
  EXPECT_THROW(Matches("x[a-", "xb"), Error);
  EXPECT_THROW(Matches("*[a", "ba"), Error);
  // Not reached, or the bracket fails before the end: no error.
  EXPECT_FALSE(Matches("foo[a", "bar"));
  EXPECT_FALSE(Matches("foo[a", "foob"));
  try {
    Matches("foo[a", "fooa");
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "pattern 'foo[a' has an unterminated '[' where it is matched against 'fooa' "
              "(suse-kabi-tools panics on it)");
  }
}

TEST(Wildcard, LiteralPatterns) {
  EXPECT_TRUE(Wildcard("kvm_x86_ops").IsLiteral());
  EXPECT_TRUE(Wildcard("drivers/md/dm-mod").IsLiteral());
  EXPECT_FALSE(Wildcard("a*").IsLiteral());
  EXPECT_FALSE(Wildcard("a?").IsLiteral());
  EXPECT_FALSE(Wildcard("a[").IsLiteral());
  EXPECT_FALSE(Wildcard("a\\b").IsLiteral());
}

}  // namespace
}  // namespace kcrc
