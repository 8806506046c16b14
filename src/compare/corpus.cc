#include "kcrc/compare/corpus.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/version/crc.h"
#include "kcrc/version/crc_stream.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;

}  // namespace

Corpus Corpus::Load(const std::string& path, int threads) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return FromText(ReadFile(path), path);
  Corpus corpus;
  corpus.name_ = path;
  std::vector<std::string> relative;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".symtypes")
      relative.push_back(fs::relative(it->path(), path).generic_string());
  }
  if (ec) Fail("{}: cannot list directory: {}", path, ec.message());
  std::sort(relative.begin(), relative.end());
  const size_t count = relative.size();
  std::vector<std::string> full(count), texts(count), errors(count);
  std::vector<Scanned> scanned(count);
  auto parallel = [&](auto&& body) {
    auto run = [&] { tbb::parallel_for(size_t{0}, count, body); };
    if (threads <= 0) return run();
    tbb::task_arena arena(
        std::min(threads, static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))));
    arena.execute(run);
  };
  // Read everything, then move the texts to their final, stable place, then
  // scan (views into the texts must not move). Errors are reported for the
  // first failing file in path order, whatever the threads did.
  parallel([&](size_t i) {
    full[i] = (fs::path(path) / relative[i]).string();
    try {
      texts[i] = ReadFile(full[i]);
    } catch (const Error& e) {
      errors[i] = e.what();
    }
  });
  std::vector<const std::string*> placed(count);
  for (size_t i = 0; i < count; ++i) placed[i] = &corpus.texts_.emplace_back(std::move(texts[i]));
  parallel([&](size_t i) {
    if (!errors[i].empty()) return;
    try {
      scanned[i] = Scan(*placed[i], full[i], relative[i]);
    } catch (const Error& e) {
      errors[i] = e.what();
    }
  });
  for (const std::string& error : errors)
    if (!error.empty()) throw Error(error);
  for (Scanned& s : scanned) corpus.Append(std::move(s));
  corpus.Index();
  return corpus;
}

Corpus Corpus::FromText(std::string text, const std::string& name) {
  Corpus corpus;
  corpus.name_ = name;
  corpus.Append(Scan(corpus.texts_.emplace_back(std::move(text)), name, name));
  corpus.Index();
  return corpus;
}

void Corpus::Append(Scanned scanned) {
  const FileId base = static_cast<FileId>(files_.size());
  for (std::string& file : scanned.files) files_.push_back(std::move(file));
  for (Stored& record : scanned.records) {
    record.file += base;
    records_.push_back(record);
  }
}

Corpus::Scanned Corpus::Scan(std::string_view text, const std::string& source,
                             const std::string& path) {
  Scanned out;
  const bool consolidated = IsConsolidated(text);
  int block = 0;
  std::string_view previous_key;
  if (!consolidated) out.files.push_back(path);
  uint32_t number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (consolidated) {
      const std::string_view header = MaybeSectionHeader(line);
      if (!header.empty()) {
        out.files.emplace_back(header);
        continue;
      }
    }
    RawLine raw;
    try {
      raw = SplitLine(line);
    } catch (const Error& e) {
      Fail("{}:{}: {}", source, number, e.what());
    }
    if (!consolidated && !previous_key.empty() && !(previous_key < raw.key))
      out.files.push_back(fmt::format("{}#{}", path, ++block + 1));  // gen's next object
    previous_key = raw.key;
    out.records.push_back(
        Stored{raw.key, raw.value, static_cast<FileId>(out.files.size() - 1), number});
  }
  return out;
}

void Corpus::Index() {
  std::unordered_map<std::string_view, size_t> export_index;
  key_ids_.reserve(records_.size());
  for (RecordId id = 0; id < records_.size(); ++id) {
    const Stored& record = records_[id];
    auto [slot, inserted] = key_ids_.emplace(record.key, static_cast<KeyId>(defs_.size()));
    if (inserted) {
      defs_.emplace_back();
      key_names_.push_back(record.key);
    }
    Definitions& list = defs_[slot->second];
    if (!list.empty()) {
      Check(list.back().first != record.file, "{}:{}: duplicate key '{}'", files_[record.file],
            record.line, record.key);
      if (records_[list.back().second].value == record.value) continue;
    }
    list.emplace_back(record.file, id);
    if (IsSymbolKey(record.key) && export_index.emplace(record.key, exports_.size()).second)
      exports_.push_back(Export{record.key, record.file, id});
  }
  std::sort(exports_.begin(), exports_.end(),
            [](const Export& a, const Export& b) { return a.name < b.name; });
  lazy_ = std::make_unique<std::deque<Lazy>>(records_.size());
}

