#include "kcrc/check/why.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "kcrc/base/diagnostics.h"
#include "kcrc/base/error.h"
#include "kcrc/base/workers.h"
#include "kcrc/gen/generator.h"

namespace kcrc {
namespace {

// `structure_type foo { }`: a type the module only declares.
bool IsDeclaration(std::string_view value) {
  const size_t space = value.find(' ');
  return value.ends_with(" { }") && space != std::string_view::npos &&
         value.substr(0, space).ends_with("_type") &&
         value.find(' ', space + 1) == value.size() - 4;
}

// The module's records with each type that one side only declares taken as
// the kernel has it, and the kernel's records of what those reach that the
// module has none of. A module that only declared `struct device` never saw
// its members; an exporter that only declared it made its CRC without them
// (the kernel's records of one export are its exporter's view, `scope`).
// Either way the members cannot be why the CRCs differ; without this each
// such type would be a "cause", and walking them costs as much as the
// kernel's closure. Records stay sorted by key (a plain symtypes file's
// order).
std::string CompleteDeclarations(std::string_view module_text, const Corpus& kernel, FileId scope) {
  std::map<std::string, std::string, std::less<>> records;
  while (!module_text.empty()) {
    const size_t end = std::min(module_text.find('\n'), module_text.size());
    const std::string_view line = module_text.substr(0, end);
    module_text.remove_prefix(std::min(end + 1, module_text.size()));
    const size_t space = line.find(' ');
    if (space == std::string_view::npos) continue;
    records.emplace(std::string(line.substr(0, space)), std::string(line.substr(space + 1)));
  }
  std::vector<KeyId> pending;
  for (auto& [key, value] : records) {
    const std::optional<KeyId> id = kernel.MaybeKeyId(key);
    const std::optional<RecordId> record = id ? kernel.MaybeLookupKey(scope, *id) : std::nullopt;
    if (!record) continue;
    const std::string_view theirs = kernel.text(*record);
    if (IsDeclaration(value) != IsDeclaration(theirs)) {
      value = std::string(theirs);
      pending.push_back(*id);
    }
  }
  while (!pending.empty()) {
    const KeyId id = pending.back();
    pending.pop_back();
    const std::optional<RecordId> record = kernel.MaybeLookupKey(scope, id);
    if (!record) continue;
    for (KeyId ref : kernel.RefKeys(*record)) {
      if (ref == Corpus::kNoKey) continue;
      const std::optional<RecordId> target = kernel.MaybeLookupKey(scope, ref);
      if (!target) continue;
      auto [it, added] =
          records.try_emplace(std::string(kernel.key_name(ref)), std::string(kernel.text(*target)));
      if (added) pending.push_back(ref);
    }
  }
  std::string text;
  for (const auto& [key, value] : records) text += key + " " + value + "\n";
  return text;
}

// A module declares what it imports: a declaration's parameters have no
// names (gcc) or the header's names, so a rename of a parameter of the
// import itself is not something the module's debug info can show.
void DropParameterRenames(ExplainedCause& cause, const std::string& symbol) {
  if (cause.key != symbol) return;
  std::erase_if(cause.changes, [](const Change& c) {
    return c.kind == ChangeKind::kParameterRenamed ||
           (c.kind == ChangeKind::kParameterChanged && c.old_type == c.new_type);
  });
}

ImportWhy Unexplained(const std::string& symbol, WhyStatus status, std::string note) {
  ImportWhy why;
  why.symbol = symbol;
  why.status = status;
  why.note = std::move(note);
  return why;
}

ImportWhy ExplainOne(const std::string& symbol, const Corpus& module, const Corpus& kernel,
                     const std::optional<uint32_t>& module_crc) {
  if (symbol == "module_layout")
    return Unexplained(symbol, WhyStatus::kNotInModule,
                       "modules do not call module_layout: its CRC is that of the structures the "
                       "loader reads from a module (struct module, modversion_info, kernel_param, "
                       "kernel_symbol, tracepoint); the module was built against another build "
                       "of the kernel");
  if (!kernel.FindExport(symbol))
    return Unexplained(symbol, WhyStatus::kNotInKernel,
                       fmt::format("the kernel's symtypes have no record of {}", symbol));
  if (!module_crc || !module.FindExport(symbol))
    return Unexplained(symbol, WhyStatus::kNotInModule,
                       fmt::format("the module's debug info has no declaration of {} (a compiler "
                                   "emits one for what a unit calls or takes the address of)",
                                   symbol));
  const Explanation explanation = Explain(module, kernel, symbol);
  ImportWhy why;
  why.symbol = symbol;
  why.kernel_records_crc = explanation.new_crc;
  for (ExplainedCause cause : explanation.causes) {
    DropParameterRenames(cause, symbol);
    if (!cause.changes.empty()) why.causes.push_back(std::move(cause));
  }
  if (!why.causes.empty()) {
    why.status = WhyStatus::kExplained;
  } else {
    why.status = WhyStatus::kTypesEqual;
    why.note =
        "the types the module's debug info gives are the kernel's records (but for the names "
        "of the import's parameters, which a declaration does not carry, and the members of "
        "types it only declares, which it never saw)";
  }
  return why;
}

}  // namespace

std::string_view WhyStatusName(WhyStatus status) {
  switch (status) {
    case WhyStatus::kExplained:
      return "explained";
    case WhyStatus::kTypesEqual:
      return "types_equal";
    case WhyStatus::kNoDebugInfo:
      return "no_debug_info";
    case WhyStatus::kNotInModule:
      return "not_in_module";
    case WhyStatus::kNotInKernel:
      return "not_in_kernel_symtypes";
    case WhyStatus::kFailed:
      return "failed";
  }
  return "?";
}

KernelCrcOrigin MeasureKernelCrcOrigin(const Corpus& symtypes, const KernelExports& kernel,
                                       size_t max_samples) {
  std::vector<std::pair<const Export*, uint32_t>> candidates;
  for (const KernelExport* e : kernel.Sorted()) {
    if (!e->crc) continue;
    if (const Export* record = symtypes.FindExport(e->name))
      candidates.emplace_back(record, *e->crc);
  }
  KernelCrcOrigin origin;
  const size_t step = std::max<size_t>(1, candidates.size() / std::max<size_t>(1, max_samples));
  for (size_t i = 0; i < candidates.size() && origin.sampled < max_samples; i += step) {
    ++origin.sampled;
    if (symtypes.Crc(*candidates[i].first) == candidates[i].second) ++origin.agreeing;
  }
  return origin;
}

std::vector<ImportWhy> ExplainImports(ElfFile& elf, bool has_debug_info,
                                      const std::vector<std::string>& symbols,
                                      const Corpus& kernel_symtypes, Workers& workers) {
  std::vector<ImportWhy> whys;
  if (!has_debug_info) {
    for (const std::string& symbol : symbols)
      whys.push_back(Unexplained(
          symbol, WhyStatus::kNoDebugInfo,
          "the module has no debug info (.debug_info): give the module as built, or from its "
          "debug package, with DWARF (CONFIG_DEBUG_INFO) to see which types differ"));
    return whys;
  }
  std::string symtypes;
  std::vector<ExportVersion> versions;
  try {
    NullDiagnostics diagnostics;
    GenOptions options;
    options.symtypes = true;
    Generator generator(symbols, options, {workers, diagnostics});
    generator.ProcessObject(elf);
    versions = generator.Versions();
    symtypes = generator.symtypes();
  } catch (const Error& error) {
    for (const std::string& symbol : symbols)
      whys.push_back(
          Unexplained(symbol, WhyStatus::kFailed,
                      fmt::format("reading the module's DWARF failed: {}", error.what())));
    return whys;
  }
  // One view of the module per exporter: the kernel's records of an export
  // are those of its exporter's file (vmlinux, or a module).
  std::map<FileId, Corpus> views;
  for (const std::string& symbol : symbols) {
    std::optional<uint32_t> crc;
    for (const ExportVersion& version : versions)
      if (version.name == symbol) crc = version.crc;
    const Export* e = kernel_symtypes.FindExport(symbol);
    const FileId scope = e ? e->file : 0;
    auto view = views.find(scope);
    if (view == views.end())
      view =
          views
              .emplace(scope, Corpus::FromText(
                                  CompleteDeclarations(symtypes, kernel_symtypes, scope), "module"))
              .first;
    whys.push_back(ExplainOne(symbol, view->second, kernel_symtypes, crc));
  }
  return whys;
}

}  // namespace kcrc
