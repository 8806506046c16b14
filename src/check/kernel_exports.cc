#include "kcrc/check/kernel_exports.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>

#include "kcrc/base/error.h"
#include "kcrc/base/mapped_file.h"
#include "kcrc/base/workers.h"
#include "kcrc/check/loader.h"
#include "kcrc/check/module_file.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/scan/decompress.h"
#include "kcrc/scan/discover.h"
#include "kcrc/scan/export_info.h"
#include "kcrc/symvers/module_symvers.h"

namespace kcrc {
namespace {

// What one binary of a tree tells about the kernel.
struct BinaryFacts {
  std::vector<KernelExport> exports;
  std::optional<std::string> vermagic;         // vmlinux's VERMAGIC_STRING
  std::optional<std::string> module_vermagic;  // a module's .modinfo vermagic=
  std::optional<uint64_t> this_module_size;
  std::optional<std::string> error;
};

BinaryFacts ReadBinary(const ScanInput& input) {
  BinaryFacts facts;
  try {
    const std::unique_ptr<ElfFile> binary = OpenBinary(input.path, input.compression);
    const ElfFile& elf = *binary;
    bool proprietary = false;
    if (input.module != "vmlinux") {
      const ModuleFile module = ReadModuleFile(elf, input.path);
      const std::optional<std::string_view> license = module.Modinfo("license");
      proprietary = !license || !LicenseIsGplCompatible(*license);
      if (auto vermagic = module.Modinfo("vermagic"))
        facts.module_vermagic = std::string(*vermagic);
      if (module.this_module_sections == 1) facts.this_module_size = module.this_module_size;
    } else {
      for (const ElfSymbol& symbol : elf.symbols()) {
        if (symbol.name != "vermagic" || symbol.binding != 0) continue;  // STB_LOCAL
        facts.vermagic = elf.MaybeStringAt(symbol);
        break;
      }
    }
    for (ExportInfo& info : ReadExportInfo(elf)) {
      facts.exports.push_back({std::move(info.name), info.crc, std::move(info.kind),
                               std::move(info.name_space), input.module, proprietary});
    }
  } catch (const Error& error) {
    facts.error = error.what();
    if (input.path != "" && facts.error->find(input.path) == std::string::npos)
      facts.error = input.path + ": " + *facts.error;
  }
  return facts;
}

void LoadTree(const std::string& path, const std::vector<ScanInput>& found, Workers& workers,
              KernelInputKind kind, KernelExports& kernel) {
  // vmlinux first: the loader searches the kernel's own tables before modules'.
  std::vector<ScanInput> inputs = found;
  std::stable_partition(inputs.begin(), inputs.end(),
                        [](const ScanInput& input) { return input.module == "vmlinux"; });
  std::vector<BinaryFacts> facts(inputs.size());
  // One binary per task: vmlinux costs as much as hundreds of modules.
  workers.ForEach(inputs.size(), [&](size_t i) { facts[i] = ReadBinary(inputs[i]); });
  // Errors in input order, whatever order the tasks ran in.
  for (const BinaryFacts& fact : facts)
    if (fact.error) throw Error(*fact.error);

  std::vector<KernelExport> exports;
  std::map<std::string, size_t> vermagics, sizes;
  std::optional<std::string> vmlinux_vermagic;
  for (BinaryFacts& fact : facts) {
    for (KernelExport& e : fact.exports) exports.push_back(std::move(e));
    if (fact.vermagic && !vmlinux_vermagic) vmlinux_vermagic = fact.vermagic;
    if (fact.module_vermagic) ++vermagics[*fact.module_vermagic];
    if (fact.this_module_size) ++sizes[std::to_string(*fact.this_module_size)];
  }
  const size_t count = exports.size();
  kernel.Merge({path, kind, count, inputs.size()}, std::move(exports));
  if (vmlinux_vermagic) {
    kernel.SetVermagic(*vmlinux_vermagic);
  } else if (vermagics.size() == 1) {
    kernel.SetVermagic(vermagics.begin()->first);
  } else if (vermagics.size() > 1) {
    kernel.AddNote(fmt::format("{}: its modules disagree about vermagic ({} values); not checked",
                               path, vermagics.size()));
  }
  if (sizes.size() == 1) {
    kernel.SetModuleStructSize(std::stoull(sizes.begin()->first));
  } else if (sizes.size() > 1) {
    kernel.AddNote(fmt::format(
        "{}: its modules disagree about the size of struct module ({} values); not checked", path,
        sizes.size()));
  }
}

// Peeks at the first bytes without reading the file (vmlinux is 600 MB).
bool HasElfMagic(const std::string& path) {
  const std::optional<MappedFile> file = MappedFile::Open(path);
  return file && std::string_view(file->data(), file->size())
                     .starts_with(
                         "\x7f"
                         "ELF");
}

}  // namespace

bool KernelExport::gpl_only() const { return IsGplOnlyKind(kind); }

const KernelExport* KernelExports::Find(std::string_view name) const {
  auto it = exports_.find(std::string(name));
  return it == exports_.end() ? nullptr : &it->second;
}

std::vector<const KernelExport*> KernelExports::Sorted() const {
  std::vector<const KernelExport*> sorted;
  sorted.reserve(exports_.size());
  for (const auto& [name, e] : exports_) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(),
            [](const KernelExport* a, const KernelExport* b) { return a->name < b->name; });
  return sorted;
}

