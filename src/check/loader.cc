#include "kcrc/check/loader.h"

#include <fmt/format.h>

#include <algorithm>

namespace kcrc {
namespace {

constexpr uint16_t kElfRelocatable = 1;  // ET_REL
constexpr uint16_t kMachine386 = 3;      // EM_386
constexpr uint16_t kMachineX8664 = 62;   // EM_X86_64
constexpr std::string_view kNoName = "(missing .modinfo section or name field)";

enum class Lookup { kMatch, kMismatch, kNoEntry, kNoTable };

struct VersionLookup {
  Lookup result = Lookup::kNoTable;
  std::optional<uint64_t> module_crc;
  bool extended = false;
};

// check_version's search: the extended table when the module has one, else
// __versions; names compared with strcmp (a hashed entry's stored name is
// "sha256", so it never matches).
VersionLookup LookUpVersion(const ModuleFile& module, std::string_view name, uint32_t crc) {
  VersionLookup lookup;
  auto found = [&](uint64_t module_crc) {
    lookup.module_crc = module_crc;
    lookup.result = module_crc == crc ? Lookup::kMatch : Lookup::kMismatch;
  };
  if (const auto& extended = module.versions.extended) {
    lookup.extended = true;
    lookup.result = Lookup::kNoEntry;
    for (const ImportVersion& entry : *extended)
      if (entry.name == name) return found(entry.crc), lookup;
    return lookup;
  }
  if (!module.versions.basic) return lookup;
  lookup.result = Lookup::kNoEntry;
  for (const BasicEntry& entry : *module.versions.basic)
    if (entry.name == name) return found(entry.crc), lookup;
  return lookup;
}

// verify_module_namespace (6.16+): "module:<pattern>,<pattern>..." grants
// in-tree modules whose name matches a pattern (a trailing '*' is a glob).
bool ModuleNamespaceGrants(std::string_view name_space, std::string_view module_name) {
  constexpr std::string_view kPrefix = "module:";
  if (!name_space.starts_with(kPrefix)) return false;
  name_space.remove_prefix(kPrefix.size());
  while (!name_space.empty()) {
    const size_t comma = name_space.find(',');
    std::string_view pattern = name_space.substr(0, comma);
    name_space = comma == std::string_view::npos ? "" : name_space.substr(comma + 1);
    const bool glob = !pattern.empty() && pattern.back() == '*';
    if (glob) pattern.remove_suffix(1);
    if (module_name.substr(0, pattern.size()) == pattern &&
        (glob || pattern.size() == module_name.size()))
      return true;
  }
  return false;
}

// same_magic: "First part is kernel version, which we ignore if module has crcs."
bool SameMagic(std::string_view a, std::string_view b, bool has_crcs) {
  if (has_crcs) {
    a.remove_prefix(std::min(a.find(' '), a.size()));
    b.remove_prefix(std::min(b.find(' '), b.size()));
  }
  return a == b;
}

std::string Hex(uint64_t crc) { return fmt::format("0x{:08x}", crc); }

class Judge {
 public:
  Judge(const ModuleFile& module, const KernelExports& kernel, const LoaderOptions& options)
      : module_(module), kernel_(kernel), options_(options), name_(module.name) {}

  ModuleVerdict Run() {
    CheckElf();
    CheckModuleLayout();
    CheckVermagic();
    CheckOwnExports();
    ResolveSymbols();
    // The CRC the module carries for each import named, whatever the problem.
    for (std::vector<Problem>* list : {&verdict_.problems, &verdict_.warnings})
      for (Problem& problem : *list)
        if (!problem.symbol.empty() && !problem.module_crc)
          problem.module_crc = LookUpVersion(module_, problem.symbol, 0).module_crc;
    verdict_.loads = verdict_.problems.empty();
    return std::move(verdict_);
  }

