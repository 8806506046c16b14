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
// or else the latest one of an earlier file: Lookup(file, key) is a hash
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
  // `*.symtypes` files (in bytewise order of their relative paths).
  static Corpus Load(const std::string& path);
  // The same from text in memory; `name` is used in messages.
  static Corpus FromText(std::string text, const std::string& name);

  Corpus(Corpus&&) = default;
  Corpus& operator=(Corpus&&) = default;

  const std::string& name() const { return name_; }
  const std::vector<Export>& exports() const { return exports_; }  // sorted by name
  const Export* FindExport(std::string_view name) const;

  // The record `key` resolves to in `file`'s scope.
  std::optional<RecordId> Lookup(FileId file, std::string_view key) const;

  std::string_view key(RecordId id) const { return records_[id].key; }
  std::string_view text(RecordId id) const { return records_[id].value; }
  // Tokenized on first use. Throws (naming file and line) on a malformed value.
  const TokenList& tokens(RecordId id) const;
  size_t record_count() const { return records_.size(); }

  using Definitions = std::vector<std::pair<FileId, RecordId>>;

  // The distinct definitions of `key` in file order (each differs from the
  // one before it), or null when the key is unknown.
  const Definitions* MaybeDefinitions(std::string_view key) const;

  // The keys with at least one definition.
  std::vector<std::string_view> Keys() const;

  // The CRC of an export, computed against its file's scope.
  uint32_t Crc(const Export& e) const;

  // byte_size of the type `key` names in `file`, following typedefs.
  std::optional<uint64_t> SizeOf(FileId file, std::string_view key, int depth = 0) const;

  const std::string& file_path(FileId file) const { return files_[file]; }

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
  };

  Corpus() = default;
  // Adds the records of one text: sections if consolidated, else sorted
  // blocks. `source` names the text in errors; `path` is the file's name in
  // the corpus.
  void AddText(std::string text, const std::string& source, const std::string& path);
  void Index();

  std::string name_;
  std::deque<std::string> texts_;  // a deque: string_views into it stay valid
  std::vector<std::string> files_;
  std::vector<Stored> records_;    // every record, in file order
  std::vector<RecordId> distinct_; // records_ indices that start a definition
  std::unique_ptr<std::deque<Lazy>> lazy_;
  std::unordered_map<std::string_view, Definitions> defs_;
  std::vector<Export> exports_;
};

}  // namespace kcrc
