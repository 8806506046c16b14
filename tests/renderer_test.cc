// The renderer on in-memory DIE trees (tests/support/die_tree.h), one row per
// tag and attribute it handles: the DIEs, the symbol rendered, and the
// records it produces (the symbol's under the name "sym", and the named
// types it reaches), as `gen -T` writes them.
#include "kcrc/render/renderer.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "cli/large_stack.h"
#include "gen/object_types.h"
#include "kcrc/base/diagnostics.h"
#include "kcrc/base/error.h"
#include "kcrc/dwarf/fqn.h"
#include "kcrc/kabi/rules.h"
#include "support/die_tree.h"

namespace kcrc {
namespace {

using testing_support::DieTree;
using Attr = DieNode::Attr;

struct Symbol {
  DieOffset die;
  SymbolKind kind = SymbolKind::kVariable;
};

struct Row {
  Row(const char* name, std::function<Symbol(DieTree&)> build, std::string expected,
      bool stable = false, std::string rules = {}, int language = DW_LANG_C11)
      : name(name),
        build(std::move(build)),
        expected(std::move(expected)),
        stable(stable),
        rules(std::move(rules)),
        language(language) {}
  const char* name;
  std::function<Symbol(DieTree&)> build;
  std::string expected;  // the records, sorted; or the error's text
  bool stable;           // --stable
  std::string rules;     // with --stable: the kABI rules section's bytes
  int language;          // of the unit
};

// The records of one symbol: render, flatten and merge as a unit's end does.
std::string Records(DieTree& tree, const Symbol& symbol, bool stable, const std::string& bytes) {
  const KabiRules rules =
      bytes.empty() ? KabiRules() : KabiRules::Parse(bytes, "tree.o", [](const std::string&) {});
  const KabiRules* active = stable ? &rules : nullptr;
  FqnTable fqns;
  fqns.AddUnit(tree, tree.unit());
  DieMap map;
  Renderer renderer(tree, fqns, map, RenderOptions{stable, active, nullptr, stable});
  renderer.RenderSymbol(symbol.die, symbol.kind);
  renderer.EndUnit();
  NullDiagnostics quiet;
  ObjectTypes types(active, false, quiet);
  types.Merge(CollectUnitItems(map, active, [&](std::string_view key, size_t length) {
    return types.types().WouldStore(key, length);
  }));
  const TokenList* tokens = types.SymbolTokens(symbol.die);
  if (tokens == nullptr) return "(no symbol rendering)";
  TokenList replaced;
  if (active)
    if (auto text = rules.TypeString("sym")) replaced = ParseTypeString("sym", *text);
  types.Add("sym", replaced.empty() ? *tokens : replaced);
  return types.types().SortedText();
}

// Common DIEs.
DieOffset Int(DieTree& tree) {
  return tree.Add(tree.unit().die, DW_TAG_base_type)
      .Name("int")
      .Set(Attr::kByteSize, 4)
      .Set(Attr::kEncoding, 5);
}

DieOffset Variable(DieTree& tree, DieOffset type) {
  return tree.Add(tree.unit().die, DW_TAG_variable).Name("sym").Type(type);
}

// struct point { int x; int y; } (decl_file 2: t.h).
DieOffset Point(DieTree& tree, DieOffset in = 0) {
  const DieOffset i = Int(tree);
  const DieOffset s = tree.Add(in ? in : tree.unit().die, DW_TAG_structure_type)
                          .Name("point")
                          .Set(Attr::kByteSize, 8)
                          .Set(Attr::kDeclFile, 2);
  tree.Add(s, DW_TAG_member).Name("x").Type(i).Set(Attr::kDataMemberLocation, 0);
  tree.Add(s, DW_TAG_member).Name("y").Type(i).Set(Attr::kDataMemberLocation, 4);
  return s;
}

constexpr const char* kInt = "base_type int byte_size(4) encoding(5)";

std::string Sym(const std::string& text) { return "sym " + text + "\n"; }

std::string PointRecord() {
  return std::string("s#point structure_type point { member ") + kInt +
         " x data_member_location(0) , member " + kInt + " y data_member_location(4) } " +
         "byte_size(8)\n";
}

// One modifier tag wrapping int.
Row Modifier(const char* name, int tag, const char* keyword) {
  return {name,
          [tag](DieTree& tree) {
            const DieOffset m = tree.Add(tree.unit().die, tag).Type(Int(tree));
            return Symbol{Variable(tree, m)};
          },
          Sym(std::string("variable ") + keyword + " { " + kInt + " }")};
}

std::vector<Row> Rows() {
  std::vector<Row> rows = {
      {"base type", [](DieTree& tree) { return Symbol{Variable(tree, Int(tree))}; },
       Sym(std::string("variable ") + kInt)},
      {"void: no DW_AT_type",
       [](DieTree& tree) { return Symbol{tree.Add(tree.unit().die, DW_TAG_variable).Name("sym")}; },
       "sym variable base_type void\n"},
      {"base type alignment",
       [](DieTree& tree) {
         const DieOffset l = tree.Add(tree.unit().die, DW_TAG_base_type)
                                 .Name("long long")
                                 .Set(Attr::kByteSize, 8)
                                 .Set(Attr::kEncoding, 5)
                                 .Set(Attr::kAlignment, 8);
         return Symbol{Variable(tree, l)};
       },
       "sym variable base_type long long byte_size(8) encoding(5) alignment(8)\n"},
      {"pointer with byte_size",
       [](DieTree& tree) {
         const DieOffset p =
             tree.Add(tree.unit().die, DW_TAG_pointer_type).Type(Int(tree)).Set(Attr::kByteSize, 8);
         return Symbol{Variable(tree, p)};
       },
       Sym(std::string("variable pointer_type { ") + kInt + " } byte_size(8)")},
      {"modifier alignment",
       [](DieTree& tree) {
         const DieOffset c =
             tree.Add(tree.unit().die, DW_TAG_const_type).Type(Int(tree)).Set(Attr::kAlignment, 16);
         return Symbol{Variable(tree, c)};
       },
       Sym(std::string("variable const_type { ") + kInt + " } alignment(16)")},
      {"typedef: a reference",
       [](DieTree& tree) {
         const DieOffset t = tree.Add(tree.unit().die, DW_TAG_typedef).Name("s32").Type(Int(tree));
         return Symbol{Variable(tree, t)};
       },
       ("sym variable t#s32\nt#s32 typedef_type s32 { " + std::string(kInt) + " }\n")},
      {"struct: a reference, members with locations",
       [](DieTree& tree) { return Symbol{Variable(tree, Point(tree))}; },
       (PointRecord() + "sym variable s#point\n")},
      {"struct declaration: not expanded",
       [](DieTree& tree) {
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("opaque").Declaration();
         return Symbol{Variable(tree, s)};
       },
       "s#opaque structure_type opaque { }\nsym variable s#opaque\n"},
      {"struct defined in a .c file: not expanded",
       [](DieTree& tree) {
         const DieOffset s = tree.Add(tree.unit().die, DW_TAG_structure_type)
                                 .Name("hidden")
                                 .Set(Attr::kByteSize, 4)
                                 .Set(Attr::kDeclFile, 1);
         tree.Add(s, DW_TAG_member).Name("a").Type(Int(tree));
         return Symbol{Variable(tree, s)};
       },
       "s#hidden structure_type hidden { }\nsym variable s#hidden\n"},
      {"anonymous struct: inline",
       [](DieTree& tree) {
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Set(Attr::kByteSize, 4);
         tree.Add(s, DW_TAG_member).Name("a").Type(Int(tree)).Set(Attr::kDataMemberLocation, 0);
         return Symbol{Variable(tree, s)};
       },
       Sym(std::string("variable structure_type { member ") + kInt +
           " a data_member_location(0) } byte_size(4)")},
      {"a struct met again within its own expansion: a reference",
       [](DieTree& tree) {
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("node").Set(Attr::kByteSize, 8);
         const DieOffset p =
             tree.Add(tree.unit().die, DW_TAG_pointer_type).Type(s).Set(Attr::kByteSize, 8);
         tree.Add(s, DW_TAG_member).Name("next").Type(p).Set(Attr::kDataMemberLocation, 0);
         return Symbol{Variable(tree, p)};
       },
       "s#node structure_type node { member pointer_type { s#node } byte_size(8) next "
       "data_member_location(0) } byte_size(8)\nsym variable pointer_type { s#node } "
       "byte_size(8)\n"},
      {"member attributes: accessibility, bit_size, data_bit_offset",
       [](DieTree& tree) {
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("bits").Set(Attr::kByteSize, 4);
         tree.Add(s, DW_TAG_member)
             .Name("f")
             .Type(Int(tree))
             .Set(Attr::kAccessibility, 1)
             .Set(Attr::kBitSize, 3)
             .Set(Attr::kDataBitOffset, 5);
         return Symbol{Variable(tree, s)};
       },
       (std::string("s#bits structure_type bits { member ") + kInt +
        " f accessibility(1) bit_size(3) data_bit_offset(5) } byte_size(4)\n" +
        "sym variable s#bits\n")},
      {"struct children that are not members are left out",
       [](DieTree& tree) {
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("c").Set(Attr::kByteSize, 4);
         tree.Add(s, DW_TAG_structure_type).Name("nested");
         tree.Add(s, DW_TAG_subprogram).Name("method");
         tree.Add(s, DW_TAG_template_type_parameter).Name("T");
         tree.Add(s, DW_TAG_member).Name("a").Type(Int(tree));
         return Symbol{Variable(tree, s)};
       },
       (std::string("s#c structure_type c { member ") + kInt + " a } byte_size(4)\n" +
        "sym variable s#c\n")},
      {"class",
       [](DieTree& tree) {
         const DieOffset c =
             tree.Add(tree.unit().die, DW_TAG_class_type).Name("k").Set(Attr::kByteSize, 1);
         return Symbol{Variable(tree, c)};
       },
       "s#k class_type k { } byte_size(1)\nsym variable s#k\n"},
      {"union",
       [](DieTree& tree) {
         const DieOffset i = Int(tree);
         const DieOffset u =
             tree.Add(tree.unit().die, DW_TAG_union_type).Name("v").Set(Attr::kByteSize, 4);
         tree.Add(u, DW_TAG_member).Name("a").Type(i);
         tree.Add(u, DW_TAG_member).Name("b").Type(i);
         return Symbol{Variable(tree, u)};
       },
       (std::string("sym variable u#v\nu#v union_type v { member ") + kInt + " a , member " + kInt +
        " b } byte_size(4)\n")},
      {"enum: enumerators and their values",
       [](DieTree& tree) {
         const DieOffset e = tree.Add(tree.unit().die, DW_TAG_enumeration_type)
                                 .Name("color")
                                 .Set(Attr::kByteSize, 4);
         tree.Add(e, DW_TAG_enumerator).Name("RED").Set(Attr::kConstValue, 0);
         tree.Add(e, DW_TAG_enumerator).Name("BLUE").Set(Attr::kConstValue, 7);
         tree.Add(e, DW_TAG_enumerator).Name("NONE");
         return Symbol{Variable(tree, e)};
       },
       "e#color enumeration_type color { enumerator RED = 0 , enumerator BLUE = 7 , enumerator "
       "NONE } byte_size(4)\nsym variable e#color\n"},
      {"array: count, upper bound, unbounded",
       [](DieTree& tree) {
         const DieOffset a = tree.Add(tree.unit().die, DW_TAG_array_type).Type(Int(tree));
         tree.Add(a, DW_TAG_subrange_type).Set(Attr::kCount, 4);
         tree.Add(a, DW_TAG_subrange_type).Set(Attr::kUpperBound, 2);
         tree.Add(a, DW_TAG_subrange_type);
         return Symbol{Variable(tree, a)};
       },
       Sym(std::string("variable array_type[4][3][] { ") + kInt + " }")},
      {"array: an upper bound of 2^64-1 wraps to [0]",
       [](DieTree& tree) {
         const DieOffset a = tree.Add(tree.unit().die, DW_TAG_array_type).Type(Int(tree));
         tree.Add(a, DW_TAG_subrange_type).Set(Attr::kUpperBound, ~uint64_t{0});
         return Symbol{Variable(tree, a)};
       },
       Sym(std::string("variable array_type[0] { ") + kInt + " }")},
      {"subroutine type: parameters and return type",
       [](DieTree& tree) {
         const DieOffset i = Int(tree);
         const DieOffset f = tree.Add(tree.unit().die, DW_TAG_subroutine_type).Type(i);
         tree.Add(f, DW_TAG_formal_parameter).Type(i);
         tree.Add(f, DW_TAG_formal_parameter).Type(i);
         const DieOffset p =
             tree.Add(tree.unit().die, DW_TAG_pointer_type).Type(f).Set(Attr::kByteSize, 8);
         return Symbol{Variable(tree, p)};
       },
       Sym(std::string("variable pointer_type { subroutine_type ( formal_parameter ") + kInt +
           " , formal_parameter " + kInt + " ) -> " + kInt + " } byte_size(8)")},
      {"subprogram: named parameters, void result",
       [](DieTree& tree) {
         const DieOffset i = Int(tree);
         const DieOffset f = tree.Add(tree.unit().die, DW_TAG_subprogram).Name("sym");
         tree.Add(f, DW_TAG_formal_parameter).Name("a").Type(i);
         tree.Add(f, DW_TAG_variable).Name("local").Type(i);  // body: not a parameter
         return Symbol{f, SymbolKind::kSubprogram};
       },
       Sym(std::string("subprogram ( formal_parameter ") + kInt + " a ) -> base_type void")},
      {"subprogram without parameters",
       [](DieTree& tree) {
         return Symbol{tree.Add(tree.unit().die, DW_TAG_subprogram).Name("sym").Type(Int(tree)),
                       SymbolKind::kSubprogram};
       },
       Sym(std::string("subprogram ( ) -> ") + kInt)},
      {"unspecified type",
       [](DieTree& tree) {
         return Symbol{
             Variable(tree, tree.Add(tree.unit().die, DW_TAG_unspecified_type).Name("decltype"))};
       },
       "sym variable unspecified_type\n"},
      {"variant part and variants (Rust enums)",
       [](DieTree& tree) {
         const DieOffset i = Int(tree);
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("E").Set(Attr::kByteSize, 8);
         const DieOffset part = tree.Add(s, DW_TAG_variant_part);
         const DieOffset a = tree.Add(part, DW_TAG_variant).Set(Attr::kDiscrValue, 0);
         tree.Add(a, DW_TAG_member).Name("A").Type(i);
         const DieOffset b = tree.Add(part, DW_TAG_variant).Set(Attr::kDiscrValue, 1);
         tree.Add(b, DW_TAG_member).Name("B").Type(i);
         return Symbol{Variable(tree, s)};
       },
       (std::string("s#E structure_type E { variant_part { variant { member ") + kInt +
        " A } discr_value(0) , variant { member " + kInt +
        " B } discr_value(1) } } byte_size(8)\nsym variable s#E\n")},
      {"a name with a space is quoted in references",
       [](DieTree& tree) {
         const DieOffset t =
             tree.Add(tree.unit().die, DW_TAG_typedef).Name("odd name").Type(Int(tree));
         return Symbol{Variable(tree, t)};
       },
       ("sym variable t#'odd name'\nt#'odd name' typedef_type odd name { " + std::string(kInt) +
        " }\n")},
      {"unexpected tag",
       [](DieTree& tree) {
         return Symbol{Variable(tree, tree.Add(tree.unit().die, DW_TAG_label).Name("l"))};
       },
       "tree.o: DIE 0x10: process_type: unexpected type: a"},
      {"unexpected struct child",
       [](DieTree& tree) {
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("s").Set(Attr::kByteSize, 4);
         tree.Add(s, DW_TAG_label);
         return Symbol{Variable(tree, s)};
       },
       "tree.o: DIE 0x18: ___process_structure_type: unexpected structure_type child: a"},
      {"cyclic types stop at a depth",
       [](DieTree& tree) {
         const DieOffset p = tree.Add(tree.unit().die, DW_TAG_pointer_type);
         const DieOffset c = tree.Add(tree.unit().die, DW_TAG_const_type).Type(p);
         tree.Add(tree.unit().die, DW_TAG_volatile_type);  // unused
         DieTree::Builder(tree, p).Type(c);
         return Symbol{Variable(tree, p)};
       },
       "tree.o: DIE 0x18: type nesting deeper than 20000 (cyclic DWARF?)"},
      {"C++: names qualified by namespaces and classes",
       [](DieTree& tree) {
         const DieOffset ns = tree.Add(tree.unit().die, DW_TAG_namespace).Name("ns");
         const DieOffset outer = tree.Add(ns, DW_TAG_structure_type).Name("outer");
         const DieOffset inner =
             tree.Add(outer, DW_TAG_structure_type).Name("inner").Set(Attr::kByteSize, 1);
         return Symbol{Variable(tree, inner)};
       },
       "s#ns::outer::inner structure_type ns::outer::inner { } byte_size(1)\n"
       "sym variable s#ns::outer::inner\n",
       false,
       {},
       DW_LANG_C_plus_plus_14},
      // --stable: the __kabi_ conventions and the kABI rules.
      {"stable: a member named __kabi_* loses its name",
       [](DieTree& tree) {
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("s").Set(Attr::kByteSize, 4);
         tree.Add(s, DW_TAG_member).Name("__kabi_reserved0").Type(Int(tree));
         return Symbol{Variable(tree, s)};
       },
       std::string("s#s structure_type s { member ") + kInt + " } byte_size(4)\n" +
           "sym variable s#s\n",
       true},
      {"stable: a union with a __kabi_reserved member is its placeholder",
       [](DieTree& tree) {
         const DieOffset i = Int(tree);
         const DieOffset u = tree.Add(tree.unit().die, DW_TAG_union_type).Set(Attr::kByteSize, 4);
         tree.Add(u, DW_TAG_member).Name("__kabi_reserved1").Type(i);
         tree.Add(u, DW_TAG_member).Name("added").Type(i);
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("s").Set(Attr::kByteSize, 4);
         tree.Add(s, DW_TAG_member).Name("slot").Type(u);
         return Symbol{Variable(tree, s)};
       },
       std::string("s#s structure_type s { member ") + kInt + " slot } byte_size(4)\n" +
           "sym variable s#s\n",
       true},
      {"stable: __kabi_renamed<old> keeps the old name",
       [](DieTree& tree) {
         const DieOffset i = Int(tree);
         const DieOffset u = tree.Add(tree.unit().die, DW_TAG_union_type).Set(Attr::kByteSize, 4);
         tree.Add(u, DW_TAG_member).Name("__kabi_renamedold").Type(i);
         tree.Add(u, DW_TAG_member).Name("new_name").Type(i);
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("s").Set(Attr::kByteSize, 4);
         tree.Add(s, DW_TAG_member).Type(u);
         return Symbol{Variable(tree, s)};
       },
       std::string("s#s structure_type s { member ") + kInt + " old } byte_size(4)\n" +
           "sym variable s#s\n",
       true},
      {"stable: a union with a __kabi_ignored member is left out",
       [](DieTree& tree) {
         const DieOffset i = Int(tree);
         const DieOffset u = tree.Add(tree.unit().die, DW_TAG_union_type).Set(Attr::kByteSize, 4);
         tree.Add(u, DW_TAG_member).Name("__kabi_ignored0").Type(i);
         tree.Add(u, DW_TAG_member).Name("old").Type(i);
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("s").Set(Attr::kByteSize, 8);
         tree.Add(s, DW_TAG_member).Name("gone").Type(u);
         tree.Add(s, DW_TAG_member).Name("kept").Type(i);
         return Symbol{Variable(tree, s)};
       },
       std::string("s#s structure_type s { member ") + kInt + " kept } byte_size(8)\n" +
           "sym variable s#s\n",
       true},
      {"without --stable the conventions are ordinary names",
       [](DieTree& tree) {
         const DieOffset s =
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("s").Set(Attr::kByteSize, 4);
         tree.Add(s, DW_TAG_member).Name("__kabi_reserved0").Type(Int(tree));
         return Symbol{Variable(tree, s)};
       },
       std::string("s#s structure_type s { member ") + kInt +
           " __kabi_reserved0 } byte_size(4)\nsym variable s#s\n"},
      {"rule declonly: not expanded",
       [](DieTree& tree) { return Symbol{Variable(tree, Point(tree))}; },
       "s#point structure_type point { }\nsym variable s#point\n", true,
       std::string("1\0declonly\0point\0\0", 18)},
      {"rule byte_size: the size replaced",
       [](DieTree& tree) {
         return Symbol{Variable(
             tree,
             tree.Add(tree.unit().die, DW_TAG_structure_type).Name("s").Set(Attr::kByteSize, 4))};
       },
       "s#s structure_type s { } byte_size(16)\nsym variable s#s\n", true,
       std::string("1\0byte_size\0s\00016\0", 17)},
      {"rules enumerator_ignore and enumerator_value",
       [](DieTree& tree) {
         const DieOffset e =
             tree.Add(tree.unit().die, DW_TAG_enumeration_type).Name("e").Set(Attr::kByteSize, 4);
         tree.Add(e, DW_TAG_enumerator).Name("A").Set(Attr::kConstValue, 0);
         tree.Add(e, DW_TAG_enumerator).Name("B").Set(Attr::kConstValue, 1);
         tree.Add(e, DW_TAG_enumerator).Name("C").Set(Attr::kConstValue, 2);
         return Symbol{Variable(tree, e)};
       },
       "e#e enumeration_type e { enumerator A = 0 , enumerator C = 9 } byte_size(4)\n"
       "sym variable e#e\n",
       true,
       std::string("1\0enumerator_ignore\0e B\0\0"
                   "1\0enumerator_value\0e C\09\0",
                   50)},
      {"rule type_string: a record replaced",
       [](DieTree& tree) { return Symbol{Variable(tree, Point(tree))}; },
       "s#point structure_type point { member s#other x }\nsym variable s#point\n", true,
       std::string("1\0type_string\0s#point\0structure_type point { member s#other x }\0", 64)},
  };
  const std::pair<int, const char*> kModifiers[] = {
      {DW_TAG_atomic_type, "atomic_type"},
      {DW_TAG_const_type, "const_type"},
      {DW_TAG_immutable_type, "immutable_type"},
      {DW_TAG_packed_type, "packed_type"},
      {DW_TAG_pointer_type, "pointer_type"},
      {DW_TAG_reference_type, "reference_type"},
      {DW_TAG_restrict_type, "restrict_type"},
      {DW_TAG_rvalue_reference_type, "rvalue_reference_type"},
      {DW_TAG_shared_type, "shared_type"},
      {DW_TAG_template_type_parameter, "template_type_parameter_type"},
      {DW_TAG_volatile_type, "volatile_type"},
  };
  for (const auto& [tag, keyword] : kModifiers) rows.push_back(Modifier(keyword, tag, keyword));
  return rows;
}

TEST(Renderer, EveryTagAndAttribute) {
  for (const Row& row : Rows()) {
    SCOPED_TRACE(row.name);
    DieTree tree;
    tree.Unit(row.language);
    const Symbol symbol = row.build(tree);
    std::string got;
    // The renderer recurses once per type level, up to its depth limit; it
    // runs on a thread with kRenderStackSize of stack, as gen and scan run it
    // (the main thread's 8 MiB is too small under AddressSanitizer).
    cli::RunWithLargeStack([&] {
      try {
        got = Records(tree, symbol, row.stable, row.rules);
      } catch (const Error& e) {
        got = e.what();
      }
      return 0;
    });
    EXPECT_EQ(got, row.expected);
  }
}

}  // namespace
}  // namespace kcrc