 private:
  static Problem Make(ProblemKind kind, std::string symbol, std::vector<std::string> log,
                      std::string detail) {
    Problem problem{kind, std::move(symbol)};
    problem.loader_log = std::move(log);
    problem.detail = std::move(detail);
    return problem;
  }
  Problem& Refuse(ProblemKind kind, std::string symbol, std::vector<std::string> log,
                  std::string detail) {
    verdict_.problems.push_back(Make(kind, std::move(symbol), std::move(log), std::move(detail)));
    return verdict_.problems.back();
  }
  Problem& Warn(ProblemKind kind, std::string symbol, std::vector<std::string> log,
                std::string detail) {
    verdict_.warnings.push_back(Make(kind, std::move(symbol), std::move(log), std::move(detail)));
    return verdict_.warnings.back();
  }
  static void Describe(Problem& problem, const KernelExport& e) {
    problem.exporter = e.module;
    problem.export_kind = e.kind;
    problem.name_space = e.name_space;
    problem.kernel_crc = e.crc;
  }
  std::string Unknown(std::string_view symbol, int err) const {
    return fmt::format("{}: Unknown symbol {} (err {})", name_, symbol, err);
  }

  void CheckElf() {
    // Messages of this step name the module by .modinfo only.
    const std::optional<std::string_view> modinfo_name = module_.Modinfo("name");
    const std::string_view name = modinfo_name ? *modinfo_name : kNoName;
    if (module_.file_type != kElfRelocatable) {
      Refuse(ProblemKind::kFormat, "",
             {fmt::format("Invalid ELF header type: {} != {}", module_.file_type, kElfRelocatable)},
             "not a relocatable object (ET_REL), as modules are");
    }
    if (module_.symbol_tables != 1) {
      Refuse(ProblemKind::kFormat, "", {fmt::format("{}: module has no symbols (stripped?)", name)},
             fmt::format("the loader wants exactly one symbol table; the module has {}",
                         module_.symbol_tables));
    }
    const std::string section = fmt::format("module {}: .gnu.linkonce.this_module", name);
    if (module_.this_module_sections != 1) {
      Refuse(
          ProblemKind::kFormat, "",
          {fmt::format("module {}: Only one .gnu.linkonce.this_module section must exist.", name)},
          fmt::format("the module has {} (modpost writes its struct module there)",
                      module_.this_module_sections));
    } else if (module_.this_module_nobits) {
      Refuse(ProblemKind::kFormat, "", {section + " section must have a size set"}, "");
    } else if (!module_.this_module_alloc) {
      Refuse(ProblemKind::kFormat, "", {section + " must occupy memory during process execution"},
             "");
    } else if (const std::optional<uint64_t>& size = kernel_.module_struct_size();
               size && *size != module_.this_module_size) {
      Refuse(
          ProblemKind::kStructModule, "",
          {section + " section size must match the kernel's built struct module size at run time"},
          fmt::format("the module's struct module is {} bytes, the kernel's {}: it was built "
                      "for another configuration of the kernel",
                      module_.this_module_size, *size));
    }
  }

