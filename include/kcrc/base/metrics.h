// Scoped timers and counters of the engine's stages, which `--metrics`
// prints (architecture.md §5: each step of a pipeline has one).
//
// USAGE
//   Metrics metrics;
//   {
//     ScopedTimer timer(&metrics, "gen: units");  // a null Metrics* costs nothing
//     ...
//   }
//   metrics.AddCount("gen: exports", n);
//   std::string text = metrics.Report();
//
// GUARANTEES: thread-safe (scan times the stages of several objects at
// once: their times and counts add up). Report() lists the entries in the
// order they were first used.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace kcrc {

class Metrics {
 public:
  // Adds one timed run of `name`.
  void AddTime(std::string_view name, std::chrono::nanoseconds elapsed);
  // Adds `count` to the counter `name`.
  void AddCount(std::string_view name, uint64_t count);

  // One line per entry: "<name>: <seconds> s (<runs> runs)" for a timer,
  // "<name>: <count>" for a counter.
  std::string Report() const;

 private:
  struct Entry {
    std::string name;
    bool timer = false;
    uint64_t runs = 0;
    int64_t nanoseconds = 0;
    uint64_t count = 0;
  };
  Entry& Find(std::string_view name, bool timer);

  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

// Times its scope into `metrics` (wall-clock time) unless it is null.
class ScopedTimer {
 public:
  ScopedTimer(Metrics* metrics, std::string_view name)
      : metrics_(metrics), name_(name), start_(metrics ? Clock::now() : Clock::time_point()) {}
  ~ScopedTimer() {
    if (metrics_) metrics_->AddTime(name_, Clock::now() - start_);
  }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  using Clock = std::chrono::steady_clock;
  Metrics* metrics_;
  std::string_view name_;
  Clock::time_point start_;
};

}  // namespace kcrc
