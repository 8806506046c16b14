// The look of every command's --help: CLI11's layout, with text wrapped to
// 80 columns and option values shown by their names (`--jobs N`,
// `--format TYPE[:FILE]`) without CLI11's type words (TEXT, REQUIRED).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace kcrc::cli {

// Wraps each line of `text` at `width` columns (words longer than that stay
// whole); lines already broken by '\n' keep their breaks and indentation.
std::string WrapText(std::string_view text, size_t width);

class HelpFormatter : public CLI::Formatter {
 public:
  HelpFormatter() { column_width(28); }
  std::string make_description(const CLI::App* app) const override;
  std::string make_option_opts(const CLI::Option* option) const override;
  std::string make_option_desc(const CLI::Option* option) const override;
};

}  // namespace kcrc::cli
