// Printable: what messages may carry of an input's bytes.
#include "kcrc/base/printable.h"

#include <gtest/gtest.h>

namespace kcrc {
namespace {

TEST(Printable, KeepsAsciiAndValidUtf8) {
  EXPECT_EQ(Printable("s#foo: unknown type"), "s#foo: unknown type");
  EXPECT_EQ(Printable("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  EXPECT_EQ(Printable("a\\b"), "a\\b");
  EXPECT_TRUE(IsPrintable("caf\xc3\xa9"));
}

TEST(Printable, EscapesControlCharacters) {
  EXPECT_EQ(Printable(std::string("\x7f"
                                  "ELF\x02\x01\x01\0\n\t\x1b[2J",
                                  14)),
            "\\x7fELF\\x02\\x01\\x01\\x00\\x0a\\x09\\x1b[2J");
  EXPECT_EQ(Printable("\xc2\x85"), "\\xc2\\x85");  // U+0085, a C1 control
  EXPECT_FALSE(IsPrintable("a\nb"));
}

TEST(Printable, EscapesBytesOutsideValidUtf8) {
  EXPECT_EQ(Printable("\x80"), "\\x80");                             // a stray continuation byte
  EXPECT_EQ(Printable("\xc3"), "\\xc3");                             // truncated
  EXPECT_EQ(Printable("\xc0\xaf"), "\\xc0\\xaf");                    // overlong '/'
  EXPECT_EQ(Printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");           // a surrogate
  EXPECT_EQ(Printable("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
  EXPECT_EQ(Printable("\xff"
                      "ok"),
            "\\xffok");
}

}  // namespace
}  // namespace kcrc
