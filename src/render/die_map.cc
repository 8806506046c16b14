#include "kcrc/render/die_map.h"

#include <algorithm>

namespace kcrc {

Rendering& DieMap::GetOrCreate(DieOffset offset, RenderState state) {
  auto it = index_.find(Key(offset, state));
  if (it != index_.end()) return renderings_[it->second];
  const auto index = static_cast<uint32_t>(renderings_.size());
  Rendering& rendering = renderings_.emplace_back();
  rendering.offset = offset;
  rendering.index = index;
  return rendering;
}

void DieMap::MarkFinished(const Rendering& rendering) {
  auto [it, inserted] = index_.try_emplace(Key(rendering.offset, rendering.state), rendering.index);
  // An outer rendering can finish after a newer, nested one of the same DIE.
  if (!inserted && it->second < rendering.index) it->second = rendering.index;
}

const Rendering* DieMap::Find(DieOffset offset, RenderState state) const {
  auto it = index_.find(Key(offset, state));
  return it == index_.end() ? nullptr : &renderings_[it->second];
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
