#include "kcrc/compare/compare.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <map>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "kcrc/base/error.h"
#include "kcrc/base/string_hash.h"
#include "kcrc/compare/record_shapes.h"
#include "kcrc/symtypes/parser.h"

namespace kcrc {
namespace {

using KeySet = std::unordered_set<std::string_view, StringHash>;

// Keys reachable from the export in its own corpus, not descending into (nor
// collecting) keys in `stable`.
KeySet Reach(const Corpus& corpus, const Export& e, const KeySet* stable) {
  KeySet seen;
  std::vector<RecordId> work{e.record};
  seen.insert(e.name);
  while (!work.empty()) {
    const std::string_view text = corpus.text(work.back());
    work.pop_back();
    ForEachRef(text, [&](std::string_view key) {
      if (seen.contains(key) || (stable && stable->contains(key))) return;
      seen.insert(key);
      if (std::optional<RecordId> id = corpus.MaybeLookup(e.file, key)) work.push_back(*id);
    });
  }
  return seen;
}

std::vector<std::string> CausesImpl(const Corpus& ref, const Export& re, const Corpus& neu,
                                    const Export& ne, const KeySet* stable) {
  std::vector<std::string> causes;
  if (ref.text(re.record) != neu.text(ne.record)) causes.emplace_back(re.name);
  const KeySet in_ref = Reach(ref, re, stable);
  const KeySet in_new = Reach(neu, ne, stable);
  for (std::string_view key : in_ref) {
    if (key == re.name || !in_new.contains(key)) continue;
    std::optional<RecordId> a = ref.MaybeLookup(re.file, key);
    std::optional<RecordId> b = neu.MaybeLookup(ne.file, key);
    // A reference that resolves nowhere counts too: computing the CRC then
    // reports it, as gen would.
    if (!a || !b || ref.text(*a) != neu.text(*b)) causes.emplace_back(key);
  }
  std::sort(causes.begin(), causes.end());
  return causes;
}

// What the stability pass knows, by key id, for the walks of CausesById.
struct StableIndex {
  KeySet names;                   // stable keys of REF, by name
  std::vector<char> ref_stable;   // by REF key id
  std::vector<char> ref_differs;  // REF key whose definitions differ in NEW
  std::vector<char> new_stable;   // by NEW key id
  std::vector<KeyId> ref_to_new;  // REF key id -> NEW key id (kNoKey if none)
};

// Marks, per thread, the keys one walk has reached (generation stamps: no
// clearing per export).
class KeyStamps {
 public:
  explicit KeyStamps(size_t size) {
    thread_local std::vector<uint32_t> stamps;
    thread_local uint32_t generation = 0;
    stamps_ = &stamps;
    generation_ = &generation;
    if (++*generation_ == 0) {
      std::fill(stamps.begin(), stamps.end(), 0);
      *generation_ = 1;
    }
    if (stamps.size() < size) stamps.resize(size, 0);
  }
  // Marks `key`; false when it was marked already.
  bool Mark(KeyId key) {
    uint32_t& stamp = (*stamps_)[key];
    if (stamp == *generation_) return false;
    stamp = *generation_;
    return true;
  }

 private:
  std::vector<uint32_t>* stamps_;
  uint32_t* generation_;
};

// Reach by key ids: the keys reachable from `e`, skipping stable ones.
// Returns false when a reference names a key the corpus lacks (then the
// caller takes the string walk, which reports it as gen would).
bool ReachIds(const Corpus& corpus, const Export& e, const std::vector<char>& stable,
              std::vector<KeyId>& reached) {
  KeyStamps stamps(corpus.key_count());
  std::vector<RecordId> work{e.record};
  while (!work.empty()) {
    const RecordId record = work.back();
    work.pop_back();
    for (KeyId key : corpus.RefKeys(record)) {
      if (key == Corpus::kNoKey) return false;
      if (stable[key] || !stamps.Mark(key)) continue;
      reached.push_back(key);
      if (std::optional<RecordId> id = corpus.MaybeLookupKey(e.file, key)) work.push_back(*id);
    }
  }
  return true;
}

// CausesImpl for an export that stays in the same file, by key ids: the same
// result, in time linear in the unstable part of its closure.
std::optional<std::vector<std::string>> CausesById(const Corpus& ref, const Export& re,
                                                   const Corpus& neu, const Export& ne,
                                                   const StableIndex& index) {
  std::vector<KeyId> in_ref, in_new;
  if (!ReachIds(ref, re, index.ref_stable, in_ref)) return std::nullopt;
  if (!ReachIds(neu, ne, index.new_stable, in_new)) return std::nullopt;
  KeyStamps reached_new(neu.key_count());
  for (KeyId key : in_new) reached_new.Mark(key);
  std::vector<std::string> causes;
  if (ref.text(re.record) != neu.text(ne.record)) causes.emplace_back(re.name);
  for (KeyId key : in_ref) {
    const KeyId other = index.ref_to_new[key];
    // Only keys whose definitions differ can have different texts; and the
    // key must be reachable on the NEW side too (Mark is false if it is).
    if (other == Corpus::kNoKey || !index.ref_differs[key] || reached_new.Mark(other)) continue;
    if (ref.key_name(key) == re.name) continue;
    std::optional<RecordId> a = ref.MaybeLookupKey(re.file, key);
    std::optional<RecordId> b = neu.MaybeLookupKey(ne.file, other);
    if (!a || !b || ref.text(*a) != neu.text(*b)) causes.emplace_back(ref.key_name(key));
  }
  std::sort(causes.begin(), causes.end());
  return causes;
}

// Same definitions on both sides: the same texts, first seen in files of the
// same paths. Then every file path resolves the key to the same text on both
// sides (MaybeLookup takes the latest definition at or before the file).
bool SameDefinitions(const Corpus& ref, const Corpus::Definitions& a, const Corpus& neu,
                     const Corpus::Definitions& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ref.text(a[i].second) != neu.text(b[i].second)) return false;
    if (a.size() > 1 && ref.file_path(a[i].first) != neu.file_path(b[i].first)) return false;
  }
  return true;
}

