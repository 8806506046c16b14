#include "help_formatter.h"

namespace kcrc::cli {
namespace {

constexpr size_t kWidth = 80;

// The column where a line's text goes on after a break: under the text after
// the first gap of two spaces ("  name  description"), else the indentation.
size_t HangingIndent(std::string_view line) {
  const size_t indent = std::min(line.find_first_not_of(' '), line.size());
  if (indent == 0) return 0;
  const size_t gap = line.find("  ", indent);
  if (gap == std::string_view::npos) return indent;
  return std::min(line.find_first_not_of(' ', gap), line.size());
}

void WrapLine(std::string_view line, size_t width, std::string& out) {
  const size_t hang = HangingIndent(line);
  bool first = true;
  while (true) {
    const size_t used = first ? 0 : hang;  // columns taken by the indentation
    if (used + line.size() <= width) break;
    // The last space that fits, past the hanging indent; else (a long word)
    // the first space after the word.
    size_t cut = line.rfind(' ', width > used ? width - used : 0);
    const size_t start = first ? hang : 0;
    if (cut == std::string_view::npos || cut <= start) cut = line.find(' ', start + 1);
    if (cut == std::string_view::npos) break;
    out += line.substr(0, cut);
    out += '\n';
    out += std::string(hang, ' ');
    line.remove_prefix(cut + 1);
    while (line.starts_with(' ')) line.remove_prefix(1);
    first = false;
  }
  out += line;
}

}  // namespace

std::string WrapText(std::string_view text, size_t width) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    WrapLine(text.substr(start, end - start), width, out);
    if (end == text.size()) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string HelpFormatter::make_description(const CLI::App* app) const {
  const std::string& text = app->get_description();
  return text.empty() ? std::string() : WrapText(text, kWidth) + "\n\n";
}

std::string HelpFormatter::make_option_opts(const CLI::Option* option) const {
  if (option->get_positional() || option->get_expected_max() == 0) return "";
  std::string out = " " + option->get_type_name();
  if (option->get_required()) out += " (required)";
  return out;
}

std::string HelpFormatter::make_option_desc(const CLI::Option* option) const {
  return WrapText(CLI::Formatter::make_option_desc(option), kWidth - get_column_width());
}

}  // namespace kcrc::cli
