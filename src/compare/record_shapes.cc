#include "kcrc/compare/record_shapes.h"

namespace kcrc {

RecordShapes::RecordShapes(const Corpus& corpus)
    : corpus_(corpus), slots_(std::make_unique<Slot[]>(corpus.record_count())) {}

const Shape& RecordShapes::Get(RecordId id) const {
  Slot& slot = slots_[id];
  std::call_once(slot.once, [&] { slot.shape = ParseShape(corpus_.text(id)); });
  return slot.shape;
}

const Shape* RecordShapes::MaybeLookup(FileId file, std::string_view key) const {
  const std::optional<RecordId> id = corpus_.MaybeLookup(file, key);
  return id ? &Get(*id) : nullptr;
}

ShapeScope RecordShapes::Scope(FileId file) const {
  return ShapeScope([this, file](std::string_view key) { return MaybeLookup(file, key); });
}

}  // namespace kcrc
