// The engine's threads as the CLI sets them up. oneTBB's worker threads get
// the renderer's stack: that setting is process-wide (tbb::global_control),
// so only the CLI makes it, never the library. The Workers object is what the
// commands pass down (base/workers.h).
#pragma once

#include <tbb/global_control.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <thread>

#include "kcrc/base/workers.h"
#include "kcrc/render/renderer.h"

namespace kcrc::cli {

// The thread count of `-j 0` / `--jobs=0`: every core.
inline size_t AllCores() { return std::max(1u, std::thread::hardware_concurrency()); }

class EngineThreads {
 public:
  // threads: 0 for every core.
  explicit EngineThreads(size_t threads) : workers_(threads == 0 ? AllCores() : threads) {
    // One thread never starts oneTBB: nothing to set.
    if (workers_.threads() > 1)
      stack_.emplace(tbb::global_control::thread_stack_size, kRenderStackSize);
  }
  Workers& workers() { return workers_; }

 private:
  std::optional<tbb::global_control> stack_;  // before workers_: threads start after it
  Workers workers_;
};

}  // namespace kcrc::cli
