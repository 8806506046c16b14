// The stages of gen that do not need a compiled object: the export list and
// its order, the per-object symbol table, the ordered mapping of matches to
// symbols, the #SYMVER text, and the Workers' pipeline.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>

#include "gen/export_list.h"
#include "gen/object_symbols.h"
#include "gen/symbol_mapper.h"
#include "kcrc/base/diagnostics.h"
#include "kcrc/base/error.h"
#include "kcrc/base/metrics.h"
#include "kcrc/base/workers.h"
#include "kcrc/exports/symbol_list.h"
#include "kcrc/gen/generator.h"
#include "support/die_tree.h"

namespace kcrc {
namespace {

using testing_support::DieTree;

class Recorded : public Diagnostics {
 public:
  void Warning(std::string_view message) override { warnings.emplace_back(message); }
  void Dump(std::string_view) override {}
  std::vector<std::string> warnings;
};

TEST(ExportList, VersionsComeInTheReferencesOrder) {
  const std::vector<std::string> names = {"present_function", "this_symbol_does_not_exist",
                                          "present_variable"};
  ExportList exports(names);
  ASSERT_EQ(exports.size(), 3u);
  EXPECT_EQ(exports.Find("present_variable"), 2u);
  EXPECT_FALSE(exports.Find("other"));
  const std::vector<uint32_t> order = ReferenceHashOrder(names);
  ASSERT_EQ(std::vector<uint32_t>(exports.hash_order().begin(), exports.hash_order().end()), order);
  for (uint32_t rank = 0; rank < order.size(); ++rank)
    EXPECT_EQ(exports.hash_rank(order[rank]), rank);
  exports[0].crc = 0xcb60df31;
  exports[2].crc = 0x80341fc0;
  Recorded diagnostics;
  // The conformance case symlist-missing-symbol's stdout, in its order
  // (FNV-1a buckets 132, 2637, 3153).
  EXPECT_EQ(SymverText(exports.Versions(), diagnostics),
            "#SYMVER this_symbol_does_not_exist 0x00000000\n"
            "#SYMVER present_function 0xcb60df31\n"
            "#SYMVER present_variable 0x80341fc0\n");
  EXPECT_EQ(diagnostics.warnings,
            std::vector<std::string>{NoInformationWarning("this_symbol_does_not_exist")});
}

TEST(ObjectSymbols, AliasesShareAnAddress) {
  ExportList exports({"a", "b", "c", "d"});
  const std::vector<ElfSymbol> globals = {
      {"a", 1, 0x10, 1}, {"other", 1, 0x10, 1}, {"b", 1, 0x10, 1},
      {"c", 2, 0x10, 1}, {"c", 2, 0x20, 1},     {"d", 1, 0x30, 1},
  };
  Recorded diagnostics;
  const ObjectSymbols symbols(globals, exports, diagnostics);
  EXPECT_EQ(diagnostics.warnings,
            std::vector<std::string>{"set_symbol_addr: multiple addresses for symbol c?"});
  std::vector<uint32_t> seen;
  symbols.ForEachAlias(1, [&](uint32_t index) { seen.push_back(index); });
  EXPECT_EQ(seen, (std::vector<uint32_t>{1, 0}));
  seen.clear();
  symbols.ForEachAlias(3, [&](uint32_t index) { seen.push_back(index); });
  EXPECT_EQ(seen, std::vector<uint32_t>{3});
  // The last unprocessed one in that order stands for the DIE.
  EXPECT_EQ(symbols.Unprocessed(exports, 0), 1u);
  exports[1].state = SymbolState::kMapped;
  EXPECT_EQ(symbols.Unprocessed(exports, 1), 0u);
  exports[0].state = SymbolState::kProcessed;
  EXPECT_FALSE(symbols.Unprocessed(exports, 0));
}

class MapperTest : public testing::Test {
 protected:
  MapperTest() : unit_(tree_.Unit()) {}
  DieOffset Function(const char* name) { return tree_.Add(unit_, DW_TAG_subprogram).Name(name); }
  // A __gendwarfksyms_ptr_<name> variable of type `type`*.
  DieOffset Pointer(const char* name, DieOffset type) {
    const DieOffset pointer = tree_.Add(unit_, DW_TAG_pointer_type).Type(type);
    return tree_.Add(unit_, DW_TAG_variable)
        .Name(std::string("__gendwarfksyms_ptr_") + name)
        .Type(pointer);
  }
  static ExportMatch Match(uint32_t name, DieOffset die, bool pointer = false) {
    ExportMatch match;
    match.name = name;
    match.source = die;
    match.pointer = pointer;
    match.kind = pointer ? SymbolKind::kVariable : SymbolKind::kSubprogram;
    return match;
  }

  DieTree tree_;
  DieOffset unit_;
};

TEST_F(MapperTest, TheFirstDieWinsAndAliasesFollow) {
  ExportList exports({"f", "g", "g_alias"});
  Recorded diagnostics;
  const ObjectSymbols symbols({{"g", 1, 8, 1}, {"g_alias", 1, 8, 1}}, exports, diagnostics);
  SymbolMapper mapper(exports, symbols, tree_, 3);
  const DieOffset f1 = Function("f");
  const DieOffset f2 = Function("f");
  const DieOffset g = Function("g");
  const std::vector<RenderRequest> requests =
      mapper.ApplyUnit({Match(0, f1), Match(0, f2), Match(1, g)});
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].die, f1);
  EXPECT_EQ(requests[1].die, g);
  EXPECT_EQ(exports[0].state, SymbolState::kMapped);
  EXPECT_EQ(exports[0].object, 3);
  EXPECT_EQ(exports[2].die, g);  // the alias
  EXPECT_EQ(exports[2].state, SymbolState::kMapped);
  // Mapped symbols are not mapped again in a later unit.
  EXPECT_TRUE(mapper.ApplyUnit({Match(0, Function("f"))}).empty());
}

