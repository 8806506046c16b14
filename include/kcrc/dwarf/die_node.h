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
  // sdata sign-extended, exprloc/block forms unreadable -> nullopt).
  std::optional<uint64_t> byte_size;
  std::optional<uint64_t> encoding;
  std::optional<uint64_t> alignment;
  std::optional<uint64_t> accessibility;
  std::optional<uint64_t> bit_size;
  std::optional<uint64_t> data_bit_offset;
  std::optional<uint64_t> data_member_location;
  std::optional<uint64_t> count;
  std::optional<uint64_t> upper_bound;
  std::optional<uint64_t> const_value;
  std::optional<uint64_t> discr_value;
  std::optional<uint64_t> decl_file;

  // The name a symbol is looked up by: DW_AT_linkage_name, else DW_AT_name.
  std::optional<std::string_view> SymbolName() const { return linkage_name ? linkage_name : name; }
};

}  // namespace kcrc
