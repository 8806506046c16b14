// Knobs of the engine that change no output, for tests that force a path on
// small inputs (tests/gen_modes_test.cc). Not part of the public options.
#pragma once

#include <cstddef>

namespace kcrc {

struct GenTuning {
  // Replay cached renderings even when that cannot change the output (see
  // Renderer::ProcessCached).
  bool always_replay = false;
  // Units of one object go through the pipeline in parallel only for an
  // object of at least this many units that is not relocatable (0: any
  // object).
  size_t parallel_min_units = 64;
  // With threads, an object's symbols are versioned in parallel when there
  // are at least this many (0: always).
  size_t parallel_min_versions = 256;
};

}  // namespace kcrc
