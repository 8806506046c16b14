// The --stable layout check's inputs on in-memory DIE trees: sizes and
// alignments from DWARF, and the placeholders the renderer applied.
#include "kcrc/gen/kabi_checks.h"

#include <gtest/gtest.h>

#include "kcrc/dwarf/fqn.h"
#include "kcrc/render/die_map.h"
#include "support/die_tree.h"

namespace kcrc {
namespace {

using testing_support::DieTree;
using Attr = DieNode::Attr;

DieOffset Base(DieTree& tree, const char* name, uint64_t size) {
  return tree.Add(tree.unit().die, DW_TAG_base_type).Name(name).Set(Attr::kByteSize, size);
}

TEST(KabiChecks, SizesAndAlignmentsFromDwarf) {
  DieTree tree;
  tree.Unit();
  const DieOffset i = Base(tree, "int", 4);
  const DieOffset l = Base(tree, "long", 8);
  const DieOffset t = tree.Add(tree.unit().die, DW_TAG_typedef).Name("t").Type(l);
  const DieOffset c = tree.Add(tree.unit().die, DW_TAG_const_type).Type(t);
  const DieOffset a = tree.Add(tree.unit().die, DW_TAG_array_type).Type(i);
  tree.Add(a, DW_TAG_subrange_type).Set(Attr::kCount, 3);
  tree.Add(a, DW_TAG_subrange_type).Set(Attr::kUpperBound, 1);
  const DieOffset open = tree.Add(tree.unit().die, DW_TAG_array_type).Type(i);
  tree.Add(open, DW_TAG_subrange_type);
  const DieOffset s = tree.Add(tree.unit().die, DW_TAG_structure_type).Set(Attr::kByteSize, 16);
  tree.Add(s, DW_TAG_member).Type(i);
  tree.Add(s, DW_TAG_member).Type(c);
  const DieOffset aligned =
      tree.Add(tree.unit().die, DW_TAG_structure_type).Set(Attr::kAlignment, 32);
  EXPECT_EQ(TypeSize(tree, c), 8u);
  EXPECT_EQ(TypeSize(tree, a), 24u);
  EXPECT_FALSE(TypeSize(tree, open));
  EXPECT_EQ(TypeSize(tree, s), 16u);
  EXPECT_EQ(TypeAlignment(tree, i), 4u);
  EXPECT_EQ(TypeAlignment(tree, a), 4u);
  EXPECT_EQ(TypeAlignment(tree, s), 8u);
  EXPECT_EQ(TypeAlignment(tree, aligned), 32u);
}

TEST(KabiChecks, AUnionLargerThanItsPlaceholderIsAFinding) {
  DieTree tree;
  tree.Unit();
  const DieOffset i = Base(tree, "int", 4);
  const DieOffset l = Base(tree, "long", 8);
  const DieOffset u = tree.Add(tree.unit().die, DW_TAG_union_type).Set(Attr::kByteSize, 8);
  tree.Add(u, DW_TAG_member).Name("__kabi_reserved0").Type(i);
  tree.Add(u, DW_TAG_member).Name("wider").Type(l);
  const DieOffset s =
      tree.Add(tree.unit().die, DW_TAG_structure_type).Name("s").Set(Attr::kByteSize, 8);
  tree.Add(s, DW_TAG_member).Name("slot").Type(u).Set(Attr::kDataMemberLocation, 0);
  const DieOffset v = tree.Add(tree.unit().die, DW_TAG_variable).Name("v").Type(s);
  const KabiRules rules;
  FqnTable fqns;
  DieMap map;
  Renderer renderer(tree, fqns, map, RenderOptions{true, &rules, nullptr, true});
  renderer.RenderSymbol(v, SymbolKind::kVariable);
  ASSERT_EQ(renderer.placeholder_uses().size(), 1u);
  const std::vector<std::string> findings = CheckKabiLayout({tree.path(), tree, rules, renderer});
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0], fmt::format("tree.o: DIE 0x{:x}: 's': placeholder __kabi_reserved0 (at "
                                     "offset 0): the replacing union is 8 bytes, larger than the "
                                     "4-byte placeholder",
                                     u));
  EXPECT_EQ(findings[1], fmt::format("tree.o: DIE 0x{:x}: 's': placeholder __kabi_reserved0 (at "
                                     "offset 0): the replacing union needs 8-byte alignment, the "
                                     "placeholder has 4",
                                     u));
}

}  // namespace
}  // namespace kcrc
