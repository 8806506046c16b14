// The FQN pass on in-memory DIE trees (the RULES of dwarf/fqn.h).
#include "kcrc/dwarf/fqn.h"

#include <gtest/gtest.h>

#include "support/die_tree.h"

namespace kcrc {
namespace {

using testing_support::DieTree;

std::string FqnOf(DieTree& tree, const FqnTable& fqns, DieOffset die) {
  return std::string(fqns.Fqn(tree.Get(die)));
}

TEST(FqnTable, NamespacesAndClassesQualifyTheirChildren) {
  DieTree tree;
  const DieOffset unit = tree.Unit(DW_LANG_C_plus_plus_14);
  const DieOffset ns = tree.Add(unit, DW_TAG_namespace).Name("ns");
  const DieOffset cls = tree.Add(ns, DW_TAG_class_type).Name("k");
  const DieOffset member = tree.Add(cls, DW_TAG_member).Name("m");
  const DieOffset type = tree.Add(cls, DW_TAG_typedef).Name("t");
  const DieOffset plain = tree.Add(unit, DW_TAG_structure_type).Name("top");
  FqnTable fqns;
  fqns.AddUnit(tree, tree.unit());
  EXPECT_EQ(FqnOf(tree, fqns, ns), "ns");
  EXPECT_EQ(FqnOf(tree, fqns, cls), "ns::k");
  EXPECT_EQ(FqnOf(tree, fqns, member), "ns::k::m");
  EXPECT_EQ(FqnOf(tree, fqns, type), "ns::k::t");
  EXPECT_EQ(FqnOf(tree, fqns, plain), "top");
}

TEST(FqnTable, AnonymousScopesAndUnnamedDies) {
  DieTree tree;
  const DieOffset unit = tree.Unit(DW_LANG_C_plus_plus_14);
  const DieOffset ns = tree.Add(unit, DW_TAG_namespace).Name("ns");
  const DieOffset anonymous = tree.Add(ns, DW_TAG_structure_type);
  const DieOffset inside = tree.Add(anonymous, DW_TAG_member).Name("x");
  // An unnamed namespace at the top passes no prefix.
  const DieOffset unnamed = tree.Add(unit, DW_TAG_namespace);
  const DieOffset in_unnamed = tree.Add(unnamed, DW_TAG_structure_type).Name("s");
  // Only namespaces, classes and structs pass prefixes.
  const DieOffset uni = tree.Add(ns, DW_TAG_union_type).Name("u");
  const DieOffset in_union = tree.Add(uni, DW_TAG_member).Name("y");
  FqnTable fqns;
  fqns.AddUnit(tree, tree.unit());
  EXPECT_EQ(FqnOf(tree, fqns, anonymous), "");
  EXPECT_EQ(FqnOf(tree, fqns, inside), "ns::<anonymous>::x");
  EXPECT_EQ(FqnOf(tree, fqns, in_unnamed), "s");
  EXPECT_EQ(FqnOf(tree, fqns, uni), "ns::u");
  EXPECT_EQ(FqnOf(tree, fqns, in_union), "y");
}

TEST(FqnTable, CUnitsUseThePlainName) {
  DieTree tree;
  const DieOffset unit = tree.Unit(DW_LANG_C11);
  const DieOffset s = tree.Add(unit, DW_TAG_structure_type).Name("outer");
  const DieOffset inner = tree.Add(s, DW_TAG_structure_type).Name("inner");
  FqnTable fqns;
  fqns.AddUnit(tree, tree.unit());
  EXPECT_EQ(FqnOf(tree, fqns, inner), "inner");
}

TEST(FqnTable, UnitsAddedOutOfOrder) {
  DieTree tree;
  const DieOffset first = tree.Unit(DW_LANG_C_plus_plus_14);
  const DieOffset a =
      tree.Add(tree.Add(first, DW_TAG_namespace).Name("a"), DW_TAG_typedef).Name("t");
  const DieOffset second = tree.Unit(DW_LANG_C_plus_plus_14);
  const DieOffset b =
      tree.Add(tree.Add(second, DW_TAG_namespace).Name("b"), DW_TAG_typedef).Name("t");
  FqnTable fqns;
  fqns.AddUnit(tree, tree.unit(1));
  fqns.AddUnit(tree, tree.unit(0));
  EXPECT_EQ(FqnOf(tree, fqns, a), "a::t");
  EXPECT_EQ(FqnOf(tree, fqns, b), "b::t");
}

}  // namespace
}  // namespace kcrc