const Corpus::Lazy& Corpus::Tokenized(RecordId id) const {
  Lazy& lazy = (*lazy_)[id];
  std::call_once(lazy.once, [&] {
    try {
      lazy.tokens = TokenizeValue(records_[id].value);
    } catch (const Error& e) {
      Fail("{}:{}: {}", files_[records_[id].file], records_[id].line, e.what());
    }
    for (const Token& token : lazy.tokens) {
      if (!token.is_ref) continue;
      auto it = key_ids_.find(token.text);
      lazy.refs.push_back(it == key_ids_.end() ? kNoKey : it->second);
    }
  });
  return lazy;
}

const TokenList& Corpus::tokens(RecordId id) const { return Tokenized(id).tokens; }

const Export* Corpus::FindExport(std::string_view name) const {
  auto it = std::lower_bound(exports_.begin(), exports_.end(), name,
                             [](const Export& e, std::string_view n) { return e.name < n; });
  return it != exports_.end() && it->name == name ? &*it : nullptr;
}

std::optional<RecordId> Corpus::MaybeLookup(FileId file, std::string_view key) const {
  auto it = key_ids_.find(key);
  if (it == key_ids_.end()) return std::nullopt;
  return MaybeLookupKey(file, it->second);
}

std::optional<RecordId> Corpus::MaybeLookupKey(FileId file, KeyId key) const {
  const Definitions& list = defs_[key];
  if (list.size() == 1) {
    if (list[0].first <= file) return list[0].second;
    return std::nullopt;
  }
  auto pos =
      std::upper_bound(list.begin(), list.end(), file,
                       [](FileId f, const std::pair<FileId, RecordId>& d) { return f < d.first; });
  if (pos == list.begin()) return std::nullopt;
  return std::prev(pos)->second;
}

const Corpus::Definitions* Corpus::MaybeDefinitions(std::string_view key) const {
  auto it = key_ids_.find(key);
  return it == key_ids_.end() ? nullptr : &defs_[it->second];
}

std::optional<KeyId> Corpus::MaybeKeyId(std::string_view key) const {
  auto it = key_ids_.find(key);
  if (it == key_ids_.end()) return std::nullopt;
  return it->second;
}

// ComputeVersion's walk (version/crc.h) over pre-resolved key ids:
// iterative (kernel type chains are deep and TBB threads' stacks small), with
// per-thread generation stamps instead of a seen-set to clear per export.
class Corpus::FastVersioner {
 public:
  FastVersioner(const Corpus& corpus, FileId file) : corpus_(corpus), file_(file) {
    thread_local Stamps stamps;
    stamps_ = &stamps;
    if (++stamps_->generation == 0) {  // wrapped: old stamps could collide
      std::fill(stamps_->seen.begin(), stamps_->seen.end(), 0);
      stamps_->generation = 1;
    }
    if (stamps_->seen.size() < corpus.records_.size())
      stamps_->seen.resize(corpus.records_.size(), 0);
  }

  uint32_t Run(RecordId root) {
    struct Frame {
      const Lazy* lazy;
      size_t next;
      size_t ref;
      std::string_view owner;
    };
    std::vector<Frame> stack{{&corpus_.Tokenized(root), 0, 0, {}}};
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next == frame.lazy->tokens.size()) {
        stack.pop_back();
        continue;
      }
      const Token& token = frame.lazy->tokens[frame.next++];
      if (!token.is_ref) {
        stream_.Append(token.text);
        continue;
      }
      const KeyId key = frame.lazy->refs[frame.ref++];
      const std::optional<RecordId> target =
          key == kNoKey ? std::nullopt : corpus_.MaybeLookupKey(file_, key);
      if (!target)
        Fail("unknown type reference to '{}' when expanding '{}'", token.text,
             frame.owner.empty() ? "(null)" : frame.owner);
      uint32_t& stamp = stamps_->seen[*target];
      if (stamp == stamps_->generation) {
        stream_.Append(token.text);
        continue;
      }
      stamp = stamps_->generation;
      stack.push_back({&corpus_.Tokenized(*target), 0, 0, token.text});
    }
    return static_cast<uint32_t>(stream_.Finish());
  }

 private:
  struct Stamps {
    std::vector<uint32_t> seen;
    uint32_t generation = 0;
  };
  const Corpus& corpus_;
  const FileId file_;
  Stamps* stamps_;
  CrcStream stream_;
};

uint32_t Corpus::Crc(const Export& e) const {
  try {
    // CrcStream holds a 64 KiB buffer: keep it off the (small) thread stack.
    auto versioner = std::make_unique<FastVersioner>(*this, e.file);
    return versioner->Run(e.record);
  } catch (const Error& error) {
    Fail("{}: {}: {}", file_path(e.file), e.name, error.what());
  }
}

uint32_t Corpus::CrcReference(const Export& e) const {
  auto resolve = [&](std::string_view key) -> const TokenList* {
    std::optional<RecordId> id = MaybeLookup(e.file, key);
    return id ? &tokens(*id) : nullptr;
  };
  try {
    return ComputeVersion(tokens(e.record), resolve);
  } catch (const Error& error) {
    Fail("{}: {}: {}", file_path(e.file), e.name, error.what());
  }
}

}  // namespace kcrc
