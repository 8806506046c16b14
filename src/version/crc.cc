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
      ref_ids.emplace_back();
    }
    return it->second;
  }

  static constexpr uint32_t kUnresolved = ~uint32_t{0};

  // Slots for the record ids of the reference tokens of record `id`, in
  // token order. Each is resolved when the expansion first reaches it (so
  // errors come in the order the reference meets them) and kept: a popular
  // struct is expanded for thousands of symbols, and looking its references
  // up again each time was a hash lookup per token.
  uint32_t* RefSlots(uint32_t id) {
    if (!ref_ids[id]) {
      size_t refs = 0;
      for (const Token& token : *records[id]) refs += token.is_ref ? 1 : 0;
      ref_ids[id].emplace(refs, kUnresolved);
    }
    return ref_ids[id]->data();
  }

  bool Seen(uint32_t id) const { return stamp[id] == generation; }
  void Mark(uint32_t id) {
    stamp[id] = generation;
    seen.lo ^= Mix(id);
    seen.hi ^= Mix(uint64_t{id} + 0x5851f42d4c957f2dull);
  }

  const TokenList& Resolve(const Token& token, const std::string* owner) {
    const TokenList* record = resolve(token.text);
    if (record == nullptr)
      Fail("__calculate_version: unknown type reference to '{}' when expanding '{}'", token.text,
           owner ? *owner : std::string("(null)"));
    return *record;
  }

  // Expands `id` (not yet seen) into a fresh CRC; returns the CRC and length
  // and records the ids it marked; with `text`, appends the expansion to it.
  // Iterative (an explicit stack): whole-kernel type maps chain thousands of
  // records.
  Memo Expand(uint32_t id, const std::string* owner, std::string* text) {
    Memo memo{0, 0, {}};
    stream.emplace();
    struct Frame {
      const TokenList* tokens;
      uint32_t* ref_slots;  // RefSlots of the record, consumed in order
      size_t next;
      const std::string* owner;
    };
    Mark(id);
    memo.added.push_back(id);
    std::vector<Frame> stack{{records[id], RefSlots(id), 0, owner}};
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next == frame.tokens->size()) {
        stack.pop_back();
        continue;
      }
      const Token& token = (*frame.tokens)[frame.next++];
      if (token.is_ref) {
        uint32_t& slot = *frame.ref_slots++;
        if (slot == kUnresolved) slot = Id(&Resolve(token, frame.owner));
        const uint32_t child = slot;
        if (!Seen(child)) {
          Mark(child);
          memo.added.push_back(child);
          // The reference's own key names it in errors of nested references.
          stack.push_back({records[child], RefSlots(child), 0, &token.text});
          continue;
        }
      }
      stream->Append(token.text);
      if (text) text->append(token.text);
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
        const uint32_t id = Id(&Resolve(token, nullptr));
        if (!Seen(id)) {
          const MemoKey key{id, seen};
          auto it = text ? memos.end() : memos.find(key);
          if (it != memos.end()) {
            for (uint32_t added : it->second.added) Mark(added);
            crc = crc32_combine(crc, it->second.crc, static_cast<z_off_t>(it->second.length));
            continue;
          }
          // The record's own key names it in errors of nested references.
          Memo memo = Expand(id, &token.text, text);
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
  std::vector<std::optional<std::vector<uint32_t>>> ref_ids;  // see RefSlots
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
