// The exports one gen run versions, across all its objects: each symbol's
// name, its state in the reference's state machine (unprocessed -> mapped to
// a DIE -> versioned) and its CRC, and the reference's symbol table order.
//
// GUARANTEES: a symbol versioned by an earlier object keeps its CRC (its
// state carries over). Everything that belongs to one object (addresses,
// aliases, pointer fallbacks) lives elsewhere, built fresh per object
// (gen/object_symbols.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/base/string_index.h"
#include "kcrc/dwarf/die_node.h"
#include "kcrc/gen/generator.h"

namespace kcrc {

enum class SymbolState : uint8_t { kUnprocessed, kMapped, kProcessed };

struct ExportSymbol {
  std::string name;
  SymbolState state = SymbolState::kUnprocessed;
  int object = -1;    // the object whose DIE was mapped to it last
  DieOffset die = 0;  // that DIE
  std::optional<uint32_t> crc;
};

class ExportList {
 public:
  // `names`: distinct, in input order (the reference's insertion order).
  explicit ExportList(std::vector<std::string> names);
  // Not copyable: the index views the names.
  ExportList(const ExportList&) = delete;
  ExportList& operator=(const ExportList&) = delete;

  size_t size() const { return symbols_.size(); }
  ExportSymbol& operator[](uint32_t index) { return symbols_[index]; }
  const ExportSymbol& operator[](uint32_t index) const { return symbols_[index]; }
  std::span<const ExportSymbol> symbols() const { return symbols_; }

  // The index of the export named `name` (any state).
  std::optional<uint32_t> Find(std::string_view name) const { return by_name_.Find(name); }

  // Indices in the order the reference visits its symbol table
  // (ReferenceHashOrder), and each index's position in it.
  std::span<const uint32_t> hash_order() const { return hash_order_; }
  uint32_t hash_rank(uint32_t index) const { return hash_rank_[index]; }

  // Every export with its CRC, in hash order (the order of #SYMVER lines).
  std::vector<ExportVersion> Versions() const;

 private:
  std::vector<ExportSymbol> symbols_;
  std::vector<uint32_t> hash_order_;
  std::vector<uint32_t> hash_rank_;
  StringIndex by_name_;  // views of the names in symbols_
};

}  // namespace kcrc
