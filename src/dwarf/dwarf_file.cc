#include "kcrc/dwarf/dwarf_file.h"

#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <fmt/format.h>

#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/base/mapped_file.h"
#include "kcrc/dwarf/line_files.h"
#include "kcrc/elf/loaded_sections.h"

// libdw/libdwfl/libelf's last error, read only when a message is formatted.
// Check() evaluates its arguments before it knows whether the check failed,
// and in an unspecified order relative to the checked call: a message read
// eagerly would name the previous error, or "no error".
namespace kcrc::detail {
struct LastDwarfError {};
struct LastDwflError {};
}  // namespace kcrc::detail

template <>
struct fmt::formatter<kcrc::detail::LastDwarfError> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(kcrc::detail::LastDwarfError, Context& ctx) const {
    const char* message = dwarf_errmsg(-1);
    return fmt::formatter<std::string_view>::format(message ? message : "unknown error", ctx);
  }
};

template <>
struct fmt::formatter<kcrc::detail::LastDwflError> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(kcrc::detail::LastDwflError, Context& ctx) const {
    const char* message = dwfl_errmsg(-1);
    return fmt::formatter<std::string_view>::format(message ? message : "unknown error", ctx);
  }
};

namespace kcrc {

struct DwarfFile::Impl {
  Dwfl* dwfl = nullptr;
  Dwarf* dwarf = nullptr;
  // A second handle's copy of a file held in memory (see ReportFile); must
  // outlive dwfl.
  std::string image;
  // A linked file's mapping (see ReportFile), maybe shared with other
  // handles of the same file; must outlive dwfl.
  std::shared_ptr<const MappedFile> mapping;
  // .debug_info, when libdw reads it straight from `mapping` (not
  // decompressed or converted): units done with can be released from it.
  std::string_view debug_info;
  // The sections line table headers are read from (nullopt: no .debug_line).
  std::optional<LineSections> line_sections;
  // Line-table file names of units, by unit DIE offset.
  std::unordered_map<DieOffset, std::vector<std::string_view>> file_names;
  // The unit of the last DIE dwarf_offdie found: its DIEs' offsets
  // [first_die, end), its Dwarf_CU and where offset 0 of its section is in
  // memory (see DieAt).
  struct UnitSpan {
    DieOffset first_die = 0;
    DieOffset end = 0;
    Dwarf_CU* cu = nullptr;
    const char* section = nullptr;
  } unit_span;

  // The DIE at `offset`, as dwarf_offdie finds it. An offset inside the unit
  // of the previous lookup is resolved without it: dwarf_offdie searches
  // the unit tree under a lock for every call (4% of a vmlinux run), and
  // almost every lookup is of a type in the unit being rendered. The result
  // is what dwarf_offdie builds for such an offset: the address, the unit,
  // no abbreviation read yet.
  bool DieAt(DieOffset offset, Dwarf_Die* die) {
    if (offset >= unit_span.first_die && offset < unit_span.end) {
      *die = Dwarf_Die{};
      die->addr = const_cast<char*>(unit_span.section + offset);
      die->cu = unit_span.cu;
      return true;
    }
    if (dwarf_offdie(dwarf, offset, die) == nullptr) return false;
    // Learn the unit's DIE range from its header (dwarf_cuoffset: the DIE's
    // offset from the start of its unit header).
    const DieOffset unit_start = offset - dwarf_cuoffset(die);
    Dwarf_Off next = 0;
    size_t header_size = 0;
    if (dwarf_next_unit(dwarf, unit_start, &next, &header_size, nullptr, nullptr, nullptr, nullptr,
                        nullptr, nullptr) == 0 &&
        unit_start + header_size <= offset && offset < next) {
      unit_span = {unit_start + header_size, next, die->cu,
                   static_cast<const char*>(die->addr) - offset};
    }
    return true;
  }

  // Gives back the pages of .debug_info [from, end) if libdw reads it from
  // the mapping and the range is not empty; `from` becomes `end`.
  void ReleaseDebugInfo(DieOffset& from, DieOffset end) {
    if (debug_info.empty() || end <= from || end > debug_info.size()) return;
    mapping->Release(debug_info.data() + from, debug_info.data() + end);
    from = end;
  }

