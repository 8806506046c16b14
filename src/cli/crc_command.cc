// `kcrc crc FILE [SYMBOL...]`: #SYMVER lines recomputed from symtypes alone.
#include <cstdio>
#include <unordered_map>

#include "commands.h"
#include "kcrc/base/atomic_file.h"
#include "kcrc/symtypes/consolidate.h"
#include "kcrc/symtypes/parser.h"
#include "kcrc/version/symtypes_versions.h"
#include "output.h"

namespace kcrc::cli {

int RunCrc(int argc, char** argv) {
  CLI::App app("Recompute the #SYMVER lines of gen from a symtypes file alone.", "kcrc crc");
  std::string path;
  std::vector<std::string> symbols;
  app.add_option("FILE", path, "plain or consolidated symtypes file")->required();
  app.add_option("SYMBOL", symbols,
                 "symbols to print, in this order (default: every symbol record); a symbol "
                 "without a record prints 0x00000000 and a warning, as gen does");
  int exit_code = 0;
  if (!ParseArgs(app, argc, argv, exit_code)) return exit_code;
  return Guarded("crc", [&] {
    const std::string text = ReadFile(path);
    std::vector<SymbolVersion> versions;
    if (IsConsolidated(text)) {
      for (const SymtypesFile& file : Split(ParseConsolidated(text, path)))
        for (SymbolVersion& v : VersionsFromSymtypes(file.records, path + ":" + file.path))
          versions.push_back(std::move(v));
    } else {
      versions = VersionsFromSymtypes(ParseSymtypes(text, path), path);
    }
    std::string out;
    if (symbols.empty()) {
      for (const SymbolVersion& v : versions) out += FormatSymver(v) + "\n";
    } else {
      std::unordered_map<std::string_view, uint32_t> by_name;
      for (const SymbolVersion& v : versions) by_name.emplace(v.name, v.crc);
      for (const std::string& name : symbols) {
        auto it = by_name.find(name);
        if (it == by_name.end())
          std::fprintf(stderr, "warning: kcrc crc: no information for symbol %s\n", name.c_str());
        out += FormatSymver({name, it == by_name.end() ? 0 : it->second}) + "\n";
      }
    }
    WriteOutput("", out);
    return 0;
  });
}

}  // namespace kcrc::cli
