#include "kcrc/render/die_map.h"

#include <algorithm>

namespace kcrc {
namespace {

size_t DecimalDigits(uint64_t value) {
  size_t digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

}  // namespace

size_t NumberLength(NumberFormat format, uint64_t value) {
  const grammar::NumberFormatInfo& affixes = grammar::Info(format);
  return affixes.prefix.size() + DecimalDigits(value) + affixes.suffix.size();
}

size_t FormatNumber(NumberFormat format, uint64_t value, char* out) {
  const grammar::NumberFormatInfo& affixes = grammar::Info(format);
  char* at = std::copy(affixes.prefix.begin(), affixes.prefix.end(), out);
  const size_t digits = DecimalDigits(value);
  for (size_t i = digits; i > 0; --i) {
    at[i - 1] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  at += digits;
  at = std::copy(affixes.suffix.begin(), affixes.suffix.end(), at);
  return static_cast<size_t>(at - out);
}

const Rendering& DieMap::Add(Rendering&& rendering, bool list) {
  const auto position = static_cast<uint32_t>(renderings_.size());
  const Rendering& added = renderings_.emplace_back(std::move(rendering));
  const size_t slot = Slot(added);
  if (slot >= newest_.size()) newest_.resize(std::max(slot + 1, 2 * newest_.size()));
  // An outer rendering can finish after a newer, nested one of the same DIE.
  Newest& newest = newest_[slot];
  if (newest.position == 0 || renderings_[newest.position - 1].index < added.index) {
    newest.position = position + 1;
    // Lengths past 32 bits (none real) are left to the unit's end.
    std::optional<uint64_t> length;
    if (added.ref_key_length >= 0)
      length = static_cast<uint64_t>(added.ref_key_length);
    else if (added.ref_key_length == -1 && added.state == RenderState::kComplete)
      length = added.flattened_length;
    newest.child_length = length && *length < kUnknownChildLength ? static_cast<uint32_t>(*length)
                                                                  : kUnknownChildLength;
  }
  if (list) listed_.push_back({Key(added.offset, added.state), added.index, position});
  return added;
}

const DieMap::Newest* DieMap::NewestOf(uint32_t node, RenderState state) const {
  const size_t slot = Slot(node, state);
  if (slot >= newest_.size() || newest_[slot].position == 0) return nullptr;
  return &newest_[slot];
}

const DieMap::Newest* DieMap::NewestForFlattening(uint32_t node) const {
  if (const Newest* complete = NewestOf(node, RenderState::kComplete)) return complete;
  return NewestOf(node, RenderState::kUnexpanded);
}

const Rendering* DieMap::Find(uint32_t node, RenderState state) const {
  const Newest* newest = NewestOf(node, state);
  return newest ? &renderings_[newest->position - 1] : nullptr;
}

const Rendering* DieMap::FindForFlattening(uint32_t node) const {
  const Newest* newest = NewestForFlattening(node);
  return newest ? &renderings_[newest->position - 1] : nullptr;
}

std::optional<size_t> DieMap::FinalChildLength(uint32_t node) const {
  const Newest* newest = NewestForFlattening(node);
  if (newest == nullptr || newest->child_length == kUnknownChildLength) return std::nullopt;
  return newest->child_length;
}

std::vector<const Rendering*> DieMap::Listed() const {
  // Sorting (key, creation index) pairs keeps the comparisons in one flat
  // array; the index makes equal keys keep creation order, as a stable sort.
  std::vector<ListEntry> entries = listed_;
  std::sort(entries.begin(), entries.end(), [](const ListEntry& a, const ListEntry& b) {
    return a.key != b.key ? a.key < b.key : a.index < b.index;
  });
  std::vector<const Rendering*> sorted;
  sorted.reserve(entries.size());
  for (const ListEntry& entry : entries) sorted.push_back(&renderings_[entry.position]);
  return sorted;
}

std::span<const Fragment> DieMap::StoreFragments(std::span<const Fragment> fragments) {
  if (fragments.empty()) return {};
  void* copy = arena_.allocate(fragments.size_bytes(), alignof(Fragment));
  std::copy(fragments.begin(), fragments.end(), static_cast<Fragment*>(copy));
  return {static_cast<const Fragment*>(copy), fragments.size()};
}

}  // namespace kcrc
