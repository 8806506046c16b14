// The threads the engine may use, and the context a command passes down
// with them: diagnostics and metrics (mold's Context, STG's Processor).
//
// The owner (the CLI, a test) creates one Workers and hands it to the
// library; library code never sets process-wide thread settings. With one
// thread everything runs on the calling thread and oneTBB is never started
// (it costs a small module's run a measurable share of its start-up).
//
// REQUIREMENTS: threads that render need kRenderStackSize of stack (the
// renderer recurses as deep as types nest). oneTBB's worker stack size can
// only be set process-wide: the owner of the process sets it
// (tbb::global_control::thread_stack_size, src/cli/workers.h) and runs the
// calling thread with such a stack.
//
// GUARANTEES: Pipeline's ordered stages see the items in index order, one at
// a time, whatever the number of threads; with one thread (or width 1) each
// item passes every stage before the next item starts. An exception thrown by
// a stage stops the run and is rethrown to the caller.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace kcrc {

class Diagnostics;
class Metrics;

class Workers {
 public:
  // threads: at most this many threads run the engine's parallel passes
  // (the calling thread included); 0 is taken as 1.
  explicit Workers(size_t threads = 1);
  ~Workers();
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  size_t threads() const { return threads_; }

  // The calling thread's index among the threads of this Workers' passes,
  // in [0, threads()): per-thread state of a pass is indexed by it (two
  // threads never share an index while they run passes of this Workers).
  size_t CurrentSlot() const;

  // Calls fn(i) for every i in [0, count), one task per index (items that
  // differ in cost by orders of magnitude balance), on up to threads()
  // threads.
  void ForEach(size_t count, const std::function<void(size_t)>& fn);

  // Calls fn(begin, end) over contiguous ranges covering [0, count), of at
  // least `grain` items each, on up to threads() threads.
  void ForRanges(size_t count, size_t grain, const std::function<void(size_t, size_t)>& fn);

  struct Stage {
    bool ordered = false;  // items in index order, one at a time
    std::function<void(size_t item)> run;
  };
  // Runs items 0..count-1 through `stages`, each item through every stage in
  // turn, at most `width` items in flight (1: one item at a time, on the
  // calling thread). Unordered stages may run several items at once.
  void Pipeline(size_t count, size_t width, const std::vector<Stage>& stages);

 private:
  struct Arena;
  Arena& arena();
  size_t threads_;
  std::once_flag arena_once_;
  std::unique_ptr<Arena> arena_;  // created on first parallel use
};

// What a command passes down to the engine besides its options.
struct Context {
  Workers& workers;
  Diagnostics& diagnostics;
  Metrics* metrics = nullptr;  // null: no timing
};

}  // namespace kcrc
