// `kcrc compare --symvers [--rules=FILE] [--format=FORMAT[:FILE]]... REF NEW`:
// compares two Module.symvers files like suse-kabi-tools' `ksymvers compare`.
// Exit status: 0 no change or every change tolerated, 1 changes not tolerated,
// 2 error.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "commands.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/severity.h"
#include "kcrc/compare/symvers.h"
#include "kcrc/report/symvers_report.h"

namespace kcrc::cli {
namespace {

constexpr const char* kProgram = "kcrc compare";

struct Output {
  SymversFormat format;
  std::string path;  // empty: stdout
};

std::string FormatNames() {
  std::string names;
  for (const SymversFormatInfo& info : kSymversFormats) {
    if (!names.empty()) names += '|';
    names += info.name;
  }
  return names;
}

std::string FormatHelp() {
  std::string help = "Report format, FORMAT[:FILE] (repeatable; default pretty to stdout):";
  for (const SymversFormatInfo& info : kSymversFormats)
    help += fmt::format("\n  {:<12} {}", info.name, info.summary);
  return help;
}

// "short:out.txt" -> {kShort, "out.txt"}; the format name has no ':', the file may.
Output ParseOutput(const std::string& spec) {
  const size_t colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  const std::optional<SymversFormat> format = MaybeParseSymversFormat(name);
  Check(format.has_value(), "unknown format '{}' (expected {})", name, FormatNames());
  Output output{*format, colon == std::string::npos ? std::string() : spec.substr(colon + 1)};
  Check(colon == std::string::npos || !output.path.empty(), "empty file name in --format={}", spec);
  return output;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  Check(out.is_open(), "cannot create '{}'", path);
  out << text;
  out.close();
  Check(!out.fail(), "cannot write '{}'", path);
}

}  // namespace

int RunCompareSymvers(int argc, char** argv) {
  CLI::App app{
      "Compare two Module.symvers files: report changed, added and removed exports "
      "and whether severity rules tolerate them.",
      "kcrc compare --symvers"};
  bool symvers = false;
  std::string rules_path;
  std::vector<std::string> format_specs;
  std::string reference_path;
  std::string current_path;
  app.add_flag("--symvers", symvers, "Compare Module.symvers files (required)")->required();
  app.add_option("--rules", rules_path,
                 "Severity rules: '<pattern> PASS|FAIL' lines, first match wins, default FAIL");
  app.add_option("--format", format_specs, FormatHelp())->type_name("FORMAT[:FILE]");
  app.add_option("REF", reference_path, "Reference Module.symvers (the kABI freeze)")->required();
  app.add_option("NEW", current_path, "New Module.symvers")->required();
  app.footer(
      "Exit status: 0 no change or all tolerated, 1 changes not tolerated, 2 error.\n"
      "See docs/symvers-compare.md.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "%s: error: %s\nRun `%s --symvers --help` for usage.\n", kProgram,
                 e.what(), kProgram);
    return 2;
  }

  try {
    std::vector<Output> outputs;
    for (const std::string& spec : format_specs) outputs.push_back(ParseOutput(spec));
    if (outputs.empty()) outputs.push_back({SymversFormat::kPretty, ""});

    // Inputs: rules first, so that a bad rules file is reported before the
    // (larger) symvers files are read.
    std::optional<SeverityRules> rules;
    if (!rules_path.empty()) rules = SeverityRules::Read(rules_path);
    const Symvers reference = ReadSymvers(reference_path);
    const Symvers current = ReadSymvers(current_path);

    // Compare, then render every requested format.
    const SymversComparison comparison =
        CompareSymvers(reference, current, rules ? &*rules : nullptr);
    // A file named by several --format options gets their reports in order.
    std::vector<std::pair<std::string, std::string>> files;
    std::string to_stdout;
    for (const Output& output : outputs) {
      std::string text = RenderSymversReport(comparison, output.format);
      if (output.path.empty()) {
        to_stdout += text;
        continue;
      }
      auto it = std::find_if(files.begin(), files.end(),
                             [&](const auto& file) { return file.first == output.path; });
      if (it == files.end()) {
        files.emplace_back(output.path, std::move(text));
      } else {
        it->second += text;
      }
    }
    for (const auto& [path, text] : files) WriteFile(path, text);
    std::fwrite(to_stdout.data(), 1, to_stdout.size(), stdout);
    if (std::fflush(stdout) != 0) Fail("cannot write to stdout");
    return comparison.HasIntolerableChanges() ? 1 : 0;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s: error: %s\n", kProgram, e.what());
    return 2;
  }
}

}  // namespace kcrc::cli
