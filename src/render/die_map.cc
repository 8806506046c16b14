#include "kcrc/render/die_map.h"

#include <algorithm>

namespace kcrc {

Rendering& DieMap::GetOrCreate(DieOffset offset, RenderState state) {
  auto [it, inserted] = newest_.try_emplace(Key(offset, state), Rendering::kNone);
  for (uint32_t index = it->second; index != Rendering::kNone; index = renderings_[index].previous)
    if (renderings_[index].state == state) return renderings_[index];
  Rendering& rendering = renderings_.emplace_back();
  rendering.offset = offset;
  rendering.previous = it->second;
  it->second = static_cast<uint32_t>(renderings_.size() - 1);
  return rendering;
}

const Rendering* DieMap::Find(DieOffset offset, RenderState state) const {
  auto it = newest_.find(Key(offset, state));
  if (it == newest_.end()) return nullptr;
  for (uint32_t index = it->second; index != Rendering::kNone; index = renderings_[index].previous)
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
