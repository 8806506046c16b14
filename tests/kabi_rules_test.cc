#include <gtest/gtest.h>

#include "kcrc/base/error.h"
#include "kcrc/kabi/rules.h"

namespace kcrc {
namespace {

using namespace std::string_literals;

std::string Rule(const std::string& type, const std::string& target, const std::string& value) {
  return "1\0"s + type + "\0"s + target + "\0"s + value + "\0"s;
}

KabiRules Parse(const std::string& bytes, std::vector<std::string>* warnings = nullptr) {
  return KabiRules::Parse(bytes, "obj.o", [&](const std::string& message) {
    if (warnings) warnings->push_back(message);
  });
}

std::string ErrorOf(const std::string& bytes) {
  try {
    Parse(bytes);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(KabiRules, LooksUpByTypeAndTarget) {
  KabiRules rules = Parse(Rule("declonly", "opaque", "") + Rule("byte_size", "sized", "100"));
  EXPECT_TRUE(rules.IsDeclonly("opaque"));
  EXPECT_FALSE(rules.IsDeclonly("sized"));
  EXPECT_EQ(rules.ByteSize("sized"), 100u);
  EXPECT_FALSE(rules.ByteSize("opaque").has_value());
}

TEST(KabiRules, LastRuleWins) {
  KabiRules rules = Parse(Rule("byte_size", "s", "10") + Rule("byte_size", "s", "20"));
  EXPECT_EQ(rules.ByteSize("s"), 20u);
}

TEST(KabiRules, EmptyTargetNeverMatches) {
  KabiRules rules = Parse(Rule("declonly", "", ""));
  EXPECT_FALSE(rules.IsDeclonly(""));
}

TEST(KabiRules, EnumeratorTargetsJoinEnumAndName) {
  KabiRules rules =
      Parse(Rule("enumerator_ignore", "e1 C", "") + Rule("enumerator_value", "e1 D", "-1"));
  EXPECT_TRUE(rules.IsEnumeratorIgnored("e1", "C"));
  EXPECT_FALSE(rules.IsEnumeratorIgnored("", "C"));
  EXPECT_EQ(rules.EnumeratorValue("e1", "D"), 18446744073709551615u);
}

TEST(KabiRules, Errors) {
  EXPECT_EQ(ErrorOf("1\0a\0"s), "obj.o: kabi_read_rules: kABI rule section too small: 4 bytes");
  EXPECT_EQ(ErrorOf("1\0declonly\0x\0y"s),
            "obj.o: kabi_read_rules: kABI rules are not null-terminated");
  EXPECT_EQ(ErrorOf(Rule("declonly", "x", "").replace(0, 1, "2")),
            "obj.o: kabi_read_rules: unsupported kABI rule version: '2'");
  EXPECT_EQ(ErrorOf(Rule("nonsense", "x", "")),
            "obj.o: kabi_read_rules: unsupported kABI rule type: 'nonsense'");
}

TEST(KabiRules, TrailingDataIsOnlyAWarning) {
  std::vector<std::string> warnings;
  KabiRules rules = Parse(Rule("declonly", "x", "") + "ab\0"s, &warnings);
  EXPECT_TRUE(rules.IsDeclonly("x"));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "obj.o: kabi_read_rules: unexpected data at the end of the kABI rules section");
}

TEST(KabiRules, ValuesAreValidatedWhenApplied) {
  KabiRules rules = Parse(Rule("byte_size", "s", "abc"));
  EXPECT_THROW(rules.ByteSize("s"), Error);
  EXPECT_EQ(ParseKabiUnsigned(""), 0u);
  EXPECT_EQ(ParseKabiUnsigned(" 5"), 5u);
  EXPECT_EQ(ParseKabiUnsigned("-5"), 18446744073709551611u);
  EXPECT_THROW(ParseKabiUnsigned("5 "), Error);
  EXPECT_THROW(ParseKabiUnsigned("99999999999999999999"), Error);
}

TEST(KabiRules, UnusedRulesAreReportedInSectionOrder) {
  KabiRules rules =
      Parse(Rule("declonly", "b", "") + Rule("declonly", "a", "") + Rule("declonly", "used", ""));
  rules.IsDeclonly("used");
  auto unused = rules.Unused();
  ASSERT_EQ(unused.size(), 2u);
  EXPECT_EQ(unused[0]->target, "b");
  EXPECT_EQ(unused[1]->target, "a");
}

TEST(ParseTypeString, SplitsReferencesAnywhere) {
  TokenList tokens = ParseTypeString("s#x", "struct{ s#a x e#'b c' y}t#z");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0], (Token{"struct{ ", false}));
  EXPECT_EQ(tokens[1], (Token{"s#a", true}));
  EXPECT_EQ(tokens[2], (Token{" x ", false}));
  EXPECT_EQ(tokens[3], (Token{"e#'b c'", true}));
  EXPECT_EQ(tokens[4], (Token{" y}", false}));
  EXPECT_EQ(tokens[5], (Token{"t#z", true}));
  EXPECT_EQ(JoinTokens(tokens), "struct{ s#a x e#'b c' y}t#z");
}

TEST(ParseTypeString, Errors) {
  EXPECT_THROW(ParseTypeString("t", ""), Error);
  EXPECT_THROW(ParseTypeString("t", "x s#'abc"), Error);
  EXPECT_THROW(ParseTypeString("t", "x s# y"), Error);
  EXPECT_THROW(ParseTypeString("t", "x s#''"), Error);
}

}  // namespace
}  // namespace kcrc
