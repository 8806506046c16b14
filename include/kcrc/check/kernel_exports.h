// The kernel side of `kcrc check`: every symbol the kernel exports to
// modules, with the CRC the module loader compares, its GPL-only flag and
// namespace, and what else the loader checks a module against (vermagic,
// sizeof(struct module)) where the input tells.
//
// INPUTS (several merge, in the order given; the first provider of a name
// wins, as the loader's find_symbol takes the first it finds and refuses a
// module that exports a name already exported):
//   - a Module.symvers (symvers/module_symvers.h: ksymvers' grammar, fields
//     separated by any white space), plain or compressed (gzip, xz, zstd:
//     recognised by their magic numbers). A file whose CRCs are all 0x00000000 is a kernel
//     without CONFIG_MODVERSIONS (modpost writes 0 then): it has no CRCs.
//   - a directory: a built tree or an extracted debug package, read like
//     `kcrc scan` finds its files (vmlinux, vmlinux-<release>, *.ko[.xz|.zst]);
//     exports, kinds, namespaces and CRCs come from the binaries
//     (scan/export_info.h), vermagic from vmlinux's `vermagic` string or else
//     the modules' .modinfo, sizeof(struct module) from the modules'
//     .gnu.linkonce.this_module sections when they agree.
//   - one ELF file (vmlinux, or a module that provides exports).
//
// SPEED: the binaries of a tree are read in parallel (oneTBB), each once;
// only their symbol tables and a few small sections are touched.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kcrc {

struct KernelExport {
  std::string name;
  std::optional<uint32_t> crc;  // nullopt: its exporter supplies no CRCs
  std::string kind;             // EXPORT_SYMBOL, EXPORT_SYMBOL_GPL, ...
  std::string name_space;       // "" when none
  std::string module;           // "vmlinux" or the exporting module's name
  // The exporting module's license is not GPL-compatible (known for trees
  // only): the loader's inherit_taint refuses GPL users of its symbols.
  bool owner_proprietary = false;

  bool gpl_only() const;
};

enum class KernelInputKind { kSymvers, kTree, kBinary };

struct KernelInput {
  std::string path;
  KernelInputKind kind = KernelInputKind::kSymvers;
  size_t exports = 0;   // names it provided (before merging)
  size_t binaries = 0;  // trees: files read
};

class KernelExports {
 public:
  const KernelExport* Find(std::string_view name) const;
  size_t size() const { return exports_.size(); }
  // Every export, sorted by name.
  std::vector<const KernelExport*> Sorted() const;

  // Whether any export carries a CRC (the kernel has CONFIG_MODVERSIONS).
  bool has_crcs() const { return has_crcs_; }

  // The kernel's VERMAGIC_STRING and sizeof(struct module), when an input told.
  const std::optional<std::string>& vermagic() const { return vermagic_; }
  const std::optional<uint64_t>& module_struct_size() const { return module_struct_size_; }
  const std::vector<KernelInput>& inputs() const { return inputs_; }
  // Things worth telling about the inputs (names exported twice, ...).
  const std::vector<std::string>& notes() const { return notes_; }

  // Merges one input's exports; the first provider of a name wins.
  void Merge(KernelInput input, std::vector<KernelExport> exports);
  void SetVermagic(std::string vermagic);  // unless one is set
  // What the user says the kernel's vermagic is (check --kernel-vermagic).
  void OverrideVermagic(std::string vermagic) { vermagic_ = std::move(vermagic); }
  void SetModuleStructSize(uint64_t size);
  void AddNote(std::string note) { notes_.push_back(std::move(note)); }

 private:
  std::unordered_map<std::string, KernelExport> exports_;
  bool has_crcs_ = false;
  std::optional<std::string> vermagic_;
  std::optional<uint64_t> module_struct_size_;
  std::vector<KernelInput> inputs_;
  std::vector<std::string> notes_;
  size_t duplicates_ = 0;
};

class Workers;

// Reads and merges `paths` (see INPUTS), the binaries of a tree on
// `workers`. Throws Error naming the file on unreadable or malformed input.
KernelExports LoadKernel(const std::vector<std::string>& paths, Workers& workers);

// The exports of a Module.symvers text (CRCs dropped when all are zero).
std::vector<KernelExport> ParseKernelSymvers(std::string_view text, const std::string& path);

}  // namespace kcrc
