// The shapes of a corpus's records, each parsed on first use and kept, and
// the scope a file of the corpus sees them in (shape/scope.h).
//
// USAGE: one RecordShapes per Corpus, living no longer than it; Get and
// Scope are thread-safe. (To become the record store's per-record slot.)
#pragma once

#include <memory>
#include <mutex>

#include "kcrc/compare/corpus.h"
#include "kcrc/shape/scope.h"
#include "kcrc/shape/shape.h"

namespace kcrc {

class RecordShapes {
 public:
  explicit RecordShapes(const Corpus& corpus);

  const Corpus& corpus() const { return corpus_; }
  const Shape& Get(RecordId id) const;
  // The shape of what `key` names in `file`'s scope, or null.
  const Shape* MaybeLookup(FileId file, std::string_view key) const;
  ShapeScope Scope(FileId file) const;

 private:
  struct Slot {
    std::once_flag once;
    Shape shape;
  };
  const Corpus& corpus_;
  std::unique_ptr<Slot[]> slots_;
};

}  // namespace kcrc
