#include "report_option.h"

#include <algorithm>

#include "kcrc/base/error.h"
#include "output.h"

namespace kcrc::cli {

ReportOption::ReportOption(std::vector<FormatChoice> choices, std::string_view default_format,
                           ReportStyle style)
    : choices_(std::move(choices)), style_(style) {
  for (size_t i = 0; i < choices_.size(); ++i)
    if (choices_[i].name == default_format) default_format_ = i;
}

CLI::Option* ReportOption::AddOption(CLI::App& app, const std::string& names) {
  const std::string_view fallback = choices_[default_format_].name;
  std::string help =
      style_ == ReportStyle::kAdd
          ? fmt::format(
                "write a report of TYPE to FILE (stdout without :FILE or with FILE -); "
                "repeatable; default {} on stdout. TYPE is one of:",
                fallback)
          : fmt::format(
                "the report on stdout ({} by default) is of TYPE; TYPE:FILE adds a "
                "report to FILE (- is stdout); repeatable. TYPE is one of:",
                fallback);
  size_t width = 0;
  for (const FormatChoice& choice : choices_) width = std::max(width, choice.name.size());
  for (const FormatChoice& choice : choices_)
    help += fmt::format("\n  {:<{}}  {}", choice.name, width, choice.description);
  return app.add_option(names, specs_, help)
      ->type_name("TYPE[:FILE]")
      ->allow_extra_args(false)
      ->check([this](const std::string& spec) { return Validate(spec); });
}

std::string ReportOption::Validate(const std::string& spec) const {
  const size_t colon = spec.find(':');
  const std::string_view name = std::string_view(spec).substr(0, colon);
  bool known = false;
  for (const FormatChoice& choice : choices_) known |= choice.name == name;
  if (!known) {
    std::string expected;
    for (size_t i = 0; i < choices_.size(); ++i) {
      if (i != 0) expected += i + 1 == choices_.size() ? " or " : ", ";
      expected += choices_[i].name;
    }
    return fmt::format("unknown format '{}' (expected {})", name, expected);
  }
  if (colon != std::string::npos && colon + 1 == spec.size())
    return fmt::format("empty file name in '{}'", spec);
  return "";
}

ReportRequest ReportOption::Parse(const std::string& spec) const {
  const size_t colon = spec.find(':');
  const std::string_view name = std::string_view(spec).substr(0, colon);
  size_t format = 0;
  while (format < choices_.size() && choices_[format].name != name) ++format;
  Check(format < choices_.size(), "--format: {}", Validate(spec));
  const std::string path = colon == std::string::npos ? "" : spec.substr(colon + 1);
  return {format, Output::StdoutOrFile(path)};
}

std::vector<ReportRequest> ReportOption::Begin() const {
  std::vector<ReportRequest> requests;
  if (style_ == ReportStyle::kStdoutReplaced) {
    requests.push_back({default_format_, std::string(kStdout)});
    for (const std::string& spec : specs_) {
      ReportRequest request = Parse(spec);
      if (spec.find(':') == std::string::npos)
        requests.front().format = request.format;  // a bare TYPE: the stdout report's
      else
        requests.push_back(std::move(request));
    }
  } else {
    for (const std::string& spec : specs_) requests.push_back(Parse(spec));
    if (requests.empty()) requests.push_back({default_format_, std::string(kStdout)});
  }
  for (const ReportRequest& request : requests) Output::Reserve(request.path);
  return requests;
}

std::vector<ReportGroup> GroupReports(const std::vector<ReportRequest>& requests) {
  std::vector<ReportGroup> groups;
  for (const ReportRequest& request : requests) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const ReportGroup& group) { return group.path == request.path; });
    if (it == groups.end()) it = groups.insert(groups.end(), {request.path, {}});
    it->formats.push_back(request.format);
  }
  return groups;
}

}  // namespace kcrc::cli
