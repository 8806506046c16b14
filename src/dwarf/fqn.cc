#include "kcrc/dwarf/fqn.h"

#include <algorithm>
#include <numeric>

namespace kcrc {
namespace {

bool PassesPrefix(int tag) {
  return tag == DW_TAG_namespace || tag == DW_TAG_class_type || tag == DW_TAG_structure_type;
}

constexpr uint32_t kNoPrefix = UINT32_MAX;

}  // namespace

void FqnTable::AddUnit(NodeSource& file, const UnitInfo& unit) {
  // In C units the pass cannot qualify any name that is used: gcc and clang
  // put named types at unit or block scope, never inside a struct (only
  // anonymous structs and unions, and members, whose qualified names are
  // never printed). Skipping them skips the walk of every DIE of the unit.
  if (IsCLanguage(unit.language)) return;
  // passed[d] is the prefix (index into prefixes_) the DIE at depth d passes
  // to its children.
  std::vector<uint32_t> passed;
  file.WalkUnit(
      unit,
      [&](DieOffset offset, int tag, const char* name, bool has_children, int depth) {
        passed.resize(static_cast<size_t>(depth));
        const uint32_t prefix = depth > 0 ? passed[depth - 1] : kNoPrefix;
        const bool passes = PassesPrefix(tag);
        uint32_t pass = kNoPrefix;
        if (prefix != kNoPrefix && (passes || name)) {
          if (name) {
            if (!offsets_.empty() && offset < offsets_.back()) sorted_ = false;
            offsets_.push_back(offset);
            prefix_of_.push_back(prefix);
          }
          if (passes && has_children) {
            prefixes_.push_back(prefixes_[prefix] + "::" + (name ? name : "<anonymous>"));
            pass = static_cast<uint32_t>(prefixes_.size() - 1);
          }
        } else if (name && passes && has_children) {
          prefixes_.emplace_back(name);
          pass = static_cast<uint32_t>(prefixes_.size() - 1);
        }
        if (has_children) passed.push_back(pass);
      },
      IsCLanguage(unit.language));
  if (sorted_) return;
  // DIEs come in offset order within a unit; units given out of order need
  // a sort to keep lookups binary searches.
  std::vector<size_t> order(offsets_.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return offsets_[a] < offsets_[b]; });
  std::vector<DieOffset> offsets(order.size());
  std::vector<uint32_t> prefix_of(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    offsets[i] = offsets_[order[i]];
    prefix_of[i] = prefix_of_[order[i]];
  }
  offsets_ = std::move(offsets);
  prefix_of_ = std::move(prefix_of);
  sorted_ = true;
}

std::string_view FqnTable::Fqn(const DieNode& node) const {
  std::string_view name = node.name ? *node.name : std::string_view();
  if (!node.name || offsets_.empty()) return name;
  auto built = built_.find(node.offset);
  if (built != built_.end()) return built->second;
  auto it = std::lower_bound(offsets_.begin(), offsets_.end(), node.offset);
  if (it == offsets_.end() || *it != node.offset) return name;
  const uint32_t prefix = prefix_of_[it - offsets_.begin()];
  std::string& qualified = built_[node.offset];
  qualified = prefixes_[prefix] + "::" + std::string(name);
  return qualified;
}

}  // namespace kcrc
