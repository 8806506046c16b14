// kcrc versions: prints the version tables of built modules.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli_parse.h"
#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/elf/module_versions.h"
#include "kcrc/modversions/name_index.h"
#include "kcrc/modversions/versions_report.h"

namespace kcrc::cli {
namespace {

enum class Format { kText, kJson };

std::string TableHelp() {
  std::string help = "which table to print:";
  for (const VersionsTableInfo& info : kVersionsTables)
    help += "\n  " + std::string(info.name) + ": " + std::string(info.help);
  return help;
}

}  // namespace

int RunVersions(int argc, char** argv) {
  CLI::App app(
      "Print the version tables of built modules as `0x%08x<TAB>name` lines, like\n"
      "modprobe --dump-modversions, or as JSON. The extended tables are validated as\n"
      "the kernel loader validates them.",
      "kcrc versions");
  std::vector<std::string> files;
  std::string names_path;
  std::string table_name = "basic";
  std::string format_name = "text";
  std::vector<std::string> table_names;
  for (const VersionsTableInfo& info : kVersionsTables) table_names.emplace_back(info.name);
  app.add_option("--table", table_name, TableHelp())
      ->check(CLI::IsMember(table_names))
      ->capture_default_str();
  app.add_option("--format", format_name, "output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--names", names_path,
                 "names to decode hashed entries with: a Module.symvers or one name a line");
  app.add_option("FILE", files, "modules (.ko) or objects")->required();
  app.footer(
      "Example:\n"
      "  kcrc versions --names Module.symvers rust_hello.ko\n"
      "  0x5c3c7387\t_printk\n"
      "  0x3b2a1c0d\t_RNvNtNtCs1cdwasc6FUb_6kernel5print14format_strings4INFO");
  if (std::optional<int> status = ParseArgs(app, argc, argv)) return *status;
  VersionsTable table = VersionsTable::kBasic;
  for (const VersionsTableInfo& info : kVersionsTables)
    if (info.name == table_name) table = info.table;
  const Format format = format_name == "json" ? Format::kJson : Format::kText;

  std::optional<NameIndex> names;
  try {
    if (!names_path.empty()) names = ReadNameIndex(names_path);
  } catch (const Error& error) {
    std::fprintf(stderr, "kcrc versions: %s\n", error.what());
    return 2;
  }
  const NameIndex* index = names ? &*names : nullptr;
  int status = 0;
  nlohmann::json json = nlohmann::json::array();
  for (const std::string& file : files) {
    try {
      ModuleVersions module = ReadModuleVersions(file);
      for (const std::string& warning : module.warnings)
        std::fprintf(stderr, "kcrc versions: %s: warning: %s\n", file.c_str(), warning.c_str());
      if (format == Format::kJson) {
        json.push_back(VersionsJson(module, index));
        continue;
      }
      std::string text = VersionsText(module, table, index);
      if (files.size() > 1) std::printf("%s:\n", file.c_str());
      std::fwrite(text.data(), 1, text.size(), stdout);
    } catch (const Error& error) {
      std::fprintf(stderr, "kcrc versions: %s\n", error.what());
      status = 2;
    }
  }
  if (format == Format::kJson) {
    // Names are bytes, not necessarily UTF-8: invalid sequences become U+FFFD.
    std::string text = json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    std::printf("%s\n", text.c_str());
  }
  return status;
}

}  // namespace kcrc::cli
