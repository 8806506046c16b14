#include "options.h"

#include <fmt/format.h>

#include <charconv>

#include "kcrc/base/printable.h"

namespace kcrc::cli {

CLI::Validator IntegerIn(uint64_t min, uint64_t max) {
  return CLI::Validator(
      [min, max](const std::string& text) -> std::string {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
          return fmt::format("value {} is not a non-negative integer", Printable(text));
        uint64_t value = 0;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec == std::errc::result_out_of_range || value > max)
          return fmt::format("value {} is more than {}", text, max);
        if (value < min) return fmt::format("value {} is less than {}", text, min);
        return "";
      },
      "");
}

CLI::Option* AddJobsOption(CLI::App& app, unsigned& jobs, const std::string& help) {
  return app.add_option("-j,--jobs", jobs, help)->type_name("N")->check(IntegerIn(0, 4096));
}

CLI::Option* AddAllowEmptyOption(CLI::App& app, bool& allow, const std::string& help) {
  return app.add_flag("--allow-empty", allow, help);
}

}  // namespace kcrc::cli
