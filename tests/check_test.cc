// kcrc check on the fixtures of fixtures/check (build.txt): the kernel's
// export tables in the 6.x and 7.1 layouts, the kernel inputs, the verdicts
// and explanations of whole runs, and the genksyms trap.
#include "kcrc/check/check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/base/workers.h"
#include "kcrc/check/check_report.h"
#include "kcrc/check/module_file.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/exports/auto_exports.h"
#include "kcrc/report/change_text.h"
#include "kcrc/scan/decompress.h"
#include "kcrc/scan/export_info.h"
#include "support/temp_dir.h"

namespace kcrc {
namespace {

using testing_support::TempDir;
const std::string kDir = std::string(KCRC_SOURCE_DIR) + "/fixtures/check";

// One thread: oneTBB not started (its workers would need the renderer's stack).
Workers& Serial() {
  static Workers workers(1);
  return workers;
}

std::string Describe(const ExportInfo& e) {
  return e.name + " " + e.kind + " [" + e.name_space + "] " +
         (e.crc ? fmt::format("{:08x}", *e.crc) : "-");
}

std::vector<std::string> Exports(const std::string& path) {
  std::vector<std::string> out;
  for (const ExportInfo& e : ReadExportInfo(ElfFile(path))) out.push_back(Describe(e));
  return out;
}

const std::vector<std::string> kKernelExports = {
    "_printk EXPORT_SYMBOL [] c06e5c94",
    "kapi_count EXPORT_SYMBOL [] 7ec472ba",
    "kapi_for_kvm EXPORT_SYMBOL_GPL [module:kvm*] cb60df31",
    "kapi_gpl_only EXPORT_SYMBOL_GPL [] cb60df31",
    "kapi_in_ns EXPORT_SYMBOL_GPL [KAPI_NS] cb60df31",
    "kapi_open EXPORT_SYMBOL [] 6eacbbcc",
    "module_layout EXPORT_SYMBOL [] 55a6fcd2",
};

TEST(CheckExportTables, BothLayoutsBeforeAndAfterTheLink) {
  // Objects: one section per symbol (___ksymtab_gpl+x, or ___kflagstab+x).
  EXPECT_EQ(Exports(kDir + "/layouts/vmlinux.export-6.o"), kKernelExports);
  EXPECT_EQ(Exports(kDir + "/layouts/vmlinux.export-7.1.o"), kKernelExports);
  // Linked: merged __ksymtab_gpl, or __ksymtab + __kflagstab.
  EXPECT_EQ(Exports(kDir + "/kernel-6/vmlinux"), kKernelExports);
  EXPECT_EQ(Exports(kDir + "/kernel-7.1/vmlinux"), kKernelExports);
  EXPECT_EQ(Exports(kDir + "/kernel-7.1/provider.ko"),
            std::vector<std::string>{"prov_plain EXPORT_SYMBOL [] cb60df31"});
}

TEST(CheckExportTables, SeventyOneKernelsHaveNoGplSections) {
  const ElfFile elf(kDir + "/kernel-7.1/vmlinux");
  EXPECT_EQ(elf.FindSection("__ksymtab_gpl"), nullptr);
  EXPECT_EQ(elf.FindSection("__kcrctab_gpl"), nullptr);
  EXPECT_NE(elf.FindSection("__kflagstab"), nullptr);
  // Every export is in __ksymtab: the kind comes from the flags alone.
  for (const ElfSymbol& symbol : elf.symbols())
    if (std::string_view(symbol.name).starts_with("__ksymtab_")) {
      EXPECT_EQ(elf.SectionName(symbol.section), "__ksymtab") << symbol.name;
    }
}

TEST(CheckExportTables, AutoExportsFindTheSameNames) {
  const std::vector<std::string> names = {"_printk",       "kapi_count", "kapi_for_kvm",
                                          "kapi_gpl_only", "kapi_in_ns", "kapi_open",
                                          "module_layout"};
  for (const char* file : {"/layouts/vmlinux.export-6.o", "/layouts/vmlinux.export-7.1.o",
                           "/kernel-6/vmlinux", "/kernel-7.1/vmlinux"})
    EXPECT_EQ(FindExports(ElfFile(kDir + file)), names) << file;
}

TEST(CheckKernel, SymversTreesAndBinariesAgree) {
  Workers one(1), two(2);
  const KernelExports symvers = LoadKernel({kDir + "/kernel.symvers"}, Serial());
  const KernelExports gz = LoadKernel({kDir + "/kernel.symvers.gz"}, Serial());
  const KernelExports tree6 = LoadKernel({kDir + "/kernel-6"}, one);
  const KernelExports tree71 = LoadKernel({kDir + "/kernel-7.1"}, two);
  auto flat = [](const KernelExports& k) {
    std::vector<std::string> out;
    for (const KernelExport* e : k.Sorted())
      out.push_back(fmt::format("{} {:08x} {} {} {}", e->name, e->crc.value_or(0), e->kind,
                                e->name_space, e->module));
    return out;
  };
  EXPECT_EQ(symvers.size(), 8u);
  EXPECT_EQ(flat(symvers), flat(gz));
  EXPECT_EQ(flat(symvers), flat(tree6));
  EXPECT_EQ(flat(symvers), flat(tree71));
  EXPECT_TRUE(symvers.has_crcs());
  EXPECT_FALSE(symvers.vermagic().has_value());
  EXPECT_EQ(tree71.vermagic(), "7.1.0-kcrc SMP preempt mod_unload modversions ");
  EXPECT_EQ(tree71.module_struct_size(), 520u);
  EXPECT_TRUE(tree71.Find("prov_plain")->owner_proprietary);
  EXPECT_FALSE(symvers.Find("prov_plain")->owner_proprietary);
  // One ELF file is read like a tree of one.
  EXPECT_EQ(LoadKernel({kDir + "/kernel-7.1/vmlinux"}, Serial()).size(), 7u);
}

TEST(CheckKernel, MergingKeepsTheFirstProvider) {
  TempDir dir;
  const std::string other = (dir.path() / "other.symvers").string();
  WriteFileAtomically(other,
                      "0x00000001\tkapi_open\textra/thing\tEXPORT_SYMBOL\t\n"
                      "0x00000002\tnew_one\textra/thing\tEXPORT_SYMBOL_GPL\t\n");
  const KernelExports kernel = LoadKernel({kDir + "/kernel.symvers", other}, Serial());
  EXPECT_EQ(kernel.size(), 9u);
  EXPECT_EQ(kernel.Find("kapi_open")->crc, 0x6eacbbccu);
  EXPECT_EQ(kernel.Find("new_one")->module, "extra/thing");
  ASSERT_EQ(kernel.notes().size(), 1u);
  EXPECT_NE(kernel.notes()[0].find("kapi_open (vmlinux and extra/thing)"), std::string::npos);
}

TEST(CheckKernel, AllZeroCrcsMeanNoModversions) {
  const std::vector<KernelExport> exports = ParseKernelSymvers(
      "0x00000000\ta\tvmlinux\tEXPORT_SYMBOL\t\n0x00000000\tb\tvmlinux\tEXPORT_SYMBOL\t\n", "s");
  ASSERT_EQ(exports.size(), 2u);
  EXPECT_FALSE(exports[0].crc.has_value());
  EXPECT_EQ(ParseKernelSymvers("0x00000000\ta\tvmlinux\tEXPORT_SYMBOL\t\n0x00000001\tb\tvmlinux\t"
                               "EXPORT_SYMBOL\t\n",
                               "s")[0]
                .crc,
            0u);
}

TEST(CheckKernel, BadInputsNameTheFile) {
  TempDir dir;
  const std::string empty = (dir.path() / "empty").string();
  WriteFileAtomically(empty, "");
  const std::string bad_gz = (dir.path() / "bad.gz").string();
  WriteFileAtomically(bad_gz, std::string("\x1f\x8b\x08\x00garbage", 12));
  const std::string nothing = (dir.path() / "nothing").string();
  std::filesystem::create_directory(nothing);
  for (const auto& [path, message] :
       std::vector<std::pair<std::string, std::string>>{{empty, "empty file, not a Module.symvers"},
                                                        {bad_gz, "invalid gzip data"},
                                                        {nothing, "no vmlinux and no modules"},
                                                        {kDir + "/no-such", "no-such"}}) {
    try {
      LoadKernel({path}, Serial());
      ADD_FAILURE() << path;
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
    }
  }
}

TEST(CheckDecompress, MagicNumbersNotNames) {
  const std::string plain = ReadFile(kDir + "/kernel.symvers");
  EXPECT_EQ(ReadMaybeCompressed(kDir + "/kernel.symvers.gz"), plain);
  EXPECT_EQ(ReadMaybeCompressed(kDir + "/kernel.symvers"), plain);
  TempDir dir;
  const std::string two = (dir.path() / "two-members").string();
  const std::string gz = ReadFile(kDir + "/kernel.symvers.gz");
  WriteFileAtomically(two, gz + gz);  // `cat a.gz b.gz`: gzip -d gives both
  EXPECT_EQ(ReadMaybeCompressed(two), plain + plain);
  EXPECT_EQ(ReadMaybeCompressed(kDir + "/modules/ok-xz.ko.xz"), ReadFile(kDir + "/modules/ok.ko"));
}

TEST(CheckModuleFile, WhatTheLoaderReads) {
  const ElfFile elf(kDir + "/modules/ok.ko");
  const ModuleFile m = ReadModuleFile(elf, "ok.ko");
  EXPECT_EQ(m.name, "ok");
  EXPECT_EQ(m.Modinfo("license"), "GPL");
  EXPECT_EQ(m.ModinfoAll("import_ns"), std::vector<std::string_view>{"KAPI_NS"});
  EXPECT_EQ(m.this_module_sections, 1u);
  EXPECT_EQ(m.this_module_size, 520u);
  EXPECT_TRUE(m.this_module_alloc);
  EXPECT_TRUE(m.has_debug_info);
  EXPECT_FALSE(m.exports_without_crcs);
  ASSERT_TRUE(m.versions.basic.has_value());
  std::set<std::string> versions, undefined;
  for (const BasicEntry& e : *m.versions.basic) versions.insert(e.name);
  for (const UndefinedSymbol& s : m.undefined) undefined.insert(s.name);
  EXPECT_EQ(versions, (std::set<std::string>{"_printk", "kapi_count", "kapi_in_ns", "kapi_open",
                                             "module_layout"}));
  EXPECT_EQ(undefined, (std::set<std::string>{"_printk", "kapi_count", "kapi_in_ns", "kapi_open"}));
}

TEST(CheckModuleFile, ModinfoParsing) {
  const auto tags = ParseModinfo(std::string_view("license=GPL\0\0\0noequals\0a=b=c\0x=", 31));
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(tags[0], (std::pair<std::string, std::string>{"license", "GPL"}));
  EXPECT_EQ(tags[1], (std::pair<std::string, std::string>{"a", "b=c"}));
  EXPECT_EQ(tags[2], (std::pair<std::string, std::string>{"x", ""}));
}

// Verdicts of every fixture module, as "module: kind:symbol ...".
std::map<std::string, std::string> Verdicts(const CheckResult& result) {
  std::map<std::string, std::string> out;
  for (const ModuleResult& m : result.modules) {
    std::string line = m.verdict.loads ? "loads" : "refused";
    for (const Problem& p : m.verdict.problems)
      line += fmt::format(" {}:{}", ProblemKindName(p.kind), p.symbol);
    for (const Problem& p : m.verdict.warnings)
      line += fmt::format(" warning:{}:{}", ProblemKindName(p.kind), p.symbol);
    if (m.error) line = "error " + *m.error;
    out[std::filesystem::path(m.path).filename().string()] = line;
  }
  return out;
}

TEST(CheckRun, EveryVerdictAgainstEachKernelInput) {
  const std::vector<ScanInput> modules = FindModules({kDir + "/modules"});
  ASSERT_EQ(modules.size(), 14u);
  const std::map<std::string, std::string> common = {
      {"gpl.ko", "refused gpl:kapi_gpl_only"},
      {"missing.ko", "refused missing:kapi_removed"},
      {"module-ns-other.ko", "refused namespace:kapi_for_kvm"},
      {"module-ns.ko", "loads"},
      {"namespace.ko", "refused namespace:kapi_in_ns"},
      {"no-version.ko", "loads warning:no_version:_printk"},
      {"ok-xz.ko.xz", "loads"},
      {"ok.ko", "loads"},
      {"old-foo.ko", "refused crc:kapi_open"},
      {"vermagic-release.ko", "loads"},
      {"weak.ko", "loads"},
  };
  // A Module.symvers knows neither vermagic, struct module nor licenses of
  // the exporting modules.
  std::map<std::string, std::string> symvers = common;
  symvers["inherit.ko"] = "loads";
  symvers["struct-module.ko"] = "loads";
  symvers["vermagic.ko"] = "loads";
  std::map<std::string, std::string> tree = common;
  tree["inherit.ko"] = "refused gpl:prov_plain";
  tree["struct-module.ko"] = "refused struct_module:";
  tree["vermagic.ko"] = "refused vermagic:";
  EXPECT_EQ(Verdicts(CheckModules(LoadKernel({kDir + "/kernel.symvers"}, Serial()), modules, {},
                                  Serial())),
            symvers);
  for (const char* dir : {"/kernel-6", "/kernel-7.1"})
    EXPECT_EQ(Verdicts(CheckModules(LoadKernel({kDir + dir}, Serial()), modules, {}, Serial())),
              tree)
        << dir;
}

TEST(CheckRun, SameReportWhateverTheThreads) {
  const KernelExports kernel = LoadKernel({kDir + "/kernel-7.1"}, Serial());
  const std::vector<ScanInput> modules = FindModules({kDir + "/modules"});
  CheckOptions options;
  options.kernel_symtypes = kDir + "/kernel.symtypes";
  Workers one(1), four(4);
  const CheckResult a = CheckModules(kernel, modules, options, one);
  const CheckResult b = CheckModules(kernel, modules, options, four);
  EXPECT_EQ(CheckJson(a, kernel), CheckJson(b, kernel));
  EXPECT_EQ(CheckText(a), CheckText(b));
}

TEST(CheckWhy, AnOlderStructIsTheCause) {
  CheckOptions options;
  options.kernel_symtypes = kDir + "/kernel.symtypes";
  const KernelExports kernel = LoadKernel({kDir + "/kernel.symvers"}, Serial());
  const CheckResult result =
      CheckModules(kernel, FindModules({kDir + "/modules/old-foo.ko"}), options, Serial());
  ASSERT_TRUE(result.crc_origin.has_value());
  EXPECT_TRUE(result.crc_origin->from_these_symtypes());
  EXPECT_EQ(result.crc_origin->sampled, result.crc_origin->agreeing);
  ASSERT_EQ(result.modules.size(), 1u);
  const ModuleResult& m = result.modules[0];
  ASSERT_EQ(m.whys.size(), 1u);
  const ImportWhy& why = m.whys[0];
  EXPECT_EQ(why.symbol, "kapi_open");
  EXPECT_EQ(why.status, WhyStatus::kExplained);
  ASSERT_EQ(why.causes.size(), 1u);
  EXPECT_EQ(why.causes[0].key, "s#foo");
  ASSERT_FALSE(why.causes[0].changes.empty());
  EXPECT_EQ(DescribeChange(why.causes[0].changes[0]),
            "member 'priv' (void *) added at offset 16 (size 8)");
  EXPECT_EQ(FormatPath(why.causes[0].path), "export kapi_open -> parameter 1 'f' -> struct foo");
  // The kernel's CRCs are those of its symtypes (made from DWARF).
  EXPECT_EQ(why.kernel_records_crc, m.verdict.problems[0].kernel_crc);
  EXPECT_TRUE(result.notes.empty());
}

TEST(CheckWhy, TheGenksymsTrapIsSaidOnce) {
  // A kernel whose CRCs are not those of its symtypes (every CRC changed, as
  // genksyms' differ from DWARF's): the verdicts stay exact, one note says so.
  TempDir dir;
  std::string text = ReadFile(kDir + "/kernel.symvers");
  std::string changed;
  for (size_t at = 0; at < text.size();) {
    const size_t end = text.find('\n', at);
    std::string line = text.substr(at, end - at);
    line.replace(2, 8, fmt::format("{:08x}", std::hash<std::string>{}(line)&0xffffffff));
    changed += line + "\n";
    at = end + 1;
  }
  const std::string path = (dir.path() / "genksyms.symvers").string();
  WriteFileAtomically(path, changed);
  CheckOptions options;
  options.kernel_symtypes = kDir + "/kernel.symtypes";
  const KernelExports kernel = LoadKernel({path}, Serial());
  const CheckResult result =
      CheckModules(kernel, FindModules({kDir + "/modules"}), options, Serial());
  ASSERT_TRUE(result.crc_origin.has_value());
  EXPECT_EQ(result.crc_origin->agreeing, 0u);
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_NE(result.notes[0].find("not made from the types in"), std::string::npos);
  size_t refused = 0, notes = 0;
  for (const ModuleResult& m : result.modules) {
    refused += !m.verdict.loads;
    for (const ImportWhy& why : m.whys) notes += !why.note.empty();
  }
  EXPECT_EQ(refused, 14u);  // module_layout's CRC changed too
  EXPECT_EQ(notes, 0u);     // no "types are equal" for each of them
  // old-foo's real difference is still shown.
  for (const ModuleResult& m : result.modules)
    for (const ImportWhy& why : m.whys)
      if (why.status == WhyStatus::kExplained) {
        EXPECT_EQ(why.causes[0].key, "s#foo");
      }
}

TEST(CheckWhy, WhatOneSideOnlyDeclaresIsNoCause) {
  // The exporter only declared struct foo: its CRC never covered the
  // members the module saw, so they are not why the CRCs differ.
  std::string text = ReadFile(kDir + "/kernel.symtypes");
  const size_t at = text.find("\ns#foo ");
  ASSERT_NE(at, std::string::npos);
  text.replace(at + 1, text.find('\n', at + 1) - at - 1, "s#foo structure_type foo { }");
  const Corpus declared = Corpus::FromText(text, "declared");
  ElfFile old_foo(kDir + "/modules/old-foo.ko");
  const std::vector<ImportWhy> whys =
      ExplainImports(old_foo, true, {"kapi_open"}, declared, Serial());
  ASSERT_EQ(whys.size(), 1u);
  EXPECT_EQ(whys[0].status, WhyStatus::kTypesEqual);
  EXPECT_TRUE(whys[0].causes.empty());
  // With the kernel's definition, struct foo is the cause.
  ElfFile again(kDir + "/modules/old-foo.ko");
  const std::vector<ImportWhy> defined =
      ExplainImports(again, true, {"kapi_open"},
                     Corpus::FromText(ReadFile(kDir + "/kernel.symtypes"), "defined"), Serial());
  ASSERT_EQ(defined[0].causes.size(), 1u);
  EXPECT_EQ(defined[0].causes[0].key, "s#foo");
}

TEST(CheckWhy, WithoutDebugInfoSayWhatIsMissing) {
  ElfFile ok(kDir + "/modules/ok.ko");
  const std::vector<ImportWhy> whys =
      ExplainImports(ok, false, {"kapi_open"}, Corpus::FromText("", "k"), Serial());
  ASSERT_EQ(whys.size(), 1u);
  EXPECT_EQ(whys[0].status, WhyStatus::kNoDebugInfo);
  EXPECT_NE(whys[0].note.find("no debug info"), std::string::npos);
}

}  // namespace
}  // namespace kcrc
