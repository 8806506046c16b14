// The type graph's node: the attributes of one DIE that the renderer reads,
// copied out of libdw once. A node is identified by its DIE offset within its
// object file (stable, unlike libdw's Dwarf_Die.addr).
#pragma once

#include <dwarf.h>  // DW_TAG_* / DW_AT_* constants only; no libdw calls outside dwarf/.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace kcrc {

using DieOffset = uint64_t;

struct DieNode {
  DieOffset offset = 0;
  // Dense index of the node in its DwarfFile until the next ForgetNodes, for
  // side tables indexed by node instead of hashed by offset.
  uint32_t id = 0;
  int tag = 0;
  bool has_children = false;
  bool declaration = false;  // DW_AT_declaration is true
  // Strings point into the object's mapped string sections (valid while the
  // DwarfFile lives); nullopt when the attribute is absent.
  std::optional<std::string_view> name;          // DW_AT_name
  std::optional<std::string_view> linkage_name;  // DW_AT_linkage_name
  std::optional<DieOffset> type;                 // DW_AT_type target
  std::optional<DieOffset> abstract_origin;      // DW_AT_abstract_origin target
  // Attributes readable as unsigned constants (dwarf_formudata semantics:
  // sdata sign-extended, exprloc/block forms unreadable -> nullopt). Stored
  // as a presence mask and plain values: a node is read for every DIE that
  // exports reach, and twelve std::optionals made it 288 bytes.
  enum class Attr : uint8_t {
    kByteSize,
    kEncoding,
    kAlignment,
    kAccessibility,
    kBitSize,
    kDataBitOffset,
    kDataMemberLocation,
    kCount,
    kUpperBound,
    kConstValue,
    kDiscrValue,
    kDeclFile,
    kNumAttrs,
  };
  std::optional<uint64_t> byte_size() const { return Get(Attr::kByteSize); }
  std::optional<uint64_t> encoding() const { return Get(Attr::kEncoding); }
  std::optional<uint64_t> alignment() const { return Get(Attr::kAlignment); }
  std::optional<uint64_t> accessibility() const { return Get(Attr::kAccessibility); }
  std::optional<uint64_t> bit_size() const { return Get(Attr::kBitSize); }
  std::optional<uint64_t> data_bit_offset() const { return Get(Attr::kDataBitOffset); }
  std::optional<uint64_t> data_member_location() const { return Get(Attr::kDataMemberLocation); }
  std::optional<uint64_t> count() const { return Get(Attr::kCount); }
  std::optional<uint64_t> upper_bound() const { return Get(Attr::kUpperBound); }
  std::optional<uint64_t> const_value() const { return Get(Attr::kConstValue); }
  std::optional<uint64_t> discr_value() const { return Get(Attr::kDiscrValue); }
  std::optional<uint64_t> decl_file() const { return Get(Attr::kDeclFile); }

  std::optional<uint64_t> Get(Attr attr) const {
    const auto bit = static_cast<unsigned>(attr);
    if ((present_ & (1u << bit)) == 0) return std::nullopt;
    return values_[bit];
  }
  void Set(Attr attr, std::optional<uint64_t> value) {
    const auto bit = static_cast<unsigned>(attr);
    if (value) {
      present_ = static_cast<uint16_t>(present_ | (1u << bit));
      values_[bit] = *value;
    } else {
      present_ = static_cast<uint16_t>(present_ & ~(1u << bit));
    }
  }

  // Resets every attribute (the values array only through the presence
  // mask: nodes are reused in place, millions per kernel).
  void Reset(DieOffset at, uint32_t index) {
    offset = at;
    id = index;
    tag = 0;
    has_children = false;
    declaration = false;
    name.reset();
    linkage_name.reset();
    type.reset();
    abstract_origin.reset();
    present_ = 0;
  }

  // The name a symbol is looked up by: DW_AT_linkage_name, else DW_AT_name.
  std::optional<std::string_view> SymbolName() const { return linkage_name ? linkage_name : name; }

 private:
  uint16_t present_ = 0;
  uint64_t values_[static_cast<size_t>(Attr::kNumAttrs)] = {};
};

}  // namespace kcrc
