// kcrc_dwarf_walk: the practical floor for any DWARF tool, for scripts/bench.
// Opens each file the way kcrc does (libdwfl offline reporting, relocations
// of ET_REL objects applied), visits every DIE of every unit and reads every
// attribute with the libdw call its form calls for. Prints the DIE and
// attribute counts and a checksum (so nothing is optimised away).
//
// A benchmark tool, not part of kcrc: it is the one file outside src/dwarf/
// that includes libdw, on purpose (it measures libdw itself).
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/elf/elf_file.h"

namespace {

struct Totals {
  uint64_t dies = 0;
  uint64_t attributes = 0;
  uint64_t checksum = 0;
};

int TakeDwarf(Dwfl_Module* module, void**, const char*, Dwarf_Addr, void* arg) {
  Dwarf_Addr bias = 0;
  *static_cast<Dwarf**>(arg) = dwfl_module_getdwarf(module, &bias);
  return DWARF_CB_ABORT;
}

int ReadAttribute(Dwarf_Attribute* attribute, void* arg) {
  auto& totals = *static_cast<Totals*>(arg);
  ++totals.attributes;
  uint64_t value = 0;
  switch (dwarf_whatform(attribute)) {
    case DW_FORM_string:
    case DW_FORM_strp:
    case DW_FORM_line_strp:
    case DW_FORM_strx:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4:
    case DW_FORM_GNU_strp_alt: {
      const char* text = dwarf_formstring(attribute);
      value = text ? static_cast<unsigned char>(text[0]) : 0;
      break;
    }
    case DW_FORM_ref1:
    case DW_FORM_ref2:
    case DW_FORM_ref4:
    case DW_FORM_ref8:
    case DW_FORM_ref_udata:
    case DW_FORM_ref_addr:
    case DW_FORM_ref_sig8:
    case DW_FORM_GNU_ref_alt: {
      Dwarf_Die target;
      if (dwarf_formref_die(attribute, &target)) value = dwarf_dieoffset(&target);
      break;
    }
    case DW_FORM_flag:
    case DW_FORM_flag_present: {
      bool flag = false;
      dwarf_formflag(attribute, &flag);
      value = flag;
      break;
    }
    case DW_FORM_sdata:
    case DW_FORM_implicit_const: {
      Dwarf_Sword sword = 0;
      dwarf_formsdata(attribute, &sword);
      value = static_cast<uint64_t>(sword);
      break;
    }
    case DW_FORM_addr:
    case DW_FORM_addrx:
    case DW_FORM_addrx1:
    case DW_FORM_addrx2:
    case DW_FORM_addrx3:
    case DW_FORM_addrx4: {
      Dwarf_Addr address = 0;
      dwarf_formaddr(attribute, &address);
      value = address;
      break;
    }
    case DW_FORM_block:
    case DW_FORM_block1:
    case DW_FORM_block2:
    case DW_FORM_block4:
    case DW_FORM_exprloc: {
      Dwarf_Block block;
      if (dwarf_formblock(attribute, &block) == 0) value = block.length;
      break;
    }
    default: {  // data1..data16, udata, sec_offset, loclistx, rnglistx
      Dwarf_Word word = 0;
      dwarf_formudata(attribute, &word);
      value = word;
      break;
    }
  }
  totals.checksum = totals.checksum * 31 + value;
  return DWARF_CB_OK;
}

void WalkUnit(Dwarf_Die* unit, Totals& totals) {
  std::vector<Dwarf_Die> stack{*unit};
  bool descend = true;
  while (!stack.empty()) {
    Dwarf_Die& current = stack.back();
    if (descend) {
      ++totals.dies;
      totals.checksum += static_cast<uint64_t>(dwarf_tag(&current));
      dwarf_getattrs(&current, ReadAttribute, &totals, 0);
      Dwarf_Die child;
      if (dwarf_haschildren(&current) > 0 && dwarf_child(&current, &child) == 0) {
        stack.push_back(child);
        continue;
      }
    }
    if (stack.size() == 1) break;
    if (dwarf_siblingof(&current, &current) == 0) {
      descend = true;
      continue;
    }
    stack.pop_back();
    descend = false;
  }
}

// Reports `path` the way kcrc's DwarfFile does: a relocatable file is read
// into memory (libdwfl relocates its debug sections in place), a linked one
// is mapped (by libelf here). `image` keeps the bytes for the life of the
// Dwfl.
bool Report(Dwfl* dwfl, const char* path, std::string& image) {
  if (kcrc::IsRelocatableFile(path)) {
    try {
      image = kcrc::ReadFile(path);
    } catch (const kcrc::Error&) {
      return false;
    }
    return dwfl_report_offline_memory(dwfl, path, path, image.data(), image.size()) != nullptr;
  }
  return dwfl_report_offline(dwfl, path, path, -1) != nullptr;
}

bool WalkFile(const char* path, Totals& totals) {
  static const Dwfl_Callbacks kOfflineCallbacks = {
      .find_elf = dwfl_build_id_find_elf,
      .find_debuginfo = dwfl_standard_find_debuginfo,
      .section_address = dwfl_offline_section_address,
      .debuginfo_path = nullptr,
  };
  Dwfl* dwfl = dwfl_begin(&kOfflineCallbacks);
  if (dwfl == nullptr) return false;
  std::string image;
  bool ok = Report(dwfl, path, image);
  dwfl_report_end(dwfl, nullptr, nullptr);
  Dwarf* dwarf = nullptr;
  if (ok) dwfl_getmodules(dwfl, TakeDwarf, &dwarf, 0);
  ok = ok && dwarf != nullptr;
  Dwarf_CU* cu = nullptr;
  Dwarf_CU* next = nullptr;
  Dwarf_Half version = 0;
  uint8_t unit_type = 0;
  Dwarf_Die cudie;
  while (ok && dwarf_get_units(dwarf, cu, &next, &version, &unit_type, &cudie, nullptr) == 0) {
    WalkUnit(&cudie, totals);
    cu = next;
  }
  dwfl_end(dwfl);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0) {
    std::fprintf(stderr, "usage: kcrc_dwarf_walk FILE...\n");
    return 2;
  }
  Totals totals;
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    if (!WalkFile(argv[i], totals)) {
      std::fprintf(stderr, "kcrc_dwarf_walk: %s: no DWARF\n", argv[i]);
      status = 2;
    }
  }
  std::printf("dies %llu attributes %llu checksum %016llx\n",
              static_cast<unsigned long long>(totals.dies),
              static_cast<unsigned long long>(totals.attributes),
              static_cast<unsigned long long>(totals.checksum));
  return status;
}
