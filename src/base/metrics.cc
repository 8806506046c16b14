#include "kcrc/base/metrics.h"

#include <fmt/format.h>

namespace kcrc {

Metrics::Entry& Metrics::Find(std::string_view name, bool timer) {
  for (Entry& entry : entries_)
    if (entry.name == name && entry.timer == timer) return entry;
  Entry& entry = entries_.emplace_back();
  entry.name = name;
  entry.timer = timer;
  return entry;
}

void Metrics::AddTime(std::string_view name, std::chrono::nanoseconds elapsed) {
  const std::lock_guard<std::mutex> lock(mutex_);
  Entry& entry = Find(name, true);
  ++entry.runs;
  entry.nanoseconds += elapsed.count();
}

void Metrics::AddCount(std::string_view name, uint64_t count) {
  const std::lock_guard<std::mutex> lock(mutex_);
  Find(name, false).count += count;
}

std::string Metrics::Report() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  std::string text;
  for (const Entry& entry : entries_) {
    if (entry.timer)
      text += fmt::format("{}: {:.6f} s ({} {})\n", entry.name, entry.nanoseconds / 1e9, entry.runs,
                          entry.runs == 1 ? "run" : "runs");
    else
      text += fmt::format("{}: {}\n", entry.name, entry.count);
  }
  return text;
}

}  // namespace kcrc