// The stable keys (see compare.h): instability starts at keys whose
// definitions differ and spreads to every key that references them. Only
// REF's keys matter: a key missing from REF is not stable, and a stable key
// references the same keys on both sides.
StableIndex FindStable(const Corpus& ref, const Corpus& neu) {
  const size_t count = ref.key_count();
  std::vector<char> unstable(count, 0);
  StableIndex index;
  index.ref_differs.assign(count, 0);
  std::vector<std::vector<KeyId>> referrers(count);
  std::vector<KeyId> work;
  auto mark = [&](KeyId k) {
    unstable[k] = 1;
    work.push_back(k);
  };
  for (KeyId k = 0; k < count; ++k) {
    const Corpus::Definitions& a = ref.definitions(k);
    const Corpus::Definitions* b = neu.MaybeDefinitions(ref.key_name(k));
    if (!b || !SameDefinitions(ref, a, neu, *b)) {
      index.ref_differs[k] = 1;
      mark(k);
      continue;
    }
    for (const auto& [file, id] : a) {
      ForEachRef(ref.text(id), [&](std::string_view key) {
        const std::optional<KeyId> target = ref.MaybeKeyId(key);
        if (!target) {
          // Unknown: let the CRC computation report it.
          if (!unstable[k]) mark(k);
          return;
        }
        referrers[*target].push_back(k);
      });
    }
  }
  while (!work.empty()) {
    const KeyId k = work.back();
    work.pop_back();
    for (KeyId r : referrers[k]) {
      if (unstable[r]) continue;
      unstable[r] = 1;
      work.push_back(r);
    }
  }
  index.names.reserve(count);
  index.ref_stable.assign(count, 0);
  index.ref_to_new.assign(count, Corpus::kNoKey);
  index.new_stable.assign(neu.key_count(), 0);
  for (KeyId k = 0; k < count; ++k) {
    const std::optional<KeyId> other = neu.MaybeKeyId(ref.key_name(k));
    if (other) index.ref_to_new[k] = *other;
    if (unstable[k]) continue;
    index.names.insert(ref.key_name(k));
    index.ref_stable[k] = 1;
    if (other) index.new_stable[*other] = 1;
  }
  return index;
}

template <typename Body>
void ParallelFor(int threads, size_t count, const Body& body) {
  auto work = [&] { tbb::parallel_for(size_t{0}, count, body); };
  if (threads > 0) {
    // More threads than cores only makes oneTBB warn on stderr.
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    tbb::task_arena arena(std::min(threads, cores));
    arena.execute(work);
  } else {
    work();
  }
}

}  // namespace

const Cause* Comparison::FindCause(const std::string& key) const {
  for (const Cause& cause : causes)
    if (cause.key == key) return &cause;
  return nullptr;
}

std::vector<std::string> FindCauses(const Corpus& ref, const Export& ref_export, const Corpus& neu,
                                    const Export& new_export) {
  return CausesImpl(ref, ref_export, neu, new_export, nullptr);
}