  ~Impl() {
    if (dwfl) dwfl_end(dwfl);
  }
};

namespace {

detail::LastDwarfError DwarfMessage() { return {}; }
detail::LastDwflError DwflMessage() { return {}; }

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
      Fail(reader.file->At(node.offset), "invalid reference in attribute 0x{:x}: {}",
           dwarf_whatattr(attribute), DwarfMessage());
    return dwarf_dieoffset(&target);
  };
  auto string = [&]() -> std::optional<std::string_view> {
    const char* text = dwarf_formstring(attribute);
    if (text == nullptr) return std::nullopt;
    return std::string_view(text);
  };
  switch (dwarf_whatattr(attribute)) {
    case DW_AT_name:
      node.name = string();
      break;
    case DW_AT_linkage_name:
      node.linkage_name = string();
      break;
    case DW_AT_type:
      node.type = reference();
      break;
    case DW_AT_abstract_origin:
      node.abstract_origin = reference();
      break;
    case DW_AT_byte_size:
      node.Set(DieNode::Attr::kByteSize, MaybeUdata(attribute));
      break;
    case DW_AT_encoding:
      node.Set(DieNode::Attr::kEncoding, MaybeUdata(attribute));
      break;
    case DW_AT_alignment:
      node.Set(DieNode::Attr::kAlignment, MaybeUdata(attribute));
      break;
    case DW_AT_accessibility:
      node.Set(DieNode::Attr::kAccessibility, MaybeUdata(attribute));
      break;
    case DW_AT_bit_size:
      node.Set(DieNode::Attr::kBitSize, MaybeUdata(attribute));
      break;
    case DW_AT_data_bit_offset:
      node.Set(DieNode::Attr::kDataBitOffset, MaybeUdata(attribute));
      break;
    case DW_AT_data_member_location:
      node.Set(DieNode::Attr::kDataMemberLocation, MaybeUdata(attribute));
      break;
    case DW_AT_count:
      node.Set(DieNode::Attr::kCount, MaybeUdata(attribute));
      break;
    case DW_AT_upper_bound:
      node.Set(DieNode::Attr::kUpperBound, MaybeUdata(attribute));
      break;
    case DW_AT_const_value:
      node.Set(DieNode::Attr::kConstValue, MaybeUdata(attribute));
      break;
    case DW_AT_discr_value:
      node.Set(DieNode::Attr::kDiscrValue, MaybeUdata(attribute));
      break;
    case DW_AT_decl_file:
      node.Set(DieNode::Attr::kDeclFile, MaybeUdata(attribute));
      break;
    case DW_AT_declaration: {
      bool flag = false;
      node.declaration = dwarf_formflag(attribute, &flag) == 0 && flag;
      break;
    }
    default:
      break;
  }
  return DWARF_CB_OK;
}

}  // namespace

