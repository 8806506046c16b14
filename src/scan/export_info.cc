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
constexpr std::string_view kCrc = "__crc_";
constexpr std::string_view kFlags = "__flags_";
constexpr std::string_view kPlain = "EXPORT_SYMBOL";
constexpr std::string_view kGpl = "EXPORT_SYMBOL_GPL";

// KSYM_FLAG_GPL_ONLY of include/linux/module_symbol.h (7.1).
constexpr uint8_t kFlagGplOnly = 1;

struct SectionKind {
  std::string_view section;  // after normalising ___ksymtab<x>+<name> to __ksymtab<x>
  std::string_view kind;
};
constexpr SectionKind kSectionKinds[] = {
    {"__ksymtab", kPlain},
    {"__ksymtab_gpl", kGpl},
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

constexpr uint32_t kAbsoluteSection = 0xfff1;   // SHN_ABS
constexpr uint32_t kReservedSections = 0xff00;  // SHN_LORESERVE

// The `size` bytes a symbol points to in its section, as stored (the value
// is an address in linked files, an offset in relocatable ones).
std::optional<std::string_view> BytesAt(const ElfFile& object, const ElfSymbol& symbol,
                                        size_t size) {
  if (symbol.section == 0 || symbol.section >= kReservedSections) return std::nullopt;
  const std::vector<ElfSection>& sections = object.sections();
  auto section = std::find_if(sections.begin(), sections.end(),
                              [&](const ElfSection& s) { return s.index == symbol.section; });
  if (section == sections.end() || symbol.value < section->address) return std::nullopt;
  const uint64_t offset = symbol.value - section->address;
  if (offset > section->bytes.size() || section->bytes.size() - offset < size) return std::nullopt;
  return section->bytes.substr(offset, size);
}

// The symbols named <prefix><export>, by export name.
using ByName = std::unordered_map<std::string_view, const ElfSymbol*>;

void Collect(const ElfSymbol& symbol, std::string_view prefix, ByName& into) {
  std::string_view name = symbol.name;
  if (name.starts_with(prefix) && name.size() > prefix.size())
    into.emplace(name.substr(prefix.size()), &symbol);
}

std::optional<uint32_t> MaybeCrc(const ElfFile& object, const ElfSymbol& symbol) {
  if (symbol.section == kAbsoluteSection) return static_cast<uint32_t>(symbol.value);
  const std::optional<std::string_view> bytes = BytesAt(object, symbol, 4);
  if (!bytes) return std::nullopt;
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) {
    const size_t index = object.target().endian == Endian::kBig ? i : 3 - i;
    value = (value << 8) | static_cast<uint8_t>((*bytes)[index]);
  }
  return value;
}

}  // namespace

bool IsGplOnlyKind(std::string_view kind) {
  return kind == kGpl || kind == "EXPORT_UNUSED_SYMBOL_GPL";
}

std::vector<ExportInfo> ReadExportInfo(const ElfFile& object) {
  ByName namespaces, crcs, flags;
  for (const ElfSymbol& symbol : object.symbols()) {
    Collect(symbol, kKstrtabns, namespaces);
    Collect(symbol, kCrc, crcs);
    Collect(symbol, kFlags, flags);
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
      ExportInfo info{std::string(name), std::string(*kind), {}, {}};
      if (auto ns = namespaces.find(name); ns != namespaces.end())
        info.name_space = object.MaybeStringAt(*ns->second).value_or("");
      if (auto flag = flags.find(name); flag != flags.end()) {
        const std::optional<std::string_view> byte = BytesAt(object, *flag->second, 1);
        Check(byte.has_value(), "{}: symbol {} does not point to its flags byte", object.path(),
              flag->second->name);
        info.kind = (static_cast<uint8_t>((*byte)[0]) & kFlagGplOnly) ? kGpl : kPlain;
      }
      if (auto crc = crcs.find(name); crc != crcs.end()) info.crc = MaybeCrc(object, *crc->second);
      exports.push_back(std::move(info));
    } else if (name.starts_with(kExportSymbol) && name.size() > kExportSymbol.size()) {
      name.remove_prefix(kExportSymbol.size());
      ExportInfo info{std::string(name), std::string(kPlain), {}, {}};
      // "<license>\0<namespace>\0"
      if (std::optional<std::string> license = object.MaybeStringAt(symbol)) {
        if (*license == "GPL") info.kind = kGpl;
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