  // check_version for `symbol`: false when the loader refuses it here.
  bool CheckVersion(const std::string& symbol, const KernelExport& e, bool then_unknown) {
    if (!e.crc) return true;  // "Exporting module didn't supply crcs? OK"
    const VersionLookup lookup = LookUpVersion(module_, symbol, *e.crc);
    std::vector<std::string> log;
    switch (lookup.result) {
      case Lookup::kMatch:
        return true;
      case Lookup::kMismatch: {
        log.push_back(fmt::format("{}: disagrees about version of symbol {}", name_, symbol));
        if (then_unknown) log.push_back(Unknown(symbol, -22));
        Problem& problem =
            Refuse(ProblemKind::kCrc, symbol, std::move(log),
                   fmt::format("the module was built against CRC {}, the kernel's {} is {}",
                               Hex(*lookup.module_crc), symbol, Hex(*e.crc)));
        Describe(problem, e);
        problem.module_crc = lookup.module_crc;
        return false;
      }
      case Lookup::kNoTable: {
        // try_to_force_load without --force: refused, silently.
        if (then_unknown) log.push_back(Unknown(symbol, -22));
        Describe(Refuse(ProblemKind::kCrc, symbol, std::move(log),
                        "the module has no __versions table (built without "
                        "CONFIG_MODVERSIONS?); the kernel has CRCs and refuses it unless "
                        "loaded with modprobe --force"),
                 e);
        return false;
      }
      case Lookup::kNoEntry:
        break;
    }
    const std::string what = lookup.extended ? "extended symbol version" : "symbol version";
    log.push_back(fmt::format("{}: no {} for {}", name_, what, symbol));
    if (options_.refuse_missing_versions && !lookup.extended) {
      if (then_unknown) log.push_back(Unknown(symbol, -22));
      Describe(Refuse(ProblemKind::kNoVersion, symbol, std::move(log),
                      "the module has no CRC for it, and this kernel refuses that (Debian's "
                      "\"Disable matching missing version CRC\")"),
               e);
      return false;
    }
    Describe(Warn(ProblemKind::kNoVersion, symbol, std::move(log),
                  "the module has no CRC for it: the loader warns (once) and loads it"),
             e);
    return true;
  }

  void CheckModuleLayout() {
    // check_modstruct_version; module_layout is exported by every kernel
    // with modules, but a partial Module.symvers may lack it.
    if (const KernelExport* e = kernel_.Find("module_layout"))
      CheckVersion("module_layout", *e, /*then_unknown=*/false);
  }

  void CheckVermagic() {
    const std::optional<std::string>& kernel_magic = kernel_.vermagic();
    const std::optional<std::string_view> magic = module_.Modinfo("vermagic");
    if (!magic) {
      const std::string detail =
          "the module has no vermagic in .modinfo: the loader refuses it unless loaded with "
          "modprobe --force";
      if (kernel_magic) {
        Refuse(ProblemKind::kVermagic, "", {}, detail);
      } else {
        Warn(ProblemKind::kVermagic, "", {}, detail);
      }
      return;
    }
    if (!kernel_magic) return;
    const bool has_crcs = module_.versions.basic.has_value();
    if (SameMagic(*magic, *kernel_magic, has_crcs)) return;
    Refuse(ProblemKind::kVermagic, "",
           {fmt::format("{}: version magic '{}' should be '{}'", name_, *magic, *kernel_magic)},
           has_crcs ? "they differ beyond the release (compared from the first space on, as "
                      "the module has __versions)"
                    : "they differ (compared whole: the module has no __versions)");
  }

  void CheckOwnExports() {
    if (!module_.exports_without_crcs || !kernel_.has_crcs()) return;
    Refuse(ProblemKind::kFormat, "", {fmt::format("{}: no versions for exported symbols", name_)},
           "the module exports symbols without CRCs (__ksymtab without __kcrctab) to a kernel "
           "with CONFIG_MODVERSIONS");
  }

  bool Proprietary() const {
    // module_license_taint_check, and two names the loader taints by name.
    const std::optional<std::string_view> license = module_.Modinfo("license");
    return !license || !LicenseIsGplCompatible(*license) || name_ == "driverloader" ||
           name_ == "lve";
  }

  std::string LicenseText() const {
    if (!tainted_by_.empty())
      return fmt::format("the module took the proprietary taint of {} by using its symbols",
                         tainted_by_);
    const std::optional<std::string_view> license = module_.Modinfo("license");
    return license ? fmt::format("the module's license '{}' is not GPL-compatible", *license)
                   : "the module has no license (\"unspecified\" is not GPL-compatible)";
  }

  bool Imports(std::string_view name_space) const {
    for (std::string_view imported : module_.ModinfoAll("import_ns"))
      if (imported == name_space) return true;
    return false;
  }

