// kcrc versions: prints the version tables of built modules.
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

struct VersionsArgs {
  std::vector<std::string> files;
  std::string names_path;
  std::string table_name = "basic";
  std::string format_name = "text";
};

int PrintVersions(const VersionsArgs& args, CommandContext& context) {
  VersionsTable table = VersionsTable::kBasic;
  for (const VersionsTableInfo& info : kVersionsTables)
    if (info.name == args.table_name) table = info.table;
  const Format format = args.format_name == "json" ? Format::kJson : Format::kText;
  std::optional<NameIndex> names;
  if (!args.names_path.empty()) names = ReadNameIndex(args.names_path);
  const NameIndex* index = names ? &*names : nullptr;

  // One module's error does not hide the others: it is printed, the others
  // are still printed, and the status is 2.
  int status = kExitOk;
  std::string text;
  nlohmann::json json = nlohmann::json::array();
  for (const std::string& file : args.files) {
    try {
      ModuleVersions module = ReadModuleVersions(file);
      for (const std::string& warning : module.warnings) context.Warn(file + ": " + warning);
      if (format == Format::kJson) {
        json.push_back(VersionsJson(module, index));
        continue;
      }
      if (args.files.size() > 1) text += file + ":\n";
      text += VersionsText(module, table, index);
    } catch (const Error& error) {
      context.ReportError(error);
      status = kExitError;
    }
  }
  // Names are bytes, not necessarily UTF-8: invalid sequences become U+FFFD.
  if (format == Format::kJson)
    text = json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  context.output().Write(kStdout, text);
  context.output().Commit();
  return status;
}

Runner SetupVersions(CLI::App& app) {
  auto args = std::make_shared<VersionsArgs>();
  std::vector<std::string> table_names;
  for (const VersionsTableInfo& info : kVersionsTables) table_names.emplace_back(info.name);
  app.add_option("--table", args->table_name, TableHelp())
      ->check(CLI::IsMember(table_names))
      ->capture_default_str();
  app.add_option("--format", args->format_name, "output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--names", args->names_path,
                 "names to decode hashed entries with: a Module.symvers or one name a line");
  app.add_option("FILE", args->files, "modules (.ko) or objects")->required();
  return [args](CommandContext& context) { return PrintVersions(*args, context); };
}

}  // namespace

extern const Command kVersionsCommand{
    .name = "versions",
    .summary = "read the version tables of built modules",
    .description =
        "Print the version tables of built modules as `0x%08x<TAB>name` lines, like modprobe "
        "--dump-modversions, or as JSON. The extended tables are validated as the kernel "
        "loader validates them.",
    .examples =
        "  kcrc versions --names Module.symvers rust_hello.ko\n"
        "  0x5c3c7387\t_printk\n"
        "  0x3b2a1c0d\t_RNvNtNtCs1cdwasc6FUb_6kernel5print14format_strings4INFO\n",
    .exit_status = "0 ok, 2 error (the other modules are still printed).",
    .setup = SetupVersions,
};

}  // namespace kcrc::cli
