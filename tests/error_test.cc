#include "kcrc/base/error.h"

#include <gtest/gtest.h>

namespace kcrc {
namespace {

TEST(Error, MessageAlone) {
  const Error error("something broke");
  EXPECT_STREQ(error.what(), "something broke");
  EXPECT_TRUE(error.where().file.empty());
}

TEST(Error, LocationForms) {
  EXPECT_EQ((Location{"a.symtypes", 12, {}}).Format(), "a.symtypes:12");
  EXPECT_EQ((Location{"vmlinux", 0, 0x1f}).Format(), "vmlinux: DIE 0x1f");
  EXPECT_EQ((Location{"x.o", 0, {}}).Format(), "x.o");
  EXPECT_EQ((Location{"", 0, 0x2a}).Format(), "DIE 0x2a");
  EXPECT_EQ(Location{}.Format(), "");
}

TEST(Error, ContextIsAddedOutermostFirst) {
  Error error(Location{"a.symtypes", 3, {}}, "unknown type reference to 's#bar'");
  error.AddContext("s#foo").AddContext("export f");
  EXPECT_STREQ(error.what(), "a.symtypes:3: export f: s#foo: unknown type reference to 's#bar'");
  EXPECT_EQ(error.message(), "unknown type reference to 's#bar'");
  ASSERT_EQ(error.context().size(), 2u);
  EXPECT_EQ(error.context()[0], "s#foo");
}

TEST(Error, FileAndLineAreSetOnlyWhereUnset) {
  Error error("bad value");
  error.SetFileIfUnset("inner.o").SetFileIfUnset("outer.o").SetLineIfUnset(4).SetLineIfUnset(9);
  EXPECT_STREQ(error.what(), "inner.o:4: bad value");
}

TEST(Error, FailFormatsLazilyAndThrows) {
  try {
    Fail(Location{"f.txt", 2, {}}, "expected {} got {}", 1, "two");
    FAIL() << "Fail returned";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "f.txt:2: expected 1 got two");
    EXPECT_EQ(error.where().line, 2u);
  }
  EXPECT_NO_THROW(Check(true, "never {}", 1));
  EXPECT_THROW(Check(false, "always {}", 1), Error);
}

}  // namespace
}  // namespace kcrc