  void ResolveSymbols() {
    // inherit_taint taints the module when it uses a proprietary module's
    // symbol; from then on GPL-only exports are hidden from it too.
    bool proprietary = Proprietary();
    const bool x86 = module_.machine == kMachine386 || module_.machine == kMachineX8664;
    bool using_gpl_only = false;
    for (const UndefinedSymbol& symbol : module_.undefined) {
      const KernelExport* e = kernel_.Find(symbol.name);
      const bool found = e && !(proprietary && e->gpl_only());
      if (!found) {
        if (symbol.weak || (x86 && symbol.name == "_GLOBAL_OFFSET_TABLE_")) continue;
        if (e) {
          Describe(Refuse(ProblemKind::kGpl, symbol.name, {Unknown(symbol.name, -2)},
                          fmt::format("{} is {}, and {}", symbol.name, e->kind, LicenseText())),
                   *e);
        } else {
          Refuse(ProblemKind::kMissing, symbol.name, {Unknown(symbol.name, -2)},
                 "the kernel does not export it");
        }
        continue;
      }
      if (e->gpl_only()) using_gpl_only = true;
      const bool from_proprietary = e->owner_proprietary && e->module != "vmlinux";
      if (from_proprietary && !using_gpl_only && !proprietary) {
        proprietary = true;
        tainted_by_ = e->module;
      }
      if (from_proprietary && using_gpl_only) {
        if (symbol.weak) continue;  // inherit_taint leaves it NULL: a weak one stays 0
        Describe(Refuse(ProblemKind::kGpl, symbol.name,
                        {fmt::format("{}: module using GPL-only symbols uses symbols {} from "
                                     "proprietary module {}.",
                                     name_, symbol.name, e->module),
                         Unknown(symbol.name, -2)},
                        fmt::format("{} comes from {}, whose license is not GPL-compatible",
                                    symbol.name, e->module)),
                 *e);
        continue;
      }
      if (!CheckVersion(symbol.name, *e, /*then_unknown=*/true)) continue;
      const std::string& ns = e->name_space;
      if (ns.empty() || Imports(ns)) continue;
      if (module_.Modinfo("intree") && ModuleNamespaceGrants(ns, name_)) continue;
      Describe(Refuse(ProblemKind::kNamespace, symbol.name,
                      {fmt::format("{}: module uses symbol ({}) from namespace {}, but does not "
                                   "import it.",
                                   name_, symbol.name, ns),
                       Unknown(symbol.name, -22)},
                      fmt::format("add MODULE_IMPORT_NS(\"{}\") to the module (import_ns={} in "
                                  ".modinfo)",
                                  ns, ns)),
               *e);
    }
  }

  const ModuleFile& module_;
  const KernelExports& kernel_;
  const LoaderOptions& options_;
  const std::string& name_;
  std::string tainted_by_;  // the proprietary module whose taint it inherited
  ModuleVerdict verdict_;
};

}  // namespace

std::string_view ProblemKindName(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kCrc:
      return "crc";
    case ProblemKind::kMissing:
      return "missing";
    case ProblemKind::kGpl:
      return "gpl";
    case ProblemKind::kNamespace:
      return "namespace";
    case ProblemKind::kVermagic:
      return "vermagic";
    case ProblemKind::kStructModule:
      return "struct_module";
    case ProblemKind::kFormat:
      return "format";
    case ProblemKind::kNoVersion:
      return "no_version";
  }
  return "?";
}

bool LicenseIsGplCompatible(std::string_view license) {
  constexpr std::string_view kCompatible[] = {
      "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL",
  };
  return std::find(std::begin(kCompatible), std::end(kCompatible), license) !=
         std::end(kCompatible);
}

ModuleVerdict JudgeModule(const ModuleFile& module, const KernelExports& kernel,
                          const LoaderOptions& options) {
  return Judge(module, kernel, options).Run();
}

}  // namespace kcrc
