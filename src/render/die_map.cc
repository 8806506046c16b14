#include "kcrc/render/die_map.h"

#include <algorithm>

namespace kcrc {
namespace {

struct NumberAffixes {
  std::string_view prefix;
  std::string_view suffix;
};

NumberAffixes AffixesOf(NumberFormat format) {
  switch (format) {
    case NumberFormat::kByteSize:
      return {" byte_size(", ")"};
    case NumberFormat::kEncoding:
      return {" encoding(", ")"};
    case NumberFormat::kAlignment:
      return {" alignment(", ")"};
    case NumberFormat::kAccessibility:
      return {" accessibility(", ")"};
    case NumberFormat::kBitSize:
      return {" bit_size(", ")"};
    case NumberFormat::kDataBitOffset:
      return {" data_bit_offset(", ")"};
    case NumberFormat::kDataMemberLocation:
      return {" data_member_location(", ")"};
    case NumberFormat::kDiscrValue:
      return {" discr_value(", ")"};
    case NumberFormat::kSubscript:
      return {"[", "]"};
    case NumberFormat::kPlain:
      break;
  }
  return {"", ""};
}

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
  const NumberAffixes affixes = AffixesOf(format);
  return affixes.prefix.size() + DecimalDigits(value) + affixes.suffix.size();
}

size_t FormatNumber(NumberFormat format, uint64_t value, char* out) {
  const NumberAffixes affixes = AffixesOf(format);
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

Rendering& DieMap::GetOrCreate(const DieNode& node, RenderState state) {
  if (const Rendering* found = Find(node.id, state)) return renderings_[found->index];
  const auto index = static_cast<uint32_t>(renderings_.size());
  Rendering& rendering = renderings_.emplace_back();
  rendering.offset = node.offset;
  rendering.node = node.id;
  rendering.index = index;
  return rendering;
}

void DieMap::MarkFinished(const Rendering& rendering) {
  const size_t slot = Slot(rendering);
  if (slot >= newest_.size()) newest_.resize(std::max(slot + 1, 2 * newest_.size()), 0);
  // An outer rendering can finish after a newer, nested one of the same DIE.
  if (newest_[slot] < rendering.index + 1) newest_[slot] = rendering.index + 1;
}

const Rendering* DieMap::Find(uint32_t node, RenderState state) const {
  const size_t slot = Slot(node, state);
  if (slot >= newest_.size() || newest_[slot] == 0) return nullptr;
  return &renderings_[newest_[slot] - 1];
}

const Rendering* DieMap::FindForFlattening(uint32_t node) const {
  if (const Rendering* complete = Find(node, RenderState::kComplete)) return complete;
  return Find(node, RenderState::kUnexpanded);
}

std::vector<const Rendering*> DieMap::Listed() const {
  // Sorting (key, creation index) pairs keeps the comparisons in one flat
  // array; the index makes equal keys keep creation order, as a stable sort.
  std::vector<std::pair<uint64_t, uint32_t>> keys = listed_;
  std::sort(keys.begin(), keys.end());
  std::vector<const Rendering*> sorted;
  sorted.reserve(keys.size());
  for (const auto& [key, index] : keys) sorted.push_back(&renderings_[index]);
  return sorted;
}

std::span<const Fragment> DieMap::StoreFragments(std::span<const Fragment> fragments) {
  if (fragments.empty()) return {};
  void* copy = arena_.allocate(fragments.size_bytes(), alignof(Fragment));
  std::copy(fragments.begin(), fragments.end(), static_cast<Fragment*>(copy));
  return {static_cast<const Fragment*>(copy), fragments.size()};
}

}  // namespace kcrc
