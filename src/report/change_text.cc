#include "kcrc/report/change_text.h"

#include <fmt/format.h>

#include "kcrc/shape/c_type.h"
#include "kcrc/symtypes/record.h"

namespace kcrc {
namespace {

// Offsets of bit-fields are told in bits, others in bytes.
std::string Where(uint64_t bits, bool bit_field) {
  return bit_field ? fmt::format("bit {}", bits) : FormatOffset(bits);
}

std::string Number(const std::optional<uint64_t>& value) {
  return value ? std::to_string(*value) : "?";
}

std::string Because(const ChangeReason& reason) {
  const std::string at = reason.offset_bits ? FormatOffset(*reason.offset_bits) : "offset ?";
  switch (reason.what) {
    case ChangeReason::What::kResized: {
      const bool grew = reason.old_size && reason.new_size && *reason.new_size > *reason.old_size;
      return fmt::format(" because '{}' ({}, {} {}) {} from {} to {} bytes", reason.member,
                         reason.type, reason.key.empty() ? "at" : "embedded at", at,
                         grew ? "grew" : "shrank", Number(reason.old_size),
                         Number(reason.new_size));
    }
    case ChangeReason::What::kAdded:
      return fmt::format(" because '{}' ({}) was added at {}", reason.member, reason.type, at);
    case ChangeReason::What::kRemoved:
      return fmt::format(" because '{}' ({}) was removed from {}", reason.member, reason.type, at);
  }
  return "";
}

}  // namespace

std::string CauseTitle(const std::string& key) {
  return IsTypeRefPrefix(key) ? fmt::format("{} ({})", key, CKeyName(key))
                              : fmt::format("{} (the export's own signature)", key);
}

std::string DescribeChange(const Change& c) {
  const bool bit_field = c.old_bit_size || c.new_bit_size;
  auto at = [&](const std::optional<uint64_t>& bits) {
    return bits ? " at " + Where(*bits, bit_field) : std::string();
  };
  auto size = [&](const std::optional<uint64_t>& bytes, const std::optional<uint64_t>& bits) {
    if (bits) return fmt::format(" ({} bit{})", *bits, *bits == 1 ? "" : "s");
    return bytes ? fmt::format(" (size {})", *bytes) : std::string();
  };
  auto size_change = [](const std::optional<uint64_t>& a, const std::optional<uint64_t>& b) {
    if (a == b) return std::string();
    return fmt::format(", size {} -> {}", Number(a), Number(b));
  };
  auto param = [&](const std::string& name) {
    return name.empty() ? fmt::format("parameter {}", c.parameter)
                        : fmt::format("parameter {} '{}'", c.parameter, name);
  };
  const std::string because = c.because ? Because(*c.because) : "";
  switch (c.kind) {
    case ChangeKind::kMemberAdded:
      return fmt::format("member '{}' ({}) added{}{}", c.member, c.new_type, at(c.new_offset_bits),
                         size(c.new_size, c.new_bit_size));
    case ChangeKind::kMemberRemoved:
      return fmt::format("member '{}' ({}) removed{}{}", c.member, c.old_type,
                         c.old_offset_bits ? " from " + Where(*c.old_offset_bits, bit_field) : "",
                         size(c.old_size, c.old_bit_size));
    case ChangeKind::kMemberRenamed:
      return fmt::format("member '{}' renamed to '{}'{}", c.member, c.new_member,
                         at(c.new_offset_bits));
    case ChangeKind::kMemberRetyped:
      if (c.old_offset_bits && c.new_offset_bits && c.old_offset_bits != c.new_offset_bits)
        return fmt::format("member '{}' changed type from '{}' to '{}' and moved from {} to {}{}",
                           c.member, c.old_type, c.new_type, FormatOffset(*c.old_offset_bits),
                           FormatOffset(*c.new_offset_bits), size_change(c.old_size, c.new_size));
      return fmt::format("member '{}' changed type from '{}' to '{}'{}{}", c.member, c.old_type,
                         c.new_type, at(c.new_offset_bits), size_change(c.old_size, c.new_size));
    case ChangeKind::kMemberMoved:
      return fmt::format("member '{}' moved from {} to {}{}", c.member,
                         c.old_offset_bits ? Where(*c.old_offset_bits, bit_field) : "?",
                         c.new_offset_bits ? Where(*c.new_offset_bits, bit_field) : "?", because);
    case ChangeKind::kMemberBitSizeChanged:
      return fmt::format("member '{}' bit width changed from {} to {}", c.member,
                         Number(c.old_bit_size), Number(c.new_bit_size));
    case ChangeKind::kMemberChanged:
      return fmt::format("member '{}' changed from '{}' to '{}'", c.member, c.old_type, c.new_type);
    case ChangeKind::kSizeChanged:
      return fmt::format("{}byte size changed from {} to {}{}",
                         c.member.empty() ? "" : c.member + " ",
                         c.old_size ? std::to_string(*c.old_size) : "none",
                         c.new_size ? std::to_string(*c.new_size) : "none", because);
    case ChangeKind::kAlignmentChanged:
      return fmt::format("{}alignment changed from {} to {}",
                         c.member.empty() ? "" : c.member + " ",
                         c.old_value.empty() ? "default" : c.old_value,
                         c.new_value.empty() ? "default" : c.new_value);
    case ChangeKind::kBecameDefined:
      return fmt::format("became defined (was a declaration only){}", size(c.new_size, {}));
    case ChangeKind::kBecameDeclaration:
      return fmt::format("became a declaration only (was defined{})",
                         c.old_size ? fmt::format(", size {}", *c.old_size) : "");
    case ChangeKind::kEnumeratorAdded:
      return fmt::format("enumerator '{}'{} added", c.member,
                         c.new_value.empty() ? "" : " = " + c.new_value);
    case ChangeKind::kEnumeratorRemoved:
      return fmt::format("enumerator '{}'{} removed", c.member,
                         c.old_value.empty() ? "" : " = " + c.old_value);
    case ChangeKind::kEnumeratorValueChanged:
      return fmt::format("enumerator '{}' value changed from {} to {}", c.member, c.old_value,
                         c.new_value);
    case ChangeKind::kParameterAdded:
      return fmt::format("{} ({}) added", param(c.member), c.new_type);
    case ChangeKind::kParameterRemoved:
      return fmt::format("{} ({}) removed", param(c.member), c.old_type);
    case ChangeKind::kParameterRenamed:
      return fmt::format("{} renamed to '{}'", param(c.member), c.new_member);
    case ChangeKind::kParameterChanged:
      return fmt::format(
          "{} changed type from '{}' to '{}'{}", param(c.member), c.old_type, c.new_type,
          c.new_member != c.member ? fmt::format(" and was renamed to '{}'", c.new_member) : "");
    case ChangeKind::kReturnTypeChanged:
      return fmt::format("return type changed from '{}' to '{}'", c.old_type, c.new_type);
    case ChangeKind::kTypeChanged:
      return fmt::format("type changed from '{}' to '{}'{}", c.old_type, c.new_type,
                         size_change(c.old_size, c.new_size));
    case ChangeKind::kKindChanged:
    case ChangeKind::kTextChanged:
      return fmt::format("changed from '{}' to '{}'", c.old_type, c.new_type);
  }
  return "changed";
}

}  // namespace kcrc
