// `gen`: symbol versions and symtypes for the exports of object files, the
// reference's pipeline object by object (src/gen/generate_object.cc lists
// its stages):
//   symbol table (aliases) -> kABI rules -> DWARF -> units (export pass,
//   mapping, rendering, merge) -> versions -> symtypes -> kABI checks.
//
// GUARANTEES: CRCs and symtypes bytes identical to the reference for one
// object; with several objects each object is processed on its own (aliases
// are matched within one object only; see docs/design.md), and a symbol
// versioned by an earlier object is not versioned again. Outputs do not
// depend on the number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kcrc/base/diagnostics.h"
#include "kcrc/base/workers.h"

namespace kcrc {

enum class KabiCheckMode { kOff, kWarn, kError };

struct GenOptions {
  bool stable = false;
  bool symtypes = false;  // build symbol entries and the symtypes text
  bool dump_dies = false;
  bool dump_types = false;
  bool dump_versions = false;
  KabiCheckMode kabi_check = KabiCheckMode::kWarn;  // with stable
  bool kabi_report = false;                         // with stable
};

struct ExportVersion {
  std::string name;
  std::optional<uint32_t> crc;  // nullopt: no type information was found
};

struct GenTuning;  // tests only: src/gen/tuning.h
class ElfFile;
class ExportList;

class Generator {
 public:
  // The context's workers may render the units of a large linked object
  // (vmlinux) and version many symbols in parallel.
  Generator(std::vector<std::string> exports, GenOptions options, const Context& context,
            const GenTuning* tuning = nullptr);
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  // Processes one object file; throws Error naming the file on bad input.
  void ProcessObject(const std::string& path);
  // The same for a file opened already (its DWARF is read from its bytes,
  // which libdwfl relocates in place).
  void ProcessObject(ElfFile& elf);

  // The symtypes text so far: one sorted block per object.
  const std::string& symtypes() const { return symtypes_; }

  // Every export with its CRC, in the order the reference prints them (its
  // symbol table's: FNV-1a buckets ascending, the latest added first).
  std::vector<ExportVersion> Versions() const;

  // Findings of the --stable layout check (one message each), and with
  // kabi_report the report text.
  const std::vector<std::string>& kabi_findings() const { return kabi_findings_; }
  const std::string& kabi_report() const { return kabi_report_; }

 private:
  std::vector<std::string> names_;  // for the report's run without --stable
  GenOptions options_;
  Context context_;
  std::unique_ptr<GenTuning> tuning_;
  std::unique_ptr<ExportList> exports_;
  int objects_ = 0;
  std::string symtypes_;
  std::vector<std::string> kabi_findings_;
  std::string kabi_report_;
};

// The reference's last step (symbol_print_versions): a `#SYMVER <name>
// 0x<crc>` line per export, in the given order, and a warning through
// `diagnostics` for each export without type information (its CRC printed as
// 0x00000000).
std::string SymverText(const std::vector<ExportVersion>& versions, Diagnostics& diagnostics);

// The warning SymverText gives for an export without type information.
std::string NoInformationWarning(const std::string& name);

}  // namespace kcrc
