#include "kcrc/scan/scan.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "kcrc/base/diagnostics.h"
#include "kcrc/base/error.h"
#include "kcrc/elf/elf_file.h"
#include "kcrc/exports/auto_exports.h"
#include "kcrc/gen/generator.h"
#include "kcrc/scan/decompress.h"
#include "kcrc/scan/export_info.h"

namespace kcrc {
namespace {

class CollectingDiagnostics : public Diagnostics {
 public:
  explicit CollectingDiagnostics(std::vector<std::string>& warnings) : warnings_(warnings) {}
  void Warning(std::string_view message) override { warnings_.emplace_back(message); }
  void Dump(std::string_view) override {}  // scan has no dump options

 private:
  std::vector<std::string>& warnings_;
};

// One object, exactly as `kcrc gen --exports=auto <object>`.
ObjectResult ScanOne(const ScanInput& input, const ScanOptions& options, Workers& workers,
                     Metrics* metrics) {
  ObjectResult result;
  try {
    // One open: a compressed module is decompressed into memory.
    std::optional<ElfFile> elf;
    if (input.compression != Compression::kNone)
      elf.emplace(input.path, Decompress(input.path, input.compression));
    else
      elf.emplace(input.path);
    std::vector<std::string> exports = FindExports(*elf);
    std::unordered_map<std::string, ExportInfo> info;
    for (ExportInfo& entry : ReadExportInfo(*elf)) info.emplace(entry.name, std::move(entry));
    if (exports.empty()) return result;  // gen touches nothing either

    CollectingDiagnostics diagnostics(result.warnings);
    GenOptions gen_options;
    gen_options.stable = options.stable;
    gen_options.symtypes = options.symtypes;
    // The workers render vmlinux's units in parallel too.
    Generator generator(std::move(exports), gen_options, {workers, diagnostics, metrics});
    generator.ProcessObject(*elf);
    for (const std::string& finding : generator.kabi_findings())
      result.warnings.push_back("kabi: " + finding);
    for (const ExportVersion& version : generator.Versions()) {
      if (!version.crc) result.warnings.push_back(NoInformationWarning(version.name));
      SymversEntry entry{version.name, version.crc.value_or(0), input.module, "EXPORT_SYMBOL", {}};
      auto it = info.find(version.name);
      if (it != info.end()) {
        entry.kind = it->second.kind;
        entry.name_space = it->second.name_space;
      }
      result.exports.push_back(std::move(entry));
    }
    if (options.symtypes) result.symtypes = generator.symtypes();
  } catch (const Error& e) {
    result.error = e.what();
  } catch (const std::bad_alloc&) {
    result.error = input.path + ": out of memory";
  }
  return result;
}

}  // namespace

std::vector<ObjectResult> ScanObjects(const std::vector<ScanInput>& inputs,
                                      const ScanOptions& options, Workers& workers,
                                      Metrics* metrics) {
  std::vector<ObjectResult> results(inputs.size());
  // Largest first: vmlinux alone takes as long as hundreds of modules, and
  // must not start last.
  std::vector<size_t> order(inputs.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return inputs[a].size > inputs[b].size; });
  std::atomic<size_t> done{0};
  // Each result slot is written by exactly one task; the merge below reads
  // them in input order, so the outputs do not depend on scheduling. One
  // object per task: objects differ in cost by four orders of magnitude.
  workers.ForEach(order.size(), [&](size_t i) {
    const size_t index = order[i];
    results[index] = ScanOne(inputs[index], options, workers, metrics);
    const size_t finished = ++done;
    if (options.progress) options.progress(finished, inputs.size());
  });
  return results;
}

std::string SymversText(const std::vector<ObjectResult>& results) {
  std::vector<const SymversEntry*> entries;
  for (const ObjectResult& result : results)
    for (const SymversEntry& entry : result.exports) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(), [](const SymversEntry* a, const SymversEntry* b) {
    return a->name != b->name ? a->name < b->name : a->module < b->module;
  });
  std::string text;
  for (const SymversEntry* entry : entries)
    text += fmt::format("0x{:08x}\t{}\t{}\t{}\t{}\n", entry->crc, entry->name, entry->module,
                        entry->kind, entry->name_space);
  return text;
}

std::string ConsolidatedSymtypes(const std::vector<ScanInput>& inputs,
                                 const std::vector<ObjectResult>& results) {
  std::string text;
  for (size_t i = 0; i < inputs.size() && i < results.size(); ++i) {
    if (results[i].symtypes.empty()) continue;
    text += fmt::format("/* {}.symtypes */\n", inputs[i].module);
    text += results[i].symtypes;
  }
  return text;
}

}  // namespace kcrc
