#include "kcrc/render/die_map.h"

#include <algorithm>

namespace kcrc {

Rendering& DieMap::GetOrCreate(DieOffset offset, RenderState state) {
  std::vector<uint32_t>& list = index_[Key(offset, state)];
  for (auto it = list.rbegin(); it != list.rend(); ++it)
    if (renderings_[*it].state == state) return renderings_[*it];
  list.push_back(static_cast<uint32_t>(renderings_.size()));
  Rendering& rendering = renderings_.emplace_back();
  rendering.offset = offset;
  return rendering;
}

const Rendering* DieMap::Find(DieOffset offset, RenderState state) const {
  auto it = index_.find(Key(offset, state));
  if (it == index_.end()) return nullptr;
  for (auto index = it->second.rbegin(); index != it->second.rend(); ++index)
    if (renderings_[*index].state == state) return &renderings_[*index];
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