void KernelExports::Merge(KernelInput input, std::vector<KernelExport> exports) {
  size_t duplicates = 0;
  std::string example;
  for (KernelExport& e : exports) {
    if (e.crc) has_crcs_ = true;
    auto [it, inserted] = exports_.try_emplace(e.name, e);
    if (inserted) continue;
    if (++duplicates == 1)
      example = fmt::format("{} ({} and {})", e.name, it->second.module, e.module);
  }
  if (duplicates) {
    notes_.push_back(fmt::format(
        "{}: {} exported names were already exported (e.g. {}); the first export of each is used",
        input.path, duplicates, example));
  }
  inputs_.push_back(std::move(input));
}

void KernelExports::SetVermagic(std::string vermagic) {
  if (!vermagic_) vermagic_ = std::move(vermagic);
}

void KernelExports::SetModuleStructSize(uint64_t size) {
  if (!module_struct_size_) module_struct_size_ = size;
}

std::vector<KernelExport> ParseKernelSymvers(std::string_view text, const std::string& path) {
  const Symvers symvers = ParseSymvers(text, path);
  std::vector<KernelExport> exports;
  exports.reserve(symvers.exports.size());
  bool any_crc = false;
  for (const SymversExport& e : symvers.exports) {
    any_crc = any_crc || e.crc != 0;
    exports.push_back(
        {e.symbol, e.crc, std::string(e.export_type()), e.name_space, e.module, false});
  }
  if (!any_crc)
    for (KernelExport& e : exports) e.crc.reset();
  return exports;
}

KernelExports LoadKernel(const std::vector<std::string>& paths, Workers& workers) {
  KernelExports kernel;
  for (const std::string& path : paths) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      const std::vector<ScanInput> found = DiscoverObjects({path});
      Check(!found.empty(), "{}: no vmlinux and no modules (*.ko, *.ko.xz, *.ko.zst) in it", path);
      LoadTree(path, found, workers, KernelInputKind::kTree, kernel);
      continue;
    }
    if (HasElfMagic(path)) {
      LoadTree(path, DiscoverObjects({path}), workers, KernelInputKind::kBinary, kernel);
      continue;
    }
    const std::string bytes = ReadMaybeCompressed(path);
    Check(!bytes.empty(), "{}: empty file, not a Module.symvers", path);
    std::vector<KernelExport> exports = ParseKernelSymvers(bytes, path);
    const size_t count = exports.size();
    kernel.Merge({path, KernelInputKind::kSymvers, count, 0}, std::move(exports));
  }
  return kernel;
}

}  // namespace kcrc