TEST_F(MapperTest, PointersStandInAtTheUnitsEndInHashOrder) {
  const std::vector<std::string> names = {"p", "q", "r"};
  ExportList exports(names);
  Recorded diagnostics;
  const ObjectSymbols symbols({}, exports, diagnostics);
  SymbolMapper mapper(exports, symbols, tree_, 0);
  const DieOffset type = tree_.Add(unit_, DW_TAG_base_type).Name("int");
  const DieOffset proto = tree_.Add(unit_, DW_TAG_subroutine_type);
  const DieOffset p = Pointer("p", type);
  const DieOffset q = Pointer("q", proto);
  const DieOffset r = Pointer("r", type);
  const DieOffset r_itself = Function("r");
  const std::vector<RenderRequest> requests = mapper.ApplyUnit(
      {Match(0, p, true), Match(1, q, true), Match(2, r, true), Match(2, r_itself)});
  // r has a DIE of its own, first; then p and q in hash order: a variable's
  // pointer type, a function's subroutine type.
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].die, r_itself);
  std::vector<uint32_t> order;
  for (uint32_t index : exports.hash_order())
    if (index != 2) order.push_back(index);
  for (size_t i = 0; i < 2; ++i) {
    const RenderRequest& request = requests[1 + i];
    if (order[i] == 0) {
      EXPECT_EQ(request.die, tree_.Get(p).type);
      EXPECT_EQ(request.kind, SymbolKind::kVariable);
    } else {
      EXPECT_EQ(request.die, proto);
      EXPECT_EQ(request.kind, SymbolKind::kSubprogram);
    }
  }
}

TEST_F(MapperTest, APointerVariableMustHaveAPointerType) {
  ExportList exports({"p"});
  Recorded diagnostics;
  const ObjectSymbols symbols({}, exports, diagnostics);
  SymbolMapper mapper(exports, symbols, tree_, 0);
  const DieOffset type = tree_.Add(unit_, DW_TAG_base_type).Name("int");
  const DieOffset bad = tree_.Add(unit_, DW_TAG_variable).Name("__gendwarfksyms_ptr_p").Type(type);
  try {
    mapper.ApplyUnit({Match(0, bad, true)});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              fmt::format("tree.o: DIE 0x{:x}: save_symbol_ptr: __gendwarfksyms_ptr_p must be a "
                          "pointer type!",
                          bad));
  }
}

TEST(Workers, OrderedStagesSeeItemsInOrderWhateverTheThreads) {
  for (size_t threads : {1, 4}) {
    Workers workers(threads);
    for (size_t width : {1, 8}) {
      std::vector<size_t> first, second;
      std::atomic<size_t> parallel{0};
      std::vector<Workers::Stage> stages = {
          {true, [&](size_t item) { first.push_back(item); }},
          {false,
           [&](size_t item) {
             ++parallel;
             EXPECT_LT(workers.CurrentSlot(), workers.threads());
             (void)item;
           }},
          {true, [&](size_t item) { second.push_back(item); }},
      };
      workers.Pipeline(100, width, stages);
      std::vector<size_t> expected(100);
      for (size_t i = 0; i < expected.size(); ++i) expected[i] = i;
      EXPECT_EQ(first, expected);
      EXPECT_EQ(second, expected);
      EXPECT_EQ(parallel, 100u);
    }
  }
}

TEST(Workers, ForEachAndForRangesCoverEveryItemOnce) {
  for (size_t threads : {1, 3}) {
    Workers workers(threads);
    std::vector<std::atomic<int>> hits(1000);
    workers.ForEach(hits.size(), [&](size_t i) { ++hits[i]; });
    workers.ForRanges(hits.size(), 7, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) ++hits[i];
    });
    for (const std::atomic<int>& hit : hits) EXPECT_EQ(hit, 2);
  }
}

TEST(Workers, AStagesErrorReachesTheCaller) {
  Workers workers(2);
  std::vector<Workers::Stage> stages = {{false, [](size_t item) {
                                           if (item == 5) Fail("item {}", item);
                                         }}};
  EXPECT_THROW(workers.Pipeline(10, 4, stages), Error);
  Workers one(1);
  EXPECT_THROW(one.Pipeline(10, 1, stages), Error);
}

TEST(Metrics, TimersAndCountersInFirstUseOrder) {
  Metrics metrics;
  metrics.AddTime("b", std::chrono::milliseconds(1500));
  metrics.AddCount("a", 2);
  metrics.AddTime("b", std::chrono::milliseconds(500));
  metrics.AddCount("a", 3);
  { ScopedTimer timer(&metrics, "c"); }
  { ScopedTimer timer(nullptr, "d"); }
  const std::string report = metrics.Report();
  EXPECT_TRUE(report.starts_with("b: 2.000000 s (2 runs)\na: 5\nc: ")) << report;
  EXPECT_TRUE(report.ends_with(" s (1 run)\n")) << report;
  EXPECT_EQ(report.find("d:"), std::string::npos);
}

}  // namespace
}  // namespace kcrc
