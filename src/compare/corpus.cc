#include "kcrc/compare/corpus.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <filesystem>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/compare/member_diff.h"
#include "kcrc/version/crc.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;

// Splits a plain file into the sorted blocks gen writes, one per object.
std::vector<SymtypesFile> SplitBlocks(std::string path, std::vector<Record> records) {
  std::vector<SymtypesFile> files;
  size_t begin = 0;
  while (begin < records.size()) {
    size_t end = begin + 1;
    while (end < records.size() && records[end - 1].key < records[end].key) ++end;
    std::string name = files.empty() ? path : fmt::format("{}#{}", path, files.size() + 1);
    files.push_back(SymtypesFile{std::move(name), {}});
    files.back().records.assign(std::make_move_iterator(records.begin() + static_cast<std::ptrdiff_t>(begin)),
                                std::make_move_iterator(records.begin() + static_cast<std::ptrdiff_t>(end)));
    begin = end;
  }
  if (files.empty()) files.push_back(SymtypesFile{std::move(path), {}});
  return files;
}

// Parses many texts in parallel; results in input order.
std::vector<std::vector<Record>> ParseAll(const std::vector<std::string>& texts,
                                          const std::vector<std::string>& paths, int threads) {
  std::vector<std::vector<Record>> parsed(texts.size());
  auto work = [&] {
    tbb::parallel_for(size_t{0}, texts.size(),
                      [&](size_t i) { parsed[i] = ParseSymtypes(texts[i], paths[i]); });
  };
  if (threads > 0) {
    tbb::task_arena arena(threads);
    arena.execute(work);
  } else {
    work();
  }
  return parsed;
}

}  // namespace

Corpus Corpus::Load(const std::string& path, int threads) {
  std::error_code ec;
  std::vector<SymtypesFile> files;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> relative;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".symtypes")
        relative.push_back(fs::relative(it->path(), path).generic_string());
    }
    if (ec) Fail("{}: cannot list directory: {}", path, ec.message());
    std::sort(relative.begin(), relative.end());
    std::vector<std::string> texts, full;
    for (const std::string& r : relative) {
      full.push_back((fs::path(path) / r).string());
      texts.push_back(ReadFile(full.back()));
    }
    std::vector<std::vector<Record>> parsed = ParseAll(texts, full, threads);
    for (size_t i = 0; i < relative.size(); ++i)
      for (SymtypesFile& block : SplitBlocks(relative[i], std::move(parsed[i])))
        files.push_back(std::move(block));
  } else {
    const std::string text = ReadFile(path);
    if (IsConsolidated(text)) {
      files = ParseConsolidated(text, path);
    } else {
      files = SplitBlocks(path, ParseSymtypes(text, path));
    }
  }
  return FromFiles(std::move(files), path);
}

Corpus Corpus::FromFiles(std::vector<SymtypesFile> files, std::string name) {
  Corpus corpus;
  corpus.name_ = std::move(name);
  corpus.files_ = std::move(files);
  corpus.Index();
  return corpus;
}

void Corpus::Index() {
  std::unordered_map<std::string_view, size_t> export_index;
  for (FileId f = 0; f < files_.size(); ++f) {
    for (const Record& record : files_[f].records) {
      auto& list = defs_[record.key];
      if (!list.empty()) {
        Check(list.back().first != f, "{}:{}: duplicate key '{}'", files_[f].path, record.line,
              record.key);
        if (records_[list.back().second]->tokens == record.tokens) {
          continue;
        }
      }
      const RecordId id = static_cast<RecordId>(records_.size());
      records_.push_back(&record);
      list.emplace_back(f, id);
      if (IsSymbolKey(record.key) && !export_index.contains(record.key)) {
        export_index.emplace(record.key, exports_.size());
        exports_.push_back(Export{record.key, f, id});
      }
    }
  }
  std::sort(exports_.begin(), exports_.end(),
            [](const Export& a, const Export& b) { return a.name < b.name; });
}

const Export* Corpus::FindExport(std::string_view name) const {
  auto it = std::lower_bound(exports_.begin(), exports_.end(), name,
                             [](const Export& e, std::string_view n) { return e.name < n; });
  return it != exports_.end() && it->name == name ? &*it : nullptr;
}

std::optional<RecordId> Corpus::Lookup(FileId file, std::string_view key) const {
  auto it = defs_.find(key);
  if (it == defs_.end()) return std::nullopt;
  const auto& list = it->second;
  if (list.size() == 1) {
    if (list[0].first <= file) return list[0].second;
    return std::nullopt;
  }
  auto pos = std::upper_bound(list.begin(), list.end(), file,
                              [](FileId f, const std::pair<FileId, RecordId>& d) { return f < d.first; });
  if (pos == list.begin()) return std::nullopt;
  return std::prev(pos)->second;
}

size_t Corpus::DefinitionCount(std::string_view key) const {
  auto it = defs_.find(key);
  return it == defs_.end() ? 0 : it->second.size();
}

std::vector<std::string_view> Corpus::Keys() const {
  std::vector<std::string_view> keys;
  keys.reserve(defs_.size());
  for (const auto& [key, list] : defs_) keys.push_back(key);
  return keys;
}

uint32_t Corpus::Crc(const Export& e) const {
  auto resolve = [&](std::string_view key) -> const TokenList* {
    std::optional<RecordId> id = Lookup(e.file, key);
    return id ? &records_[*id]->tokens : nullptr;
  };
  try {
    return ComputeVersion(record(e.record).tokens, resolve);
  } catch (const Error& error) {
    Fail("{}: {}: {}", file_path(e.file), e.name, error.what());
  }
}

std::optional<uint64_t> Corpus::SizeOf(FileId file, std::string_view key, int depth) const {
  if (depth > 16) return std::nullopt;
  std::optional<RecordId> id = Lookup(file, key);
  if (!id) return std::nullopt;
  const std::vector<Word> words = SplitWords(record(*id).tokens);
  if (words.empty()) return std::nullopt;
  const Shape shape = ParseShape(words);
  if (shape.byte_size) return shape.byte_size;
  return TypeSize(shape.kind == ShapeKind::kTypedef ? shape.target : words,
                  [&](std::string_view ref) { return SizeOf(file, ref, depth + 1); });
}

}  // namespace kcrc
