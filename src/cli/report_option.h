// `--format=TYPE[:FILE]`, repeatable: the one report option of every command
// with reports (compare, compare --symvers, check). The command keeps its own
// table of formats (architecture.md guideline 11) and the reports go through
// the command's Output (output.h), so that they are written all or nothing.
//
// USAGE
//   constexpr Format kFormats[] = {{"text", "...", TextReport}, ...};
//   struct Args { ReportOption reports{kFormats, "text"}; ... };
//   // setup:
//   args->reports.AddOption(app);
//   // run, before any work:
//   const std::vector<ReportRequest> requests = args->reports.Begin();
//   ... compare ...
//   for (const ReportRequest& request : requests)
//     context.output().Write(request.path, kFormats[request.format].render(result));
//   // or, where several formats to one destination are rendered together
//   // (ksymvers interleaves them): for (const ReportGroup& group : GroupReports(requests))
//
// RULES
//   - TYPE is one of the table's names, else the option error
//     `--format: unknown format 'x' (expected text, short, json or symbols)`.
//   - `TYPE:` with an empty FILE is an option error; FILE may contain ':'.
//     FILE `-` is stdout.
//   - ReportStyle::kAdd (kcrc's commands): every --format adds a report,
//     `TYPE` alone on stdout; without any, the default format on stdout.
//   - ReportStyle::kStdoutReplaced (compare --symvers, as ksymvers): there
//     is always one report on stdout, of the default format; a bare `TYPE`
//     replaces its format (the last one wins), `TYPE:FILE` adds a report.
//   - Begin() checks every FILE's directory is writable (Output::Reserve),
//     so that an unwritable destination fails before any work.
#pragma once

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc::cli {

struct FormatChoice {
  std::string_view name;
  std::string_view description;
};

struct ReportRequest {
  size_t format;     // index into the command's table
  std::string path;  // kStdout: standard output
};

// The requests to one destination, formats in the order given.
struct ReportGroup {
  std::string path;
  std::vector<size_t> formats;
};

enum class ReportStyle { kAdd, kStdoutReplaced };

class ReportOption {
 public:
  ReportOption() = default;
  ReportOption(std::vector<FormatChoice> choices, std::string_view default_format,
               ReportStyle style = ReportStyle::kAdd);
  // From a table of rows with `name` and `description` (or `summary`).
  template <typename Row, size_t N>
  ReportOption(const Row (&table)[N], std::string_view default_format,
               ReportStyle style = ReportStyle::kAdd)
      : ReportOption(Choices(table), default_format, style) {}

  // Adds the option (`names`: "--format" or "-f,--format") to `app`, its
  // help listing the formats.
  CLI::Option* AddOption(CLI::App& app, const std::string& names = "--format");

  // The requests (see RULES), every FILE checked for writability; throws an
  // Error naming an unwritable one.
  std::vector<ReportRequest> Begin() const;

  // "" when `spec` is a valid TYPE[:FILE], else the option error's text
  // (for CLI11's check()).
  std::string Validate(const std::string& spec) const;

 private:
  template <typename Row, size_t N>
  static std::vector<FormatChoice> Choices(const Row (&table)[N]) {
    std::vector<FormatChoice> choices;
    for (const Row& row : table) {
      if constexpr (requires { row.description; })
        choices.push_back({row.name, row.description});
      else
        choices.push_back({row.name, row.summary});
    }
    return choices;
  }
  ReportRequest Parse(const std::string& spec) const;

  std::vector<FormatChoice> choices_;
  size_t default_format_ = 0;
  ReportStyle style_ = ReportStyle::kAdd;
  std::vector<std::string> specs_;
};

// The requests grouped by destination, in the order of first appearance.
std::vector<ReportGroup> GroupReports(const std::vector<ReportRequest>& requests);

}  // namespace kcrc::cli
