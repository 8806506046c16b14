#include "kcrc/render/die_map.h"

#include <algorithm>

namespace kcrc {

Rendering& DieMap::GetOrCreate(DieOffset offset, RenderState state) {
  if (std::optional<uint32_t> found = index_.Find(Key(offset, state))) return renderings_[*found];
  const auto index = static_cast<uint32_t>(renderings_.size());
  Rendering& rendering = renderings_.emplace_back();
  rendering.offset = offset;
  rendering.index = index;
  return rendering;
}

void DieMap::MarkFinished(const Rendering& rendering) {
  const uint64_t key = Key(rendering.offset, rendering.state);
  std::optional<uint32_t> found = index_.Find(key);
  // An outer rendering can finish after a newer, nested one of the same DIE.
  if (!found)
    index_.Insert(key, rendering.index);
  else if (*found < rendering.index)
    index_.Assign(key, rendering.index);
}

const Rendering* DieMap::Find(DieOffset offset, RenderState state) const {
  std::optional<uint32_t> found = index_.Find(Key(offset, state));
  return found ? &renderings_[*found] : nullptr;
}

const Rendering* DieMap::FindForFlattening(DieOffset offset) const {
  if (const Rendering* complete = Find(offset, RenderState::kComplete)) return complete;
  return Find(offset, RenderState::kUnexpanded);
}

std::vector<const Rendering*> DieMap::Sorted(bool (*keep)(const Rendering&)) const {
  // Sorting (key, creation index) pairs keeps the comparisons in one flat
  // array; the index makes equal keys keep creation order, as a stable sort.
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  keys.reserve(renderings_.size());
  for (const Rendering& rendering : renderings_)
    if (keep == nullptr || keep(rendering))
      keys.emplace_back(Key(rendering.offset, rendering.state), rendering.index);
  std::sort(keys.begin(), keys.end());
  std::vector<const Rendering*> sorted;
  sorted.reserve(keys.size());
  for (const auto& [key, index] : keys) sorted.push_back(&renderings_[index]);
  return sorted;
}

std::string_view DieMap::Store(std::string_view text) {
  char* copy = static_cast<char*>(arena_.allocate(text.size(), 1));
  std::copy(text.begin(), text.end(), copy);
  return {copy, text.size()};
}

}  // namespace kcrc

namespace kcrc {

std::span<const Fragment> DieMap::StoreFragments(std::span<const Fragment> fragments) {
  if (fragments.empty()) return {};
  void* copy = arena_.allocate(fragments.size_bytes(), alignof(Fragment));
  std::copy(fragments.begin(), fragments.end(), static_cast<Fragment*>(copy));
  return {static_cast<const Fragment*>(copy), fragments.size()};
}

}  // namespace kcrc