DwarfFile::DwarfFile(const ElfFile& elf, const DwarfFile* sibling)
    : NodeSource(elf.path()), impl_(std::make_unique<Impl>()) {
  static const Dwfl_Callbacks kOfflineCallbacks = {
      .find_elf = dwfl_build_id_find_elf,
      .find_debuginfo = dwfl_standard_find_debuginfo,
      .section_address = dwfl_offline_section_address,
      .debuginfo_path = nullptr,
  };
  impl_->dwfl = dwfl_begin(&kOfflineCallbacks);
  if (!(impl_->dwfl != nullptr))
    Fail(Location{path(), 0, {}}, "dwfl_begin failed: {}", DwflMessage());
  // Offline reporting applies the relocations of ET_REL debug sections.
  if (!ReportFile(elf, sibling != nullptr))
    Fail(Location{path(), 0, {}}, "dwfl_report_offline failed: {}", DwflMessage());
  dwfl_report_end(impl_->dwfl, nullptr, nullptr);
  if (!(dwfl_getmodules(impl_->dwfl, TakeDwarf, &impl_->dwarf, 0) >= 0))
    Fail(Location{path(), 0, {}}, "dwfl_getmodules failed");
  if (!(impl_->dwarf != nullptr))
    Fail(Location{path(), 0, {}}, "dwarf_get_units failed: no debugging information?");
  // libdwfl applied the relocations to the data of the Elf libdw holds.
  impl_->line_sections = FindLineSections(dwarf_getelf(impl_->dwarf));
  if (impl_->mapping) {
    const std::string_view info =
        FindLoadedSection(dwarf_getelf(impl_->dwarf), ".debug_info").value_or(LoadedSection()).data;
    if (impl_->mapping->Contains(info.data(), info.data() + info.size())) impl_->debug_info = info;
  }

  // Gives back the pages of the units listed since the last call, but the
  // last one's.
  DieOffset listed_released = 0;
  auto release_listed = [&] { impl_->ReleaseDebugInfo(listed_released, units_.back().die); };
  Dwarf_CU* cu = nullptr;
  Dwarf_CU* next = nullptr;
  Dwarf_Half version = 0;
  uint8_t unit_type = 0;
  Dwarf_Die cudie;
  while (true) {
    int res = dwarf_get_units(impl_->dwarf, cu, &next, &version, &unit_type, &cudie, nullptr);
    if (res != 0) {
      if (!(res > 0 || !units_.empty()))
        Fail(Location{path(), 0, {}}, "dwarf_get_units failed: no debugging information?");
      if (!(res > 0)) Fail(Location{path(), 0, {}}, "dwarf_get_units failed: {}", DwarfMessage());
      break;
    }
    const DieOffset offset = dwarf_dieoffset(&cudie);
    Dwarf_Word language = 0;
    const size_t index = units_.size();
    if (sibling && index < sibling->units_.size() && sibling->units_[index].die == offset) {
      language = sibling->units_[index].language;  // reading it was most of the listing
    } else {
      Dwarf_Attribute attribute;
      if (dwarf_attr(&cudie, DW_AT_language, &attribute) == nullptr ||
          dwarf_formudata(&attribute, &language) != 0)
        language = 0;
    }
    units_.push_back({offset, version, static_cast<int>(language)});
    cu = next;
    // Listing reads a page of each unit, and the kernel maps its neighbours
    // too (fault-around): on vmlinux, 120 of the 166 MiB of .debug_info
    // would stay resident. Units are read again one by one later.
    if (units_.size() % kUnitsListedPerRelease == 0) release_listed();
  }
  if (!(!units_.empty()))
    Fail(Location{path(), 0, {}}, "dwarf_get_units failed: no debugging information?");
  release_listed();
}

DwarfFile::~DwarfFile() = default;

// Reports the file's bytes to libdwfl for offline use, which applies the
// relocations of a relocatable file (kernel .o/.ko) to its debug sections in
// place: ElfFile holds such files in memory (in a private mapping of the
// file every page written would be copied on write, and while another thread
// of the process runs, scan or --jobs, each copy interrupts it for a TLB
// shootdown: 14% of a two-thread scan). Linked ones (vmlinux: 600 MB, no
// relocations to apply) are mapped read-only by ElfFile, and this handle
// shares the mapping, so that ReleaseUnitsThrough can give back the pages of
// units done with.
bool DwarfFile::ReportFile(const ElfFile& elf, bool sibling) {
  relocatable_ = elf.relocatable();
  impl_->mapping = elf.mapping();
  std::span<char> bytes = elf.bytes();
  if (sibling && !impl_->mapping) {
    // Another handle on a file held in memory, whose bytes the first handle
    // relocated already (REL relocations would be applied twice): its own
    // copy, read again (tests only: objects held in memory stay on one
    // thread, GenTuning).
    impl_->image = ReadFile(path());
    bytes = {impl_->image.data(), impl_->image.size()};
  }
  return dwfl_report_offline_memory(impl_->dwfl, path().c_str(), path().c_str(), bytes.data(),
                                    bytes.size()) != nullptr;
}

void DwarfFile::ReleaseUnitsThrough(size_t index) {
  const std::string_view info = impl_->debug_info;
  if (info.empty() || index >= units_.size()) return;
  const bool last = index + 1 == units_.size();
  const DieOffset end = last ? info.size() : units_[index + 1].die;
  // In batches: each release interrupts the process's other threads (a TLB
  // shootdown), and most units are smaller than a batch.
  if (!last && end > released_until_ && end - released_until_ < kReleaseBatch) return;
  impl_->ReleaseDebugInfo(released_until_, end);
}

