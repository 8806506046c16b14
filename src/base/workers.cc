#include "kcrc/base/workers.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>

namespace kcrc {

struct Workers::Arena {
  explicit Arena(size_t threads) : arena(static_cast<int>(threads)) {}
  tbb::task_arena arena;
};

Workers::Workers(size_t threads) : threads_(std::max<size_t>(threads, 1)) {}

Workers::~Workers() = default;

Workers::Arena& Workers::arena() {
  // Tasks of a parallel pass may start nested passes (scan's objects, each
  // with its units): the first creation must not race.
  std::call_once(arena_once_, [&] { arena_ = std::make_unique<Arena>(threads_); });
  return *arena_;
}

size_t Workers::CurrentSlot() const {
  if (threads_ == 1) return 0;
  const int slot = tbb::this_task_arena::current_thread_index();
  // Outside any arena (a one-item pass on the owner's thread): 0, which no
  // other thread holds then.
  return slot < 0 ? 0 : std::min(static_cast<size_t>(slot), threads_ - 1);
}

void Workers::ForEach(size_t count, const std::function<void(size_t)>& fn) {
  if (threads_ == 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  arena().arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<size_t>(0, count, 1),
        [&](const tbb::blocked_range<size_t>& range) {
          for (size_t i = range.begin(); i != range.end(); ++i) fn(i);
        },
        tbb::simple_partitioner());
  });
}

void Workers::ForRanges(size_t count, size_t grain, const std::function<void(size_t, size_t)>& fn) {
  if (count == 0) return;
  if (threads_ == 1) {
    fn(0, count);
    return;
  }
  arena().arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<size_t>(0, count, std::max<size_t>(grain, 1)),
        [&](const tbb::blocked_range<size_t>& range) { fn(range.begin(), range.end()); });
  });
}

void Workers::Pipeline(size_t count, size_t width, const std::vector<Stage>& stages) {
  if (threads_ == 1 || width <= 1) {
    for (size_t item = 0; item < count; ++item)
      for (const Stage& stage : stages) stage.run(item);
    return;
  }
  size_t next = 0;
  tbb::filter<void, size_t> chain = tbb::make_filter<void, size_t>(
      tbb::filter_mode::serial_in_order, [&](tbb::flow_control& control) -> size_t {
        if (next == count) {
          control.stop();
          return 0;
        }
        return next++;
      });
  for (const Stage& stage : stages) {
    const std::function<void(size_t)>& run = stage.run;
    chain =
        chain & tbb::make_filter<size_t, size_t>(
                    stage.ordered ? tbb::filter_mode::serial_in_order : tbb::filter_mode::parallel,
                    [&run](size_t item) {
                      run(item);
                      return item;
                    });
  }
  tbb::filter<void, void> pipeline =
      chain & tbb::make_filter<size_t, void>(tbb::filter_mode::parallel, [](size_t) {});
  arena().arena.execute([&] { tbb::parallel_pipeline(width, pipeline); });
}

}  // namespace kcrc
