#include "kcrc/dwarf/dwarf_file.h"

#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <fmt/format.h>

#include <utility>

#include "kcrc/base/error.h"

namespace kcrc {

struct DwarfFile::Impl {
  Dwfl* dwfl = nullptr;
  Dwarf* dwarf = nullptr;
  // Line-table file lists of units, by unit DIE offset.
  std::unordered_map<DieOffset, Dwarf_Files*> files;

  ~Impl() {
    if (dwfl) dwfl_end(dwfl);
  }
};

namespace {

// libdw's last error, looked up only when an error message is formatted
// (dwarf_errmsg goes through gettext).
struct DwarfMessage {};
struct DwflMessage {};

}  // namespace
}  // namespace kcrc

template <>
struct fmt::formatter<kcrc::DwarfMessage> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const kcrc::DwarfMessage&, FormatContext& context) const {
    const char* message = dwarf_errmsg(-1);
    return fmt::format_to(context.out(), "{}", message ? message : "unknown error");
  }
};

template <>
struct fmt::formatter<kcrc::DwflMessage> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const kcrc::DwflMessage&, FormatContext& context) const {
    const char* message = dwfl_errmsg(-1);
    return fmt::format_to(context.out(), "{}", message ? message : "unknown error");
  }
};

namespace kcrc {
namespace {

int TakeDwarf(Dwfl_Module* module, void**, const char*, Dwarf_Addr, void* arg) {
  Dwarf_Addr bias = 0;
  *static_cast<Dwarf**>(arg) = dwfl_module_getdwarf(module, &bias);
  return DWARF_CB_ABORT;  // one module per offline-reported file
}

// Reads `attribute` as an unsigned constant the way the reference does
// (dwarf_formudata succeeds).
std::optional<uint64_t> MaybeUdata(Dwarf_Attribute* attribute) {
  Dwarf_Word value = 0;
  if (dwarf_formudata(attribute, &value) != 0) return std::nullopt;
  return value;
}

struct AttributeReader {
  DieNode* node;
  const DwarfFile* file;
};

int ReadAttribute(Dwarf_Attribute* attribute, void* arg) {
  auto& reader = *static_cast<AttributeReader*>(arg);
  DieNode& node = *reader.node;
  auto reference = [&]() -> DieOffset {
    Dwarf_Die target;
    if (dwarf_formref_die(attribute, &target) == nullptr)
      Fail("{}: invalid reference in attribute 0x{:x}: {}", reader.file->Where(node.offset),
           dwarf_whatattr(attribute), DwarfMessage());
    return dwarf_dieoffset(&target);
  };
  auto string = [&]() -> std::optional<std::string_view> {
    const char* text = dwarf_formstring(attribute);
    if (text == nullptr) return std::nullopt;
    return std::string_view(text);
  };
  switch (dwarf_whatattr(attribute)) {
    case DW_AT_name: node.name = string(); break;
    case DW_AT_linkage_name: node.linkage_name = string(); break;
    case DW_AT_type: node.type = reference(); break;
    case DW_AT_abstract_origin: node.abstract_origin = reference(); break;
    case DW_AT_byte_size: node.byte_size = MaybeUdata(attribute); break;
    case DW_AT_encoding: node.encoding = MaybeUdata(attribute); break;
    case DW_AT_alignment: node.alignment = MaybeUdata(attribute); break;
    case DW_AT_accessibility: node.accessibility = MaybeUdata(attribute); break;
    case DW_AT_bit_size: node.bit_size = MaybeUdata(attribute); break;
    case DW_AT_data_bit_offset: node.data_bit_offset = MaybeUdata(attribute); break;
    case DW_AT_data_member_location: node.data_member_location = MaybeUdata(attribute); break;
    case DW_AT_count: node.count = MaybeUdata(attribute); break;
    case DW_AT_upper_bound: node.upper_bound = MaybeUdata(attribute); break;
    case DW_AT_const_value: node.const_value = MaybeUdata(attribute); break;
    case DW_AT_discr_value: node.discr_value = MaybeUdata(attribute); break;
    case DW_AT_decl_file: node.decl_file = MaybeUdata(attribute); break;
    case DW_AT_declaration: {
      bool flag = false;
      node.declaration = dwarf_formflag(attribute, &flag) == 0 && flag;
      break;
    }
    default: break;
  }
  return DWARF_CB_OK;
}

}  // namespace

DwarfFile::DwarfFile(std::string path) : path_(std::move(path)), impl_(std::make_unique<Impl>()) {
  static const Dwfl_Callbacks kOfflineCallbacks = {
      .find_elf = dwfl_build_id_find_elf,
      .find_debuginfo = dwfl_standard_find_debuginfo,
      .section_address = dwfl_offline_section_address,
      .debuginfo_path = nullptr,
  };
  impl_->dwfl = dwfl_begin(&kOfflineCallbacks);
  Check(impl_->dwfl != nullptr, "dwfl_begin failed for '{}': {}", path_, DwflMessage());
  // Offline reporting applies the relocations of ET_REL debug sections.
  Check(dwfl_report_offline(impl_->dwfl, path_.c_str(), path_.c_str(), -1) != nullptr,
        "dwfl_report_offline failed for '{}': {}", path_, DwflMessage());
  dwfl_report_end(impl_->dwfl, nullptr, nullptr);
  Check(dwfl_getmodules(impl_->dwfl, TakeDwarf, &impl_->dwarf, 0) >= 0,
        "dwfl_getmodules failed for '{}'", path_);
  Check(impl_->dwarf != nullptr, "{}: dwarf_get_units failed: no debugging information?", path_);

  Dwarf_CU* cu = nullptr;
  Dwarf_CU* next = nullptr;
  Dwarf_Half version = 0;
  uint8_t unit_type = 0;
  Dwarf_Die cudie;
  while (true) {
    int res = dwarf_get_units(impl_->dwarf, cu, &next, &version, &unit_type, &cudie, nullptr);
    if (res != 0) {
      Check(res > 0 || !units_.empty(), "{}: dwarf_get_units failed: no debugging information?",
            path_);
      Check(res > 0, "{}: dwarf_get_units failed: {}", path_, DwarfMessage());
      break;
    }
    Dwarf_Word language = 0;
    Dwarf_Attribute attribute;
    if (dwarf_attr(&cudie, DW_AT_language, &attribute) == nullptr ||
        dwarf_formudata(&attribute, &language) != 0)
      language = 0;
    units_.push_back({dwarf_dieoffset(&cudie), version, static_cast<int>(language)});
    cu = next;
  }
  Check(!units_.empty(), "{}: dwarf_get_units failed: no debugging information?", path_);
}

DwarfFile::~DwarfFile() = default;

bool IsCLanguage(int language) {
  switch (language) {
    case DW_LANG_C89:
    case DW_LANG_C:
    case DW_LANG_C99:
    case DW_LANG_C11:
      return true;
    default:
      return false;
  }
}

const DieNode& DwarfFile::Get(DieOffset offset) {
  if (std::optional<uint32_t> index = node_index_.Find(offset)) return nodes_[*index];
  Dwarf_Die die;
  Check(dwarf_offdie(impl_->dwarf, offset, &die) != nullptr, "{}: invalid DIE offset: {}",
        Where(offset), DwarfMessage());
  DieNode node;
  node.offset = offset;
  node.tag = dwarf_tag(&die);
  Check(node.tag >= 0, "{}: cannot read the DIE tag: {}", Where(offset), DwarfMessage());
  node.has_children = dwarf_haschildren(&die) > 0;
  AttributeReader reader{&node, this};
  Check(dwarf_getattrs(&die, ReadAttribute, &reader, 0) >= 0, "{}: cannot read attributes: {}",
        Where(offset), DwarfMessage());
  Dwarf_Die cudie;
  Check(dwarf_diecu(&die, &cudie, nullptr, nullptr) != nullptr, "{}: dwarf_cu_die failed: '{}'",
        Where(offset), DwarfMessage());
  node.unit = dwarf_dieoffset(&cudie);
  node_index_.Insert(offset, static_cast<uint32_t>(nodes_.size()));
  return nodes_.push_back(std::move(node));
}

void DwarfFile::ForgetNodes() {
  nodes_.Clear();  // keeps its chunks: the next unit reuses them
  node_index_ = OffsetIndex();
  children_.clear();
  children_.shrink_to_fit();
  children_index_ = OffsetIndex();
}

const std::vector<DieOffset>& DwarfFile::Children(DieOffset offset) {
  if (std::optional<uint32_t> index = children_index_.Find(offset)) return children_[*index];
  std::vector<DieOffset> children;
  Dwarf_Die die;
  Check(dwarf_offdie(impl_->dwarf, offset, &die) != nullptr, "{}: invalid DIE offset: {}",
        Where(offset), DwarfMessage());
  Dwarf_Die child;
  int res = dwarf_child(&die, &child);
  Check(res >= 0, "{}: dwarf_child failed: {}", Where(offset), DwarfMessage());
  while (res == 0) {
    children.push_back(dwarf_dieoffset(&child));
    res = dwarf_siblingof(&child, &child);
    Check(res >= 0, "{}: dwarf_siblingof failed: {}", Where(children.back()), DwarfMessage());
  }
  children_index_.Insert(offset, static_cast<uint32_t>(children_.size()));
  return children_.emplace_back(std::move(children));
}

std::string_view DwarfFile::SourceFileName(const DieNode& node, uint64_t file_index) {
  auto it = impl_->files.find(node.unit);
  if (it == impl_->files.end()) {
    Dwarf_Die cudie;
    Check(dwarf_offdie(impl_->dwarf, node.unit, &cudie) != nullptr,
          "{}: dwarf_cu_die failed: '{}'", Where(node.offset), DwarfMessage());
    Dwarf_Files* files = nullptr;
    Check(dwarf_getsrcfiles(&cudie, &files, nullptr) == 0, "{}: dwarf_getsrcfiles failed: '{}'",
          Where(node.offset), DwarfMessage());
    it = impl_->files.emplace(node.unit, files).first;
  }
  const char* name = dwarf_filesrc(it->second, file_index, nullptr, nullptr);
  Check(name != nullptr, "{}: dwarf_filesrc failed: '{}'", Where(node.offset), DwarfMessage());
  return name;
}

void DwarfFile::WalkUnitRaw(const UnitInfo& unit, RawVisitor visit, void* context,
                            bool skip_bodies) {
  Dwarf_Die die;
  Check(dwarf_offdie(impl_->dwarf, unit.die, &die) != nullptr, "{}: invalid unit DIE: {}",
        Where(unit.die), DwarfMessage());
  // Iterative pre-order walk; `stack` holds the current path.
  std::vector<Dwarf_Die> stack;
  stack.push_back(die);
  bool descend = true;
  while (!stack.empty()) {
    Dwarf_Die& current = stack.back();
    if (descend) {
      Dwarf_Attribute attribute;
      const char* name = dwarf_attr(&current, DW_AT_name, &attribute)
                             ? dwarf_formstring(&attribute)
                             : nullptr;
      const int tag = dwarf_tag(&current);
      const bool has_children =
          dwarf_haschildren(&current) > 0 && !(skip_bodies && tag == DW_TAG_subprogram);
      visit(context, dwarf_dieoffset(&current), tag, name, has_children,
            static_cast<int>(stack.size()) - 1);
      if (has_children) {
        Dwarf_Die child;
        int res = dwarf_child(&current, &child);
        Check(res >= 0, "{}: dwarf_child failed: {}", Where(dwarf_dieoffset(&current)),
              DwarfMessage());
        if (res == 0) {
          stack.push_back(child);
          continue;
        }
      }
    }
    if (stack.size() == 1) break;  // the unit DIE has no siblings to visit
    int res = dwarf_siblingof(&current, &current);
    Check(res >= 0, "{}: dwarf_siblingof failed: {}", Where(dwarf_dieoffset(&current)),
          DwarfMessage());
    if (res == 0) {
      descend = true;
      continue;
    }
    stack.pop_back();
    descend = false;
  }
}

}  // namespace kcrc
