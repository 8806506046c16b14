// `kcrc crc FILE [SYMBOL...]`: #SYMVER lines recomputed from symtypes alone.
#include <memory>
#include <unordered_map>

#include "commands.h"
#include "kcrc/base/input_file.h"
#include "kcrc/symtypes/consolidate.h"
#include "kcrc/symtypes/parser.h"
#include "kcrc/version/symtypes_versions.h"

namespace kcrc::cli {
namespace {

struct CrcArgs {
  std::string path;
  std::vector<std::string> symbols;
};

std::vector<SymbolVersion> ReadVersions(const std::string& path) {
  const std::string text = ReadFile(path);
  if (!IsConsolidated(text)) return VersionsFromSymtypes(ParseSymtypes(text, path), path);
  std::vector<SymbolVersion> versions;
  for (const SymtypesFile& file : Split(ParseConsolidated(text, path)))
    for (SymbolVersion& v : VersionsFromSymtypes(file.records, path + ":" + file.path))
      versions.push_back(std::move(v));
  return versions;
}

Runner SetupCrc(CLI::App& app) {
  auto args = std::make_shared<CrcArgs>();
  app.add_option("FILE", args->path, "plain or consolidated symtypes file")->required();
  app.add_option("SYMBOL", args->symbols,
                 "symbols to print, in this order (default: every symbol record); a symbol "
                 "without a record prints 0x00000000 and a warning, as gen does");
  return [args](CommandContext& context) {
    const std::vector<SymbolVersion> versions = ReadVersions(args->path);
    std::string out;
    if (args->symbols.empty()) {
      for (const SymbolVersion& v : versions) out += FormatSymver(v) + "\n";
    } else {
      std::unordered_map<std::string_view, uint32_t> by_name;
      for (const SymbolVersion& v : versions) by_name.emplace(v.name, v.crc);
      for (const std::string& name : args->symbols) {
        auto it = by_name.find(name);
        if (it == by_name.end()) context.Warn("no information for symbol " + name);
        out += FormatSymver({name, it == by_name.end() ? 0 : it->second}) + "\n";
      }
    }
    context.output().Write(kStdout, out);
    return kExitOk;
  };
}

}  // namespace

extern const Command kCrcCommand{
    .name = "crc",
    .summary = "recompute #SYMVER lines from a symtypes file",
    .description =
        "Recompute the #SYMVER lines of gen from a symtypes file alone (plain or "
        "consolidated): the CRCs gen printed when it wrote the file.",
    .examples =
        "  kcrc crc build/foo.symtypes\n"
        "  kcrc crc kabi/symtypes-default printk kmalloc\n",
    .exit_status = "0 ok (a symbol without a record only warns), 2 error.",
    .setup = SetupCrc,
};

}  // namespace kcrc::cli
