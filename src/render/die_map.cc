#include "kcrc/render/die_map.h"

#include <algorithm>

namespace kcrc {

Rendering& DieMap::GetOrCreate(DieOffset offset, RenderState state) {
  const uint64_t key = Key(offset, state);
  const std::optional<uint32_t> newest = newest_.Find(key);
  for (uint32_t index = newest.value_or(kNone); index != kNone; index = older_[index])
    if (renderings_[index].state == state) return renderings_[index];
  const uint32_t index = static_cast<uint32_t>(renderings_.size());
  older_.push_back(newest.value_or(kNone));
  newest_.Assign(key, index);
  Rendering& rendering = renderings_.emplace_back();
  rendering.offset = offset;
  return rendering;
}

const Rendering* DieMap::Find(DieOffset offset, RenderState state) const {
  const std::optional<uint32_t> newest = newest_.Find(Key(offset, state));
  for (uint32_t index = newest.value_or(kNone); index != kNone; index = older_[index])
    if (renderings_[index].state == state) return &renderings_[index];
  return nullptr;
}

const Rendering* DieMap::FindForFlattening(DieOffset offset) const {
  if (const Rendering* complete = Find(offset, RenderState::kComplete)) return complete;
  return Find(offset, RenderState::kUnexpanded);
}

std::vector<const Rendering*> DieMap::Sorted() const {
  std::vector<const Rendering*> sorted;
  sorted.reserve(renderings_.size());
  for (const Rendering& rendering : renderings_) sorted.push_back(&rendering);
  // By DIE offset, then state, then creation order.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Rendering* a, const Rendering* b) {
    return Key(a->offset, a->state) < Key(b->offset, b->state);
  });
  return sorted;
}

std::string_view DieMap::Store(std::string text) {
  arena_.push_back(std::move(text));
  return arena_.back();
}

}  // namespace kcrc
