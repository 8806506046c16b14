// kcrc check: the module loader's rules (check/loader.h), on modules and
// kernels described in the test, one rule at a time.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kcrc/check/loader.h"

namespace kcrc {
namespace {

constexpr uint16_t kX8664 = 62;
constexpr const char* kMagic = "7.1.0 SMP preempt mod_unload modversions ";

// A module as modpost makes it: one symbol table, a struct module of 520
// bytes, GPL, the kernel's vermagic, a __versions table.
ModuleFile Module(std::vector<std::pair<std::string, uint64_t>> versions,
                  std::vector<std::string> imports) {
  ModuleFile m;
  m.path = "m.ko";
  m.name = "m";
  m.file_type = 1;
  m.machine = kX8664;
  m.symbol_tables = 1;
  m.this_module_sections = 1;
  m.this_module_size = 520;
  m.this_module_alloc = true;
  m.modinfo = {{"license", "GPL"}, {"vermagic", kMagic}, {"name", "m"}};
  m.versions.basic.emplace();
  for (auto& [name, crc] : versions) m.versions.basic->push_back({crc, name, {}});
  for (std::string& name : imports) m.undefined.push_back({std::move(name), false});
  return m;
}

KernelExports Kernel(std::vector<KernelExport> exports) {
  KernelExports kernel;
  kernel.Merge({"k", KernelInputKind::kSymvers, exports.size(), 0}, std::move(exports));
  return kernel;
}

KernelExport Export(std::string name, uint32_t crc, std::string kind = "EXPORT_SYMBOL",
                    std::string ns = "", std::string module = "vmlinux") {
  return {std::move(name), crc, std::move(kind), std::move(ns), std::move(module), false};
}

std::vector<std::string> Kinds(const std::vector<Problem>& problems) {
  std::vector<std::string> kinds;
  for (const Problem& p : problems)
    kinds.push_back(std::string(ProblemKindName(p.kind)) + ":" + p.symbol);
  return kinds;
}

using Strings = std::vector<std::string>;

TEST(CheckLoader, LoadsWhenEveryImportMatches) {
  const KernelExports kernel = Kernel({Export("module_layout", 1), Export("a", 2)});
  const ModuleVerdict v = JudgeModule(Module({{"module_layout", 1}, {"a", 2}}, {"a"}), kernel, {});
  EXPECT_TRUE(v.loads);
  EXPECT_TRUE(v.problems.empty());
  EXPECT_TRUE(v.warnings.empty());
}

TEST(CheckLoader, CrcMismatchInTheLoadersWords) {
  const KernelExports kernel = Kernel({Export("a", 2)});
  const ModuleVerdict v = JudgeModule(Module({{"a", 3}}, {"a"}), kernel, {});
  ASSERT_FALSE(v.loads);
  ASSERT_EQ(Kinds(v.problems), Strings({"crc:a"}));
  const Problem& p = v.problems[0];
  EXPECT_EQ(p.loader_log,
            Strings({"m: disagrees about version of symbol a", "m: Unknown symbol a (err -22)"}));
  EXPECT_EQ(p.module_crc, 3u);
  EXPECT_EQ(p.kernel_crc, 2u);
  EXPECT_EQ(p.exporter, "vmlinux");
}

TEST(CheckLoader, MissingExportAndWeakAndGotAreTheLoaders) {
  const KernelExports kernel = Kernel({Export("a", 2)});
  ModuleFile m = Module({{"a", 2}}, {"a", "gone", "_GLOBAL_OFFSET_TABLE_"});
  m.undefined.push_back({"optional", true});  // weak: left 0
  ModuleVerdict v = JudgeModule(m, kernel, {});
  EXPECT_EQ(Kinds(v.problems), Strings({"missing:gone"}));
  EXPECT_EQ(v.problems[0].loader_log, Strings({"m: Unknown symbol gone (err -2)"}));
  // _GLOBAL_OFFSET_TABLE_ is ignored on x86 only.
  m.machine = 183;  // EM_AARCH64
  v = JudgeModule(m, kernel, {});
  EXPECT_EQ(Kinds(v.problems), Strings({"missing:gone", "missing:_GLOBAL_OFFSET_TABLE_"}));
}

TEST(CheckLoader, WeakImportWithTheWrongCrcIsStillRefused) {
  const KernelExports kernel = Kernel({Export("a", 2)});
  ModuleFile m = Module({{"a", 9}}, {});
  m.undefined.push_back({"a", true});
  EXPECT_EQ(Kinds(JudgeModule(m, kernel, {}).problems), Strings({"crc:a"}));
}

TEST(CheckLoader, GplOnlyExportsAreInvisibleToProprietaryModules) {
  const KernelExports kernel = Kernel({Export("g", 2, "EXPORT_SYMBOL_GPL")});
  for (const char* license : {"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
                              "Dual MIT/GPL", "Dual MPL/GPL"}) {
    ModuleFile m = Module({{"g", 2}}, {"g"});
    m.modinfo[0].second = license;
    EXPECT_TRUE(JudgeModule(m, kernel, {}).loads) << license;
  }
  for (const char* license : {"Proprietary", "GPL v3", "MIT", "gpl"}) {
    ModuleFile m = Module({{"g", 2}}, {"g"});
    m.modinfo[0].second = license;
    const ModuleVerdict v = JudgeModule(m, kernel, {});
    ASSERT_EQ(Kinds(v.problems), Strings({"gpl:g"})) << license;
    EXPECT_EQ(v.problems[0].loader_log, Strings({"m: Unknown symbol g (err -2)"}));
  }
  ModuleFile unlicensed = Module({{"g", 2}}, {"g"});
  unlicensed.modinfo.erase(unlicensed.modinfo.begin());
  EXPECT_EQ(Kinds(JudgeModule(unlicensed, kernel, {}).problems), Strings({"gpl:g"}));
  // The loader taints two module names whatever their license says.
  ModuleFile lve = Module({{"g", 2}}, {"g"});
  lve.name = "lve";
  EXPECT_FALSE(JudgeModule(lve, kernel, {}).loads);
  // EXPORT_SYMBOL_GPL_FUTURE was never GPL-only.
  EXPECT_TRUE(
      JudgeModule(unlicensed, Kernel({Export("g", 2, "EXPORT_SYMBOL_GPL_FUTURE")}), {}).loads);
}

TEST(CheckLoader, InheritTaintFromAProprietaryModule) {
  KernelExport p = Export("p", 1, "EXPORT_SYMBOL", "", "vendor");
  p.owner_proprietary = true;
  const KernelExports kernel = Kernel({p, Export("g", 2, "EXPORT_SYMBOL_GPL")});
  // A GPL-only symbol first: then the proprietary module's symbol is refused.
  ModuleVerdict v = JudgeModule(Module({{"p", 1}, {"g", 2}}, {"g", "p"}), kernel, {});
  ASSERT_EQ(Kinds(v.problems), Strings({"gpl:p"}));
  EXPECT_EQ(v.problems[0].loader_log.front(),
            "m: module using GPL-only symbols uses symbols p from proprietary module vendor.");
  // The proprietary symbol first: the module takes the taint, and then the
  // GPL-only symbol is hidden from it.
  v = JudgeModule(Module({{"p", 1}, {"g", 2}}, {"p", "g"}), kernel, {});
  ASSERT_EQ(Kinds(v.problems), Strings({"gpl:g"}));
  EXPECT_NE(v.problems[0].detail.find("taint of vendor"), std::string::npos);
}

TEST(CheckLoader, Namespaces) {
  const KernelExports kernel = Kernel({Export("n", 1, "EXPORT_SYMBOL_GPL", "NS"),
                                       Export("k", 2, "EXPORT_SYMBOL", "module:kvm,kvm_*")});
  ModuleFile m = Module({{"n", 1}}, {"n"});
  ModuleVerdict v = JudgeModule(m, kernel, {});
  ASSERT_EQ(Kinds(v.problems), Strings({"namespace:n"}));
  EXPECT_EQ(v.problems[0].loader_log,
            Strings({"m: module uses symbol (n) from namespace NS, but does not import it.",
                     "m: Unknown symbol n (err -22)"}));
  m.modinfo.push_back({"import_ns", "OTHER"});
  m.modinfo.push_back({"import_ns", "NS"});
  EXPECT_TRUE(JudgeModule(m, kernel, {}).loads);

  // Module namespaces: in-tree modules whose name matches a pattern.
  for (const char* name : {"kvm", "kvm_amd", "kvm_intel"}) {
    ModuleFile in_tree = Module({{"k", 2}}, {"k"});
    in_tree.name = name;
    in_tree.modinfo.push_back({"intree", "Y"});
    EXPECT_TRUE(JudgeModule(in_tree, kernel, {}).loads) << name;
    in_tree.modinfo.pop_back();  // out of tree: not granted
    EXPECT_FALSE(JudgeModule(in_tree, kernel, {}).loads) << name;
  }
  for (const char* name : {"kvmx", "kv", "other"}) {
    ModuleFile in_tree = Module({{"k", 2}}, {"k"});
    in_tree.name = name;
    in_tree.modinfo.push_back({"intree", "Y"});
    EXPECT_FALSE(JudgeModule(in_tree, kernel, {}).loads) << name;
  }
}

TEST(CheckLoader, VermagicSkipsTheReleaseOnlyWithVersions) {
  KernelExports kernel = Kernel({Export("a", 2)});
  kernel.SetVermagic(kMagic);
  ModuleFile m = Module({{"a", 2}}, {"a"});
  m.modinfo[1].second = "6.1.0-other SMP preempt mod_unload modversions ";
  EXPECT_TRUE(JudgeModule(m, kernel, {}).loads);
  m.modinfo[1].second = "7.1.0 SMP mod_unload modversions ";
  ModuleVerdict v = JudgeModule(m, kernel, {});
  ASSERT_EQ(Kinds(v.problems), Strings({"vermagic:"}));
  EXPECT_EQ(v.problems[0].loader_log,
            Strings({"m: version magic '7.1.0 SMP mod_unload modversions ' should be "
                     "'7.1.0 SMP preempt mod_unload modversions '"}));
  // Without __versions the whole string counts.
  ModuleFile unversioned = Module({}, {});
  unversioned.versions.basic.reset();
  unversioned.modinfo[1].second = "6.1.0-other SMP preempt mod_unload modversions ";
  EXPECT_EQ(Kinds(JudgeModule(unversioned, kernel, {}).problems), Strings({"vermagic:"}));
  // No vermagic: refused where the kernel's is known, a warning otherwise.
  ModuleFile none = Module({{"a", 2}}, {"a"});
  none.modinfo.erase(none.modinfo.begin() + 1);
  v = JudgeModule(none, kernel, {});
  EXPECT_EQ(Kinds(v.problems), Strings({"vermagic:"}));
  EXPECT_TRUE(v.problems[0].loader_log.empty());
  v = JudgeModule(none, Kernel({Export("a", 2)}), {});
  EXPECT_TRUE(v.loads);
  EXPECT_EQ(Kinds(v.warnings), Strings({"vermagic:"}));
}

TEST(CheckLoader, ModuleLayoutAndMissingTables) {
  const KernelExports kernel = Kernel({Export("module_layout", 7), Export("a", 2)});
  EXPECT_EQ(
      Kinds(JudgeModule(Module({{"module_layout", 8}, {"a", 2}}, {"a"}), kernel, {}).problems),
      Strings({"crc:module_layout"}));
  ModuleFile unversioned = Module({}, {"a"});
  unversioned.versions.basic.reset();
  const ModuleVerdict v = JudgeModule(unversioned, kernel, {});
  // check_modstruct_version refuses it, silently, then every import again.
  EXPECT_EQ(Kinds(v.problems), Strings({"crc:module_layout", "crc:a"}));
  EXPECT_TRUE(v.problems[0].loader_log.empty());
  EXPECT_FALSE(v.problems[0].module_crc.has_value());
  // A kernel without CRCs takes it.
  KernelExport plain = Export("a", 0);
  plain.crc.reset();
  EXPECT_TRUE(JudgeModule(unversioned, Kernel({plain}), {}).loads);
}

TEST(CheckLoader, MissingVersionWarnsUpstreamAndRefusesOnDebian) {
  const KernelExports kernel = Kernel({Export("a", 2), Export("b", 3)});
  const ModuleFile m = Module({{"a", 2}}, {"a", "b"});
  ModuleVerdict v = JudgeModule(m, kernel, {});
  EXPECT_TRUE(v.loads);
  ASSERT_EQ(Kinds(v.warnings), Strings({"no_version:b"}));
  EXPECT_EQ(v.warnings[0].loader_log, Strings({"m: no symbol version for b"}));
  v = JudgeModule(m, kernel, {.refuse_missing_versions = true});
  ASSERT_EQ(Kinds(v.problems), Strings({"no_version:b"}));
  EXPECT_EQ(v.problems[0].loader_log,
            Strings({"m: no symbol version for b", "m: Unknown symbol b (err -22)"}));
}

TEST(CheckLoader, ExtendedTablesComeFirst) {
  const KernelExports kernel = Kernel({Export("a", 2), Export("b", 3)});
  ModuleFile m = Module({{"a", 9}}, {"a", "b"});
  m.versions.extended = std::vector<ImportVersion>{{"a", 2}};
  const ModuleVerdict v = JudgeModule(m, kernel, {.refuse_missing_versions = true});
  EXPECT_TRUE(v.loads);  // __versions' 9 is not looked at; no entry: warned
  ASSERT_EQ(Kinds(v.warnings), Strings({"no_version:b"}));
  EXPECT_EQ(v.warnings[0].loader_log, Strings({"m: no extended symbol version for b"}));
}

TEST(CheckLoader, ElfLayoutAndStructModule) {
  KernelExports kernel = Kernel({Export("a", 2)});
  ModuleFile m = Module({{"a", 2}}, {"a"});
  m.this_module_size = 584;
  EXPECT_TRUE(JudgeModule(m, kernel, {}).loads);  // the kernel's size is not known
  kernel.SetModuleStructSize(520);
  ModuleVerdict v = JudgeModule(m, kernel, {});
  ASSERT_EQ(Kinds(v.problems), Strings({"struct_module:"}));
  EXPECT_EQ(v.problems[0].loader_log,
            Strings({"module m: .gnu.linkonce.this_module section size must match the "
                     "kernel's built struct module size at run time"}));
  m = Module({{"a", 2}}, {"a"});
  m.this_module_sections = 0;
  m.symbol_tables = 0;
  m.file_type = 2;
  v = JudgeModule(m, kernel, {});
  EXPECT_EQ(Kinds(v.problems), Strings({"format:", "format:", "format:"}));
  EXPECT_EQ(v.problems[0].loader_log, Strings({"Invalid ELF header type: 2 != 1"}));
  EXPECT_EQ(v.problems[1].loader_log, Strings({"m: module has no symbols (stripped?)"}));
  EXPECT_EQ(v.problems[2].loader_log,
            Strings({"module m: Only one .gnu.linkonce.this_module section must exist."}));
}

TEST(CheckLoader, OwnExportsNeedCrcsOnAModversionsKernel) {
  ModuleFile m = Module({{"a", 2}}, {"a"});
  m.exports_without_crcs = true;
  EXPECT_EQ(Kinds(JudgeModule(m, Kernel({Export("a", 2)}), {}).problems), Strings({"format:"}));
  KernelExport plain = Export("a", 0);
  plain.crc.reset();
  EXPECT_TRUE(JudgeModule(m, Kernel({plain}), {}).loads);
}

TEST(CheckLoader, LicenseList) {
  EXPECT_TRUE(LicenseIsGplCompatible("GPL"));
  EXPECT_TRUE(LicenseIsGplCompatible("Dual MPL/GPL"));
  EXPECT_FALSE(LicenseIsGplCompatible("GPL "));
  EXPECT_FALSE(LicenseIsGplCompatible(""));
}

}  // namespace
}  // namespace kcrc
