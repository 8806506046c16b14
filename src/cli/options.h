// Options shared by several commands, and integer options whose errors say
// what is wrong in one line (`--jobs: value -1 is not a non-negative
// integer`), never CLI11's floating-point range.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace kcrc::cli {

// A validator for a decimal integer in [min, max]:
//   "value -1 is not a non-negative integer", "value 5000 is more than 4096",
//   "value 0 is less than 1".
CLI::Validator IntegerIn(uint64_t min, uint64_t max);

// `-j N`, `--jobs N`: threads, 0 (the default) for all cores.
CLI::Option* AddJobsOption(CLI::App& app, unsigned& jobs, const std::string& help);

// `--allow-empty`: for commands where an empty input can be legitimate.
CLI::Option* AddAllowEmptyOption(CLI::App& app, bool& allow, const std::string& help);

}  // namespace kcrc::cli
