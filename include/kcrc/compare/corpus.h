// One side of a comparison: every record of a symtypes file, a consolidated
// file or a directory tree of symtypes files.
//
// STORAGE: records are kept once per distinct definition. For each key the
// corpus keeps the list of its definitions in file order, recording a new one
// only when the text changes (the consolidated format's rule, consolidate.h).
// A file sees, for each key, its own definition or else the latest one of an
// earlier file: Lookup(file, key) is a hash look-up plus a binary search in a
// list that almost always has one entry. A plain file holding several sorted
// blocks (gen run on several objects) counts as one file per block.
//
// Exports are the symbol records; a symbol defined in several files belongs to
// the first of them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kcrc/symtypes/parser.h"

namespace kcrc {

using FileId = uint32_t;
using RecordId = uint32_t;

struct Export {
  std::string_view name;
  FileId file;
  RecordId record;
};

class Corpus {
 public:
  // Reads a plain or consolidated symtypes file, or a directory of
  // `*.symtypes` files. `threads` bounds parsing parallelism (0: default).
  static Corpus Load(const std::string& path, int threads = 0);
  static Corpus FromFiles(std::vector<SymtypesFile> files, std::string name = "<memory>");

  Corpus(Corpus&&) = default;
  Corpus& operator=(Corpus&&) = default;

  const std::string& name() const { return name_; }
  const std::vector<Export>& exports() const { return exports_; }  // sorted by name
  const Export* FindExport(std::string_view name) const;

  // The record `key` resolves to in `file`'s scope.
  std::optional<RecordId> Lookup(FileId file, std::string_view key) const;
  const Record& record(RecordId id) const { return *records_[id]; }
  size_t record_count() const { return records_.size(); }

  // Number of distinct definitions of `key` (0 when unknown).
  size_t DefinitionCount(std::string_view key) const;

  // The keys with at least one definition.
  std::vector<std::string_view> Keys() const;

  // The CRC of an export, computed against its file's scope.
  uint32_t Crc(const Export& e) const;

  // byte_size of the type `key` names in `file`, following typedefs.
  std::optional<uint64_t> SizeOf(FileId file, std::string_view key, int depth = 0) const;

  const std::string& file_path(FileId file) const { return files_[file].path; }

 private:
  Corpus() = default;
  void Index();

  std::string name_;
  std::vector<SymtypesFile> files_;
  std::vector<const Record*> records_;
  // key -> (file, record) definitions in file order.
  std::unordered_map<std::string_view, std::vector<std::pair<FileId, RecordId>>> defs_;
  std::vector<Export> exports_;
};

}  // namespace kcrc