const DieNode& DwarfFile::ReadNode(DieOffset offset) {
  Dwarf_Die die;
  if (!impl_->DieAt(offset, &die)) Fail(At(offset), "invalid DIE offset: {}", DwarfMessage());
  return AddNode(&die, offset);
}

const DieNode& DwarfFile::AddNode(void* libdw_die, DieOffset offset) {
  Dwarf_Die& die = *static_cast<Dwarf_Die*>(libdw_die);
  DieNode& node = NewNode(offset);
  node.tag = dwarf_tag(&die);
  if (!(node.tag >= 0)) Fail(At(offset), "cannot read the DIE tag: {}", DwarfMessage());
  node.has_children = dwarf_haschildren(&die) > 0;
  AttributeReader reader{&node, this};
  if (!(dwarf_getattrs(&die, ReadAttribute, &reader, 0) >= 0))
    Fail(At(offset), "cannot read attributes: {}", DwarfMessage());
  return CommitNode();
}

std::span<const DieNode* const> DwarfFile::ReadChildren(DieOffset offset) {
  std::vector<const DieNode*>& children = ChildrenScratch();
  Dwarf_Die die;
  if (!impl_->DieAt(offset, &die)) Fail(At(offset), "invalid DIE offset: {}", DwarfMessage());
  Dwarf_Die child;
  int res = dwarf_child(&die, &child);
  if (!(res >= 0)) Fail(At(offset), "dwarf_child failed: {}", DwarfMessage());
  while (res == 0) {
    // Callers read (almost) every child: building the node here, from the
    // DIE in hand, saves a dwarf_offdie lookup per child.
    const DieOffset child_offset = dwarf_dieoffset(&child);
    const DieNode* known = Known(child_offset);
    children.push_back(known ? known : &AddNode(&child, child_offset));
    res = dwarf_siblingof(&child, &child);
    if (!(res >= 0)) Fail(At(child_offset), "dwarf_siblingof failed: {}", DwarfMessage());
  }
  return StoreChildren(offset, children);
}

std::string_view DwarfFile::SourceFileName(const DieNode& node, uint64_t file_index) {
  // The unit is looked up only here: few nodes need a source file name.
  Dwarf_Die die;
  Dwarf_Die cudie;
  if (!(dwarf_offdie(impl_->dwarf, node.offset, &die) != nullptr &&
        dwarf_diecu(&die, &cudie, nullptr, nullptr) != nullptr))
    Fail(At(node.offset), "dwarf_cu_die failed: '{}'", DwarfMessage());
  const DieOffset unit = dwarf_dieoffset(&cudie);
  auto it = impl_->file_names.find(unit);
  if (it == impl_->file_names.end())
    it = impl_->file_names.emplace(unit, FileNames(&cudie, node.offset)).first;
  const std::vector<std::string_view>& names = it->second;
  // Like dwarf_filesrc, which fails only for an index past the file list.
  if (file_index >= names.size())
    Fail(At(node.offset), "dwarf_filesrc failed: DW_AT_decl_file {} is not in the line table",
         file_index);
  return names[file_index];
}

// The unit's file names from its line table header (see line_files.h), or
// from libdw when that header cannot be read here (libdw then decides, and
// its error is the reference's).
std::vector<std::string_view> DwarfFile::FileNames(void* libdw_cudie, DieOffset user) {
  Dwarf_Die& cudie = *static_cast<Dwarf_Die*>(libdw_cudie);
  Dwarf_Attribute attribute;
  Dwarf_Word stmt_list = 0;
  if (impl_->line_sections && dwarf_attr(&cudie, DW_AT_stmt_list, &attribute) != nullptr &&
      dwarf_formudata(&attribute, &stmt_list) == 0) {
    try {
      return ReadLineFileNames(*impl_->line_sections, stmt_list);
    } catch (const Error&) {
      // Fall through to libdw.
    }
  }
  Dwarf_Files* files = nullptr;
  size_t count = 0;
  if (!(dwarf_getsrcfiles(&cudie, &files, &count) == 0))
    Fail(At(user), "dwarf_getsrcfiles failed: '{}'", DwarfMessage());
  std::vector<std::string_view> names;
  for (size_t i = 0; i < count; ++i) {
    const char* name = dwarf_filesrc(files, i, nullptr, nullptr);
    names.emplace_back(name ? name : "");
  }
  return names;
}

