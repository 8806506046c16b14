#include "gen/export_list.h"

#include <utility>

#include "kcrc/exports/symbol_list.h"

namespace kcrc {

ExportList::ExportList(std::vector<std::string> names) : hash_order_(ReferenceHashOrder(names)) {
  symbols_.resize(names.size());
  hash_rank_.resize(names.size());
  for (uint32_t rank = 0; rank < hash_order_.size(); ++rank) hash_rank_[hash_order_[rank]] = rank;
  for (uint32_t i = 0; i < names.size(); ++i) {
    symbols_[i].name = std::move(names[i]);
    by_name_.Insert(symbols_[i].name, i);
  }
}

std::vector<ExportVersion> ExportList::Versions() const {
  std::vector<ExportVersion> versions;
  versions.reserve(symbols_.size());
  for (uint32_t index : hash_order_)
    versions.push_back({symbols_[index].name, symbols_[index].crc});
  return versions;
}

}  // namespace kcrc
