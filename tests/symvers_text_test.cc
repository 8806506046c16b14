#include <gtest/gtest.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "kcrc/base/error.h"
#include "kcrc/symvers/text_lines.h"

namespace kcrc {
namespace {

std::vector<std::pair<std::string, uint32_t>> Lines(std::string_view text) {
  std::vector<std::pair<std::string, uint32_t>> lines;
  ForEachTextLine(text, [&](std::string_view line, uint32_t number) {
    lines.emplace_back(std::string(line), number);
  });
  return lines;
}

TEST(ForEachTextLine, SplitsAsRustLinesDoes) {
  using L = std::vector<std::pair<std::string, uint32_t>>;
  EXPECT_EQ(Lines(""), L{});
  EXPECT_EQ(Lines("a\nb"), (L{{"a", 1}, {"b", 2}}));
  EXPECT_EQ(Lines("a\n"), (L{{"a", 1}}));
  EXPECT_EQ(Lines("a\n\n"), (L{{"a", 1}, {"", 2}}));
  EXPECT_EQ(Lines("a\r\nb\r\n"), (L{{"a", 1}, {"b", 2}}));
  // Only a '\r' before '\n' goes.
  EXPECT_EQ(Lines("a\r"), (L{{"a\r", 1}}));
  EXPECT_EQ(Lines("a\r\r\n"), (L{{"a\r", 1}}));
}

TEST(SplitWords, AsciiWhitespaceButNotVerticalTab) {
  std::array<std::string_view, 3> words;
  EXPECT_EQ(SplitWords(" a\tb \f c\r", words), 3u);
  EXPECT_EQ(words[0], "a");
  EXPECT_EQ(words[1], "b");
  EXPECT_EQ(words[2], "c");
  EXPECT_EQ(SplitWords("a\vb", words), 1u);
  EXPECT_EQ(words[0], "a\vb");
  EXPECT_EQ(SplitWords("", words), 0u);
  EXPECT_EQ(SplitWords(" \t ", words), 0u);
  // Counts past the storage.
  EXPECT_EQ(SplitWords("1 2 3 4 5", words), 5u);
  EXPECT_EQ(words[2], "3");
}

std::string Utf8Error(std::string_view text) {
  try {
    CheckUtf8(text, "f");
  } catch (const Error& e) {
    return e.what();
  }
  return "valid";
}

TEST(CheckUtf8, RefusesWhatRustRefuses) {
  EXPECT_EQ(Utf8Error("plain\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n"), "valid");
  EXPECT_EQ(Utf8Error("a\nb\n\xff\n"), "f:3: invalid UTF-8 (byte 0xff at offset 4)");
  EXPECT_EQ(Utf8Error("\xc0\x80"), "f:1: invalid UTF-8 (byte 0xc0 at offset 0)");      // overlong
  EXPECT_EQ(Utf8Error("\xed\xa0\x80"), "f:1: invalid UTF-8 (byte 0xed at offset 0)");  // surrogate
  EXPECT_EQ(Utf8Error("\xf4\x90\x80\x80"), "f:1: invalid UTF-8 (byte 0xf4 at offset 0)");
  EXPECT_EQ(Utf8Error("x\xc3"), "f:1: invalid UTF-8 (byte 0xc3 at offset 1)");  // truncated
  EXPECT_EQ(Utf8Error("\x80"), "f:1: invalid UTF-8 (byte 0x80 at offset 0)");
}

}  // namespace
}  // namespace kcrc