void DwarfFile::ForEachChildRaw(DieOffset offset, RawChildVisitor visit, void* context) {
  Dwarf_Die die;
  if (!impl_->DieAt(offset, &die)) Fail(At(offset), "invalid DIE offset: {}", DwarfMessage());
  Dwarf_Die child;
  int res = dwarf_child(&die, &child);
  if (res < 0) Fail(At(offset), "dwarf_child failed: {}", DwarfMessage());
  while (res == 0) {
    Candidate candidate;
    candidate.offset = dwarf_dieoffset(&child);
    candidate.tag = dwarf_tag(&child);
    candidate.has_children = dwarf_haschildren(&child) > 0;
    // Only functions and variables can be exports: their names are read,
    // the other DIEs' are not (measuring every type's name cost 4%).
    if (candidate.tag == DW_TAG_subprogram || candidate.tag == DW_TAG_variable) {
      Dwarf_Attribute attribute;
      if (dwarf_attr(&child, DW_AT_name, &attribute))
        if (const char* text = dwarf_formstring(&attribute)) candidate.name = text;
      if (dwarf_attr(&child, DW_AT_linkage_name, &attribute))
        if (const char* text = dwarf_formstring(&attribute)) candidate.linkage_name = text;
      if (dwarf_attr(&child, DW_AT_abstract_origin, &attribute)) {
        Dwarf_Die origin;
        if (dwarf_formref_die(&attribute, &origin) == nullptr)
          Fail(At(candidate.offset), "invalid reference in attribute 0x{:x}: {}",
               DW_AT_abstract_origin, DwarfMessage());
        candidate.abstract_origin = dwarf_dieoffset(&origin);
      }
    }
    visit(context, candidate);
    res = dwarf_siblingof(&child, &child);
    if (res < 0) Fail(At(candidate.offset), "dwarf_siblingof failed: {}", DwarfMessage());
  }
}

void DwarfFile::WalkUnitRaw(const UnitInfo& unit, RawVisitor visit, void* context,
                            bool skip_bodies) {
  Dwarf_Die die;
  if (!(dwarf_offdie(impl_->dwarf, unit.die, &die) != nullptr))
    Fail(At(unit.die), "invalid unit DIE: {}", DwarfMessage());
  // Iterative pre-order walk; `stack` holds the current path.
  std::vector<Dwarf_Die> stack;
  stack.push_back(die);
  bool descend = true;
  while (!stack.empty()) {
    Dwarf_Die& current = stack.back();
    if (descend) {
      Dwarf_Attribute attribute;
      const char* name =
          dwarf_attr(&current, DW_AT_name, &attribute) ? dwarf_formstring(&attribute) : nullptr;
      const int tag = dwarf_tag(&current);
      const bool has_children =
          dwarf_haschildren(&current) > 0 && !(skip_bodies && tag == DW_TAG_subprogram);
      visit(context, dwarf_dieoffset(&current), tag, name, has_children,
            static_cast<int>(stack.size()) - 1);
      if (has_children) {
        Dwarf_Die child;
        int res = dwarf_child(&current, &child);
        if (!(res >= 0))
          Fail(At(dwarf_dieoffset(&current)), "dwarf_child failed: {}", DwarfMessage());
        if (res == 0) {
          stack.push_back(child);
          continue;
        }
      }
    }
    if (stack.size() == 1) break;  // the unit DIE has no siblings to visit
    int res = dwarf_siblingof(&current, &current);
    if (!(res >= 0))
      Fail(At(dwarf_dieoffset(&current)), "dwarf_siblingof failed: {}", DwarfMessage());
    if (res == 0) {
      descend = true;
      continue;
    }
    stack.pop_back();
    descend = false;
  }
}

}  // namespace kcrc
