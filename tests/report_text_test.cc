// report/text.h: long lists of a comparison are summarised by module.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kcrc/report/text.h"

namespace kcrc {
namespace {

TEST(TextReport, LongListsByModule) {
  Comparison c;
  Cause cause;
  cause.key = "s#big";
  for (int i = 0; i < 45; ++i) {
    const std::string name = fmt::format("e{:02}", i);
    const std::string file = i < 30   ? "vmlinux.symtypes"
                             : i < 42 ? "drivers/a.symtypes"
                                      : "b.symtypes";
    c.changed.push_back(ChangedExport{name, 1, 2, {"s#big"}, file});
    cause.exports.push_back(name);
  }
  for (int i = 0; i < 32; ++i) {
    Change change;
    change.kind = ChangeKind::kMemberAdded;
    change.member = fmt::format("m{}", i);
    change.new_type = "int";
    change.new_offset_bits = uint64_t(i) * 32;
    change.new_size = 4;
    cause.changes.push_back(change);
  }
  c.causes.push_back(cause);
  const std::string text = TextReport(c);
  EXPECT_NE(text.find("  exports: 45 exports, by module (all of them: --format=json):\n"
                      "    vmlinux: 30\n    drivers/a: 12\n    b: 3\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  member 'm29' (int) added at offset 116 (size 4)\n"
                      "  and 2 more changes (all of them: --format=json)\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("m30"), std::string::npos);
  EXPECT_NE(text.find("Changed exports: 45, by module (each with its CRCs: --format=short):\n"),
            std::string::npos);
  EXPECT_EQ(text.find("e44 0x"), std::string::npos);
}

}  // namespace
}  // namespace kcrc
