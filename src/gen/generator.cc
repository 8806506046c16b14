#include "kcrc/gen/generator.h"

#include <fmt/format.h>

#include <optional>
#include <utility>

#include "gen/export_list.h"
#include "gen/generate_object.h"
#include "gen/tuning.h"
#include "kcrc/base/error.h"
#include "kcrc/base/metrics.h"
#include "kcrc/gen/kabi_checks.h"

namespace kcrc {
namespace {

// For each symbol this object versioned with --stable: its CRC then and
// without the rules and conventions (a second run of the object).
std::string ReportOnObject(const ObjectInput& object, const std::vector<std::string>& names,
                           const ExportList& stable, const ObjectOutput& stable_output,
                           const GenTuning& tuning, const Context& context) {
  GenOptions plain_options;
  plain_options.symtypes = true;
  NullDiagnostics quiet;
  ExportList plain(names);
  // The same handles: a relocatable file's bytes are relocated already.
  const ObjectOutput plain_output =
      GenerateObject({object.elf, object.dwarf, 0}, plain, plain_options, tuning,
                     {context.workers, quiet, nullptr});
  std::vector<KabiReportSymbol> symbols;
  for (uint32_t i = 0; i < stable.size(); ++i) {
    const ExportSymbol& symbol = stable[i];
    if (symbol.object != object.index || !symbol.crc || !plain[i].crc) continue;
    symbols.push_back({symbol.name, *symbol.crc, *plain[i].crc});
  }
  return KabiReport({object.elf.path(), stable_output.rules, stable_output.conventions}, symbols,
                    stable_output.types, plain_output.types);
}

}  // namespace

Generator::Generator(std::vector<std::string> exports, GenOptions options, const Context& context,
                     const GenTuning* tuning)
    : names_(exports),
      options_(options),
      context_(context),
      tuning_(std::make_unique<GenTuning>(tuning ? *tuning : GenTuning())),
      exports_(std::make_unique<ExportList>(std::move(exports))) {}

Generator::~Generator() = default;

void Generator::ProcessObject(const std::string& path) {
  std::optional<ElfFile> elf;
  {
    // Open: the ELF file, read or mapped once and validated (its errors
    // name it).
    ScopedTimer timer(context_.metrics, "gen: open");
    elf.emplace(path);
  }
  ProcessObject(*elf);
}

void Generator::ProcessObject(ElfFile& elf) {
  const int index = objects_++;
  try {
    std::optional<DwarfFile> dwarf;
    {
      // DWARF: libdwfl reads the file's bytes (relocations applied), the
      // units are listed.
      ScopedTimer timer(context_.metrics, "gen: DWARF");
      dwarf.emplace(elf);
    }
    const ObjectInput object{elf, *dwarf, index};
    ObjectOutput output = GenerateObject(object, *exports_, options_, *tuning_, context_);
    symtypes_ += output.symtypes;
    for (std::string& finding : output.kabi_findings) kabi_findings_.push_back(std::move(finding));
    if (options_.stable && options_.kabi_report) {
      // kABI report: this object again without --stable, compared.
      ScopedTimer timer(context_.metrics, "gen: kABI report");
      kabi_report_ += ReportOnObject(object, names_, *exports_, output, *tuning_, context_);
    }
  } catch (Error& e) {
    // Every error names the object: the parsers of rule values and the type
    // map do not know it (e.g. "get_ulong_value: invalid unsigned value").
    e.SetFileIfUnset(elf.path());
    throw;
  }
}

std::vector<ExportVersion> Generator::Versions() const { return exports_->Versions(); }

std::string NoInformationWarning(const std::string& name) {
  return "symbol_print_versions: no information for symbol " + name;
}

std::string SymverText(const std::vector<ExportVersion>& versions, Diagnostics& diagnostics) {
  std::string text;
  for (const ExportVersion& version : versions) {
    if (!version.crc) diagnostics.Warning(NoInformationWarning(version.name));
    text += fmt::format("#SYMVER {} 0x{:08x}\n", version.name, version.crc.value_or(0));
  }
  return text;
}

}  // namespace kcrc
