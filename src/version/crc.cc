#include "kcrc/version/crc.h"

#include <zlib.h>

#include <cstring>
#include <memory>
#include <optional>
#include <unordered_set>
#include <utility>
#include <vector>

#include "kcrc/base/error.h"
#include "kcrc/version/crc32.h"
#include "kcrc/version/crc_stream.h"

namespace kcrc {
namespace {}  // namespace

struct VersionCache::Impl {
  // Only expansions at least this long are remembered: shorter ones are
  // cheaper to redo than to look up.
  static constexpr size_t kMinMemoLength = 1024;
  // Bound on the ids kept in memo entries (4 bytes each).
  static constexpr size_t kMaxMemoIds = size_t{64} << 20;

  struct Hash128 {
    uint64_t lo = 0, hi = 0;
    bool operator==(const Hash128&) const = default;
  };
  struct MemoKey {
    uint32_t record;
    Hash128 seen;
    bool operator==(const MemoKey&) const = default;
  };
  struct MemoKeyHash {
    size_t operator()(const MemoKey& key) const {
      return static_cast<size_t>(key.seen.lo ^ (key.seen.hi * 0x9e3779b97f4a7c15ull) ^
                                 (uint64_t{key.record} << 32));
    }
  };
  struct Memo {
    uLong crc;
    uint64_t length;
    std::vector<uint32_t> added;  // records first seen in the expansion, in order
  };

  explicit Impl(RecordResolver r) : resolve(std::move(r)) {}

  static uint64_t Mix(uint64_t x) {  // splitmix64
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
  }

  uint32_t Id(const TokenList* record) {
    auto [it, inserted] = ids.try_emplace(record, static_cast<uint32_t>(records.size()));
    if (inserted) {
      records.push_back(record);
      stamp.push_back(0);
      compact.emplace_back();
    }
    return it->second;
  }

  static constexpr uint32_t kUnresolved = ~uint32_t{0};

  // A record as expansion reads it: its tokens' text in one string, and its
  // references. Expansion emits the text in runs, from one reference it
  // expands to the next (a reference already seen stays in the run as its
  // key), instead of token by token from scattered strings: a popular
  // struct is expanded for thousands of symbols.
  struct Compact {
    std::string text;
    struct Ref {
      uint32_t begin, end;  // the key's place in `text`
      // The record it names, resolved when an expansion first reaches it
      // (so errors come in the order the reference meets them) and kept.
      uint32_t id = kUnresolved;
    };
    std::vector<Ref> refs;
  };

  Compact& CompactOf(uint32_t id) {
    std::unique_ptr<Compact>& record = compact[id];
    if (!record) {
      record = std::make_unique<Compact>();
      size_t size = 0;
      for (const Token& token : *records[id]) size += token.text.size();
      record->text.reserve(size);
      for (const Token& token : *records[id]) {
        const auto begin = static_cast<uint32_t>(record->text.size());
        record->text += token.text;
        if (token.is_ref)
          record->refs.push_back({begin, static_cast<uint32_t>(record->text.size())});
      }
    }
    return *record;
  }

  bool Seen(uint32_t id) const { return stamp[id] == generation; }
  void Mark(uint32_t id) {
    stamp[id] = generation;
    seen.lo ^= Mix(id);
    seen.hi ^= Mix(uint64_t{id} + 0x5851f42d4c957f2dull);
  }

  const TokenList& Resolve(std::string_view key, std::optional<std::string_view> owner) {
    const TokenList* record = resolve(key);
    if (record == nullptr)
      Fail("__calculate_version: unknown type reference to '{}' when expanding '{}'", key,
           owner ? *owner : std::string_view("(null)"));
    return *record;
  }