Comparison Compare(const Corpus& ref, const Corpus& neu, const CompareOptions& options) {
  Comparison result;
  const StableIndex index = FindStable(ref, neu);
  const KeySet& stable = index.names;

  // Pair up exports by name.
  struct Pair {
    const Export* old_export;
    const Export* new_export;
    bool same_file;  // stable keys may be skipped only then
  };
  std::vector<Pair> pairs;
  std::vector<const Export*> removed, added;
  {
    auto a = ref.exports().begin();
    auto b = neu.exports().begin();
    while (a != ref.exports().end() || b != neu.exports().end()) {
      if (b == neu.exports().end() || (a != ref.exports().end() && a->name < b->name)) {
        removed.push_back(&*a++);
      } else if (a == ref.exports().end() || b->name < a->name) {
        added.push_back(&*b++);
      } else {
        const bool same_file = ref.file_path(a->file) == neu.file_path(b->file);
        if (same_file && stable.contains(a->name))
          ++result.unchanged;
        else
          pairs.push_back({&*a, &*b, same_file});
        ++a;
        ++b;
      }
    }
  }

  // Per export: causes, then CRCs where there are causes. Errors are
  // collected and reported once the parallel pass is over.
  struct Outcome {
    std::vector<std::string> causes;
    uint32_t old_crc = 0, new_crc = 0;
    std::string error;
  };
  std::vector<Outcome> outcomes(pairs.size());
  ParallelFor(options.threads, pairs.size(), [&](size_t i) {
    Outcome& out = outcomes[i];
    try {
      std::optional<std::vector<std::string>> fast;
      if (pairs[i].same_file)
        fast = CausesById(ref, *pairs[i].old_export, neu, *pairs[i].new_export, index);
      out.causes = fast ? std::move(*fast)
                        : CausesImpl(ref, *pairs[i].old_export, neu, *pairs[i].new_export,
                                     pairs[i].same_file ? &stable : nullptr);
      if (out.causes.empty()) return;
      out.old_crc = ref.Crc(*pairs[i].old_export);
      out.new_crc = neu.Crc(*pairs[i].new_export);
    } catch (const Error& e) {
      out.error = e.what();
    }
  });
  std::vector<ExportCrc> added_crcs(added.size()), removed_crcs(removed.size());
  std::vector<std::string> errors(added.size() + removed.size());
  ParallelFor(options.threads, added.size() + removed.size(), [&](size_t i) {
    try {
      if (i < added.size())
        added_crcs[i] = ExportCrc{std::string(added[i]->name), neu.Crc(*added[i]),
                                  neu.file_path(added[i]->file)};
      else
        removed_crcs[i - added.size()] = ExportCrc{std::string(removed[i - added.size()]->name),
                                                   ref.Crc(*removed[i - added.size()]),
                                                   ref.file_path(removed[i - added.size()]->file)};
    } catch (const Error& e) {
      errors[i] = e.what();
    }
  });
  for (const Outcome& out : outcomes)
    if (!out.error.empty()) errors.push_back(out.error);
  for (const std::string& error : errors)
    if (!error.empty()) throw Error(error);

  // Gather, in symbol order.
  const RecordShapes ref_shapes(ref), new_shapes(neu);
  std::map<std::string, Cause> causes;
  for (size_t i = 0; i < pairs.size(); ++i) {
    Outcome& out = outcomes[i];
    if (out.causes.empty() || out.old_crc == out.new_crc) {
      ++result.unchanged;
      continue;
    }
    const Export& re = *pairs[i].old_export;
    const Export& ne = *pairs[i].new_export;
    for (const std::string& key : out.causes) {
      auto [it, inserted] = causes.try_emplace(key);
      Cause& cause = it->second;
      if (inserted) {
        // The first export (in name order) decides which definitions are
        // described when a key has several.
        const RecordId a = key == re.name ? re.record : *ref.MaybeLookup(re.file, key);
        const RecordId b = key == ne.name ? ne.record : *neu.MaybeLookup(ne.file, key);
        cause.key = key;
        cause.old_text = std::string(ref.text(a));
        cause.new_text = std::string(neu.text(b));
        cause.changes = DiffShapes({ref_shapes.Get(a), ref_shapes.Scope(re.file)},
                                   {new_shapes.Get(b), new_shapes.Scope(ne.file)});
      }
      cause.exports.emplace_back(re.name);
    }
    result.changed.push_back(ChangedExport{std::string(re.name), out.old_crc, out.new_crc,
                                           std::move(out.causes), neu.file_path(ne.file)});
  }
  for (auto& [key, cause] : causes) result.causes.push_back(std::move(cause));
  std::stable_sort(result.causes.begin(), result.causes.end(), [](const Cause& a, const Cause& b) {
    return a.exports.size() > b.exports.size();
  });
  result.added = std::move(added_crcs);
  result.removed = std::move(removed_crcs);
  return result;
}

}  // namespace kcrc
