#include "kcrc/scan/export_info.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "kcrc/base/error.h"
#include "kcrc/elf/elf_file.h"

namespace kcrc {
namespace {

constexpr std::string_view kKsymtab = "__ksymtab_";
constexpr std::string_view kKstrtabns = "__kstrtabns_";
constexpr std::string_view kExportSymbol = "__export_symbol_";

struct SectionKind {
  std::string_view section;  // after normalising ___ksymtab<x>+<name> to __ksymtab<x>
  std::string_view kind;
};
constexpr SectionKind kSectionKinds[] = {
    {"__ksymtab", "EXPORT_SYMBOL"},
    {"__ksymtab_gpl", "EXPORT_SYMBOL_GPL"},
    {"__ksymtab_gpl_future", "EXPORT_SYMBOL_GPL_FUTURE"},
    {"__ksymtab_unused", "EXPORT_UNUSED_SYMBOL"},
    {"__ksymtab_unused_gpl", "EXPORT_UNUSED_SYMBOL_GPL"},
};

// "___ksymtab_gpl+foo" (per-symbol sections of objects) -> "__ksymtab_gpl";
// linked modules and vmlinux have the merged "__ksymtab_gpl" already.
std::string_view NormaliseSection(std::string_view section) {
  if (section.starts_with("___ksymtab")) {
    section.remove_prefix(1);
    section = section.substr(0, section.find('+'));
  }
  return section;
}

std::optional<std::string_view> MaybeKind(std::string_view section) {
  section = NormaliseSection(section);
  for (const SectionKind& entry : kSectionKinds)
    if (entry.section == section) return entry.kind;
  return std::nullopt;
}

}  // namespace

std::vector<ExportInfo> ReadExportInfo(const ElfFile& object) {
  std::unordered_map<std::string_view, const ElfSymbol*> namespaces;
  for (const ElfSymbol& symbol : object.symbols()) {
    std::string_view name = symbol.name;
    if (name.starts_with(kKstrtabns) && name.size() > kKstrtabns.size())
      namespaces.emplace(name.substr(kKstrtabns.size()), &symbol);
  }
  std::vector<ExportInfo> exports;
  std::vector<ExportInfo> declared;  // __export_symbol_ (objects not linked yet)
  for (const ElfSymbol& symbol : object.symbols()) {
    std::string_view name = symbol.name;
    if (name.starts_with(kKsymtab) && name.size() > kKsymtab.size()) {
      name.remove_prefix(kKsymtab.size());
      const std::string section(object.SectionName(symbol.section));
      const std::optional<std::string_view> kind = MaybeKind(section);
      Check(kind.has_value(), "{}: symbol {} is in section '{}', not a __ksymtab section",
            object.path(), symbol.name, section);
      ExportInfo info{std::string(name), std::string(*kind), {}};
      auto ns = namespaces.find(name);
      if (ns != namespaces.end()) info.name_space = object.MaybeStringAt(*ns->second).value_or("");
      exports.push_back(std::move(info));
    } else if (name.starts_with(kExportSymbol) && name.size() > kExportSymbol.size()) {
      name.remove_prefix(kExportSymbol.size());
      ExportInfo info{std::string(name), "EXPORT_SYMBOL", {}};
      // "<license>\0<namespace>\0"
      if (std::optional<std::string> license = object.MaybeStringAt(symbol)) {
        if (*license == "GPL") info.kind = "EXPORT_SYMBOL_GPL";
        ElfSymbol next = symbol;
        next.value += license->size() + 1;
        info.name_space = object.MaybeStringAt(next).value_or("");
      }
      declared.push_back(std::move(info));
    }
  }
  // One entry per name; a __ksymtab_ entry (what the linked object exports)
  // wins over an __export_symbol_ one.
  exports.insert(exports.end(), declared.begin(), declared.end());
  std::stable_sort(exports.begin(), exports.end(),
                   [](const ExportInfo& a, const ExportInfo& b) { return a.name < b.name; });
  exports.erase(
      std::unique(exports.begin(), exports.end(),
                  [](const ExportInfo& a, const ExportInfo& b) { return a.name == b.name; }),
      exports.end());
  return exports;
}

}  // namespace kcrc
