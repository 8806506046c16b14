// One side of a comparison: every record of a symtypes file, a consolidated
// file or a directory tree of symtypes files.
//
// STORAGE: the corpus keeps the file texts and refers to each record's key
// and value inside them; a record is tokenized (TokenizeValue, the parser's
// model) only when something needs its tokens, such as a CRC or a diff, once
// per record and thread-safely. Comparing and walking records works on the
// raw text, whose bytes are the tokens' bytes.
//
// For each key the corpus keeps the list of its distinct definitions in file
// order, recording a new one only when the text changes (the consolidated
// format's rule, consolidate.h). A file sees, for each key, its own definition
// or else the latest one of an earlier file: MaybeLookup(file, key) is a hash
// look-up plus a binary search in a list that almost always has one entry. A
// plain file holding several sorted blocks (gen run on several objects)
// counts as one file per block.
//
// Exports are the symbol records; a symbol defined in several files belongs to
// the first of them.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kcrc/base/string_hash.h"
#include "kcrc/symtypes/parser.h"

namespace kcrc {

using FileId = uint32_t;
using RecordId = uint32_t;
using KeyId = uint32_t;

struct Export {
  std::string_view name;
  FileId file;
  RecordId record;
};

class Corpus {
 public:
  // Reads a plain or consolidated symtypes file, or a directory of
  // `*.symtypes` files (in bytewise order of their relative paths; read and
  // scanned in parallel with at most `threads` threads, 0: all cores).
  static Corpus Load(const std::string& path, int threads = 0);
  // The same from text in memory; `name` is used in messages.
  static Corpus FromText(std::string text, const std::string& name);

  Corpus(Corpus&&) = default;
  Corpus& operator=(Corpus&&) = default;

  const std::string& name() const { return name_; }
  const std::vector<Export>& exports() const { return exports_; }  // sorted by name
  const Export* FindExport(std::string_view name) const;

  // The record `key` resolves to in `file`'s scope.
  std::optional<RecordId> MaybeLookup(FileId file, std::string_view key) const;

  std::string_view key(RecordId id) const { return records_[id].key; }
  std::string_view text(RecordId id) const { return records_[id].value; }
  // Tokenized on first use. Throws (naming file and line) on a malformed value.
  const TokenList& tokens(RecordId id) const;
  size_t record_count() const { return records_.size(); }

  using Definitions = std::vector<std::pair<FileId, RecordId>>;

  // The distinct definitions of `key` in file order (each differs from the
  // one before it), or null when the key is unknown.
  const Definitions* MaybeDefinitions(std::string_view key) const;

  // Keys by dense id, 0 <= id < key_count().
  size_t key_count() const { return key_names_.size(); }
  std::string_view key_name(KeyId key) const { return key_names_[key]; }
  const Definitions& definitions(KeyId key) const { return defs_[key]; }
  std::optional<KeyId> MaybeKeyId(std::string_view key) const;

  // The CRC of an export, computed against its file's scope.
  //
  // GUARANTEES: equal to ComputeVersion (version/crc.h) over the same records
  // with the same resolution (CrcReference, checked by tests on the
  // conformance pack, the fixtures and random graphs). It walks the same
  // tokens in the same order but resolves references through key ids stored
  // when a record is tokenized, and marks records seen in a flat array, which
  // makes it several times faster on kernel-sized closures.
  uint32_t Crc(const Export& e) const;
  uint32_t CrcReference(const Export& e) const;

  const std::string& file_path(FileId file) const { return files_[file]; }

  // The key of each reference of a record, in order (kNoKey: not defined in
  // this corpus), and a key's definition in a file's scope; for walks by id.
  static constexpr KeyId kNoKey = ~KeyId{0};
  const std::vector<KeyId>& RefKeys(RecordId id) const { return Tokenized(id).refs; }
  std::optional<RecordId> MaybeLookupKey(FileId file, KeyId key) const;

 private:
  struct Stored {
    std::string_view key;
    std::string_view value;
    FileId file;
    uint32_t line;
  };
  struct Lazy {
    std::once_flag once;
    TokenList tokens;
    std::vector<KeyId> refs;  // the key of each reference token, in order
  };
  class FastVersioner;

  const Lazy& Tokenized(RecordId id) const;

  // The files and records of one text, with file ids local to it.
  struct Scanned {
    std::vector<std::string> files;
    std::vector<Stored> records;
  };

  Corpus() = default;
  // Splits one text into files (sections if consolidated, else sorted
  // blocks) and records. `source` names the text in errors; `path` is the
  // file's name in the corpus.
  static Scanned Scan(std::string_view text, const std::string& source, const std::string& path);
  void Append(Scanned scanned);
  void Index();

  std::string name_;
  std::deque<std::string> texts_;  // a deque: string_views into it stay valid
  std::vector<std::string> files_;
  std::vector<Stored> records_;     // every record, in file order
  std::vector<RecordId> distinct_;  // records_ indices that start a definition
  std::unique_ptr<std::deque<Lazy>> lazy_;
  std::unordered_map<std::string_view, KeyId, StringHash> key_ids_;
  std::vector<Definitions> defs_;            // by KeyId
  std::vector<std::string_view> key_names_;  // by KeyId
  std::vector<Export> exports_;
};

}  // namespace kcrc
