// `gen`: symbol versions and symtypes for the exports of object files, the
// reference's pipeline object by object:
//   exports -> symbol table (aliases) -> kABI rules -> units (FQN pass, export
//   pass, pointer pass) -> type map -> versions -> symtypes block.
//
// GUARANTEES: CRCs and symtypes bytes identical to the reference for one
// object; with several objects each object is processed on its own (aliases
// are matched within one object only; see docs/design.md), and a symbol
// versioned by an earlier object is not versioned again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kcrc/base/diagnostics.h"
#include "kcrc/render/type_map.h"

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
  bool keep_types = false;     // keep the last object's type map (last_types())
  bool always_replay = false;  // replay cached renderings even when not needed (tests)
  // Threads for the units of one large linked object (1: render on the
  // calling thread): of at least parallel_min_units units and not
  // relocatable (a libdw handle per thread pays off only there: a
  // relocatable object's relocations would be applied again by each). 0:
  // any object (tests). The outputs do not depend on either.
  size_t jobs = 1;
  size_t parallel_min_units = 64;
  // With jobs, an object's symbols are versioned on several threads when
  // there are at least this many (0: always; tests).
  size_t parallel_min_versions = 256;
};

struct ExportVersion {
  std::string name;
  std::optional<uint32_t> crc;  // nullopt: no type information was found
};

class Generator {
 public:
  Generator(std::vector<std::string> exports, GenOptions options, Diagnostics& diagnostics);
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  // Processes one object file; throws Error naming the file on bad input.
  void ProcessObject(const std::string& path);

  // The symtypes text so far: one sorted block per object.
  const std::string& symtypes() const { return symtypes_; }

  // Every export in input order with its CRC.
  std::vector<ExportVersion> Versions() const;

  // Findings of the --stable layout check (one message each), and with
  // kabi_report the report text.
  const std::vector<std::string>& kabi_findings() const { return kabi_findings_; }
  const std::string& kabi_report() const { return kabi_report_; }

  // With keep_types: the type map of the last object processed.
  const TypeMap& last_types() const;

 public:
  struct Impl;  // defined in generator.cc

 private:
  Impl* impl_;
  std::string symtypes_;
  std::vector<std::string> kabi_findings_;
  std::string kabi_report_;
};

}  // namespace kcrc