  // Expands `id` (not yet seen) into a fresh CRC; returns the CRC and length
  // and records the ids it marked; with `text`, appends the expansion to it.
  // Iterative (an explicit stack): whole-kernel type maps chain thousands of
  // records.
  Memo Expand(uint32_t id, std::string_view owner, std::string* text) {
    Memo memo{0, 0, {}};
    stream.emplace();
    auto emit = [&](std::string_view run) {
      stream->Append(run);
      if (text) text->append(run);
    };
    struct Frame {
      Compact* record;
      size_t next_ref;   // the next of record->refs
      size_t run_begin;  // the start of the text not emitted yet
      std::string_view owner;
    };
    Mark(id);
    memo.added.push_back(id);
    std::vector<Frame> stack{{&CompactOf(id), 0, 0, owner}};
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const std::string_view record_text = frame.record->text;
      if (frame.next_ref == frame.record->refs.size()) {
        emit(record_text.substr(frame.run_begin));
        stack.pop_back();
        continue;
      }
      Compact::Ref& ref = frame.record->refs[frame.next_ref++];
      const std::string_view key = record_text.substr(ref.begin, ref.end - ref.begin);
      if (ref.id == kUnresolved) ref.id = Id(&Resolve(key, frame.owner));
      const uint32_t child = ref.id;
      if (Seen(child)) continue;  // the key stays in the run
      emit(record_text.substr(frame.run_begin, ref.begin - frame.run_begin));
      frame.run_begin = ref.end;
      Mark(child);
      memo.added.push_back(child);
      // The reference's own key names it in errors of nested references.
      stack.push_back({&CompactOf(child), 0, 0, key});
    }
    memo.crc = stream->Finish();
    memo.length = stream->length();
    return memo;
  }

  // The CRC of a symbol's tokens. With `text` the expanded string is built
  // too, which the memo cannot give back, so it is neither used nor filled.
  uint32_t Compute(const TokenList& tokens, std::string* text) {
    ++generation;
    seen = {};
    uLong crc = 0;
    for (const Token& token : tokens) {
      if (token.is_ref) {
        const uint32_t id = Id(&Resolve(token.text, std::nullopt));
        if (!Seen(id)) {
          const MemoKey key{id, seen};
          auto it = text ? memos.end() : memos.find(key);
          if (it != memos.end()) {
            for (uint32_t added : it->second.added) Mark(added);
            crc = crc32_combine(crc, it->second.crc, static_cast<z_off_t>(it->second.length));
            continue;
          }
          // The record's own key names it in errors of nested references.
          Memo memo = Expand(id, token.text, text);
          crc = crc32_combine(crc, memo.crc, static_cast<z_off_t>(memo.length));
          if (!text && memo.length >= kMinMemoLength &&
              memo_ids + memo.added.size() <= kMaxMemoIds) {
            memo_ids += memo.added.size();
            memos.emplace(key, std::move(memo));
          }
          continue;
        }
      }
      crc = Crc32Update(static_cast<uint32_t>(crc), token.text.data(), token.text.size());
      if (text) text->append(token.text);
    }
    return static_cast<uint32_t>(crc);
  }

  RecordResolver resolve;
  std::optional<CrcStream> stream;  // reused: it holds a large buffer
  std::unordered_map<const TokenList*, uint32_t> ids;
  std::vector<const TokenList*> records;
  std::vector<std::unique_ptr<Compact>> compact;  // by id, see CompactOf
  std::vector<uint32_t> stamp;
  uint32_t generation = 0;
  Hash128 seen;
  std::unordered_map<MemoKey, Memo, MemoKeyHash> memos;
  size_t memo_ids = 0;
};

VersionCache::VersionCache(RecordResolver resolve) : impl_(new Impl(std::move(resolve))) {}
VersionCache::~VersionCache() { delete impl_; }

uint32_t VersionCache::Compute(const TokenList& tokens, const VersionOptions& options) {
  return impl_->Compute(tokens, options.expanded);
}

uint32_t ComputeVersion(const TokenList& tokens, const RecordResolver& resolve,
                        const VersionOptions& options) {
  return VersionCache(resolve).Compute(tokens, options);
}

uint32_t Crc32(std::string_view text) { return Crc32Update(0, text.data(), text.size()); }

}  // namespace kcrc
