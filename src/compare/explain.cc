#include "kcrc/compare/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <limits>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "kcrc/base/error.h"
#include "kcrc/compare/compare.h"
#include "kcrc/compare/record_shapes.h"
#include "kcrc/shape/c_type.h"

namespace kcrc {
namespace {

using grammar::Keyword;

// A reference in a record, where it sits and whether a pointer holds it.
struct LabelledRef {
  std::string via;
  std::string_view key;
  bool by_value = true;
};

bool IsPointer(Keyword keyword) {
  return keyword == Keyword::kPointerType || keyword == Keyword::kReferenceType ||
         keyword == Keyword::kRvalueReferenceType;
}

std::string MemberLabel(const Item& item) {
  std::string name(item.name);
  if (name.empty()) {
    const auto* aggregate = As<AggregateType>(*item.type);
    name = aggregate && aggregate->name.empty()
               ? fmt::format("(anonymous {})", AggregateWord(aggregate->keyword))
               : "(unnamed)";
  }
  std::string label = fmt::format("member '{}'", name);
  if (std::optional<uint64_t> offset = item.offset_bits()) label += " at " + FormatOffset(*offset);
  return label;
}

class RefCollector {
 public:
  std::vector<LabelledRef> refs;

  void Record(const Shape& shape) {
    if (shape.form == Shape::Form::kOpaque) {
      // Text the grammar does not describe: keep the references anyway.
      ForEachRef(shape.text, [&](std::string_view key) { refs.push_back({"", key, true}); });
      return;
    }
    top_ = shape.form == Shape::Form::kType;
    Walk(shape.type, true);
  }

 private:
  void Walk(const Type& type, bool by_value) {
    std::visit([&](const auto& node) { Visit(node, by_value); }, type.node);
  }
  void Visit(const RefType& ref, bool by_value) {
    std::string via;
    for (const std::string& label : labels_) via += (via.empty() ? "" : " -> ") + label;
    refs.push_back({std::move(via), ref.key, by_value});
  }
  void Visit(const ModifierType& modifier, bool by_value) {
    top_ = false;
    Walk(*modifier.target, by_value && !IsPointer(modifier.keyword));
  }
  void Visit(const AggregateType& aggregate, bool by_value) {
    top_ = false;
    Items(aggregate.body.items, by_value);
  }
  void Items(const std::vector<Item>& items, bool by_value) {
    for (const Item& item : items) {
      if (item.keyword == Keyword::kMember) {
        labels_.push_back(MemberLabel(item));
        Walk(*item.type, by_value);
        labels_.pop_back();
      } else {
        Items(item.body.items, by_value);  // Rust variant parts and variants
      }
    }
  }
  void Visit(const ArrayType& array, bool by_value) {
    top_ = false;
    Walk(*array.element, by_value);
  }
  void Visit(const FunctionType& function, bool by_value) {
    const bool top = top_;
    top_ = false;
    for (size_t i = 0; i < function.parameters.size(); ++i) {
      const Item& parameter = function.parameters[i];
      std::string label = fmt::format("parameter {}", i + 1);
      if (top && !parameter.name.empty()) label += fmt::format(" '{}'", parameter.name);
      if (!top) label += " of the function type";
      labels_.push_back(std::move(label));
      Walk(*parameter.type, by_value);
      labels_.pop_back();
    }
    labels_.push_back(top ? "return type" : "return type of the function type");
    Walk(*function.result, by_value);
    labels_.pop_back();
  }
  void Visit(const BaseType&, bool) {}
  void Visit(const UnspecifiedType&, bool) {}
  void Visit(const NoType&, bool) {}

  std::vector<std::string> labels_;
  bool top_ = true;
};

std::vector<LabelledRef> LabelledRefs(const Shape& shape) {
  RefCollector collector;
  collector.Record(shape);
  return std::move(collector.refs);
}

// The labelled references of records, each collected once.
class RefIndex {
 public:
  const std::vector<LabelledRef>& Of(const Shape& shape) {
    auto [it, inserted] = memo_.try_emplace(&shape);
    if (inserted) it->second = LabelledRefs(shape);
    return it->second;
  }

 private:
  std::unordered_map<const Shape*, std::vector<LabelledRef>> memo_;
};

// Walks of one export's closure in its file's scope.
class Closure {
 public:
  Closure(const RecordShapes& shapes, const Export& e, RefIndex& refs)
      : shapes_(shapes), export_(e), refs_(refs) {}

  // A shortest path from the export to `target` (BFS in reference order).
  std::vector<PathStep> PathTo(std::string_view target, bool by_value_only = false) const {
    const std::string_view start = export_.name;
    if (target == start) return {PathStep{std::string(start), ""}};
    struct Visit {
      std::string_view parent;
      std::string via;
    };
    std::unordered_map<std::string_view, Visit> visited{{start, Visit{}}};
    std::deque<std::pair<std::string_view, const Shape*>> queue{
        {start, &shapes_.Get(export_.record)}};
    while (!queue.empty()) {
      auto [key, shape] = queue.front();
      queue.pop_front();
      for (const LabelledRef& ref : refs_.Of(*shape)) {
        if ((by_value_only && !ref.by_value) || visited.contains(ref.key)) continue;
        visited.emplace(ref.key, Visit{key, ref.via});
        if (ref.key == target) return Unwind(visited, target);
        if (const Shape* next = shapes_.MaybeLookup(export_.file, ref.key))
          queue.emplace_back(ref.key, next);
      }
    }
    return {};
  }

  // Every key the export reaches (by value only, if asked).
  std::set<std::string_view> Reached(bool by_value_only) const {
    std::set<std::string_view> seen;
    std::vector<const Shape*> work{&shapes_.Get(export_.record)};
    while (!work.empty()) {
      const Shape* shape = work.back();
      work.pop_back();
      for (const LabelledRef& ref : refs_.Of(*shape)) {
        if ((by_value_only && !ref.by_value) || !seen.insert(ref.key).second) continue;
        if (const Shape* next = shapes_.MaybeLookup(export_.file, ref.key)) work.push_back(next);
      }
    }
    return seen;
  }

 private:
  template <typename Map>
  static std::vector<PathStep> Unwind(const Map& visited, std::string_view target) {
    std::vector<PathStep> path;
    std::string_view at = target;
    std::string via;
    while (true) {
      path.push_back(PathStep{std::string(at), via});
      const auto& visit = visited.at(at);
      if (visit.parent.empty()) break;
      via = visit.via;
      at = visit.parent;
    }
    std::reverse(path.begin(), path.end());
    return path;
  }

  const RecordShapes& shapes_;
  const Export& export_;
  RefIndex& refs_;
};

// The note for exports whose structs are all opaque in the records.
std::optional<std::string> PrivateTypesNote(const RecordShapes& shapes, const Export& e,
                                            RefIndex& refs) {
  size_t aggregates = 0;
  for (std::string_view key : Closure(shapes, e, refs).Reached(false)) {
    if (!key.starts_with("s#") && !key.starts_with("u#") && !key.starts_with("e#")) continue;
    const Shape* shape = shapes.MaybeLookup(e.file, key);
    if (!shape || shape->form != Shape::Form::kType) return std::nullopt;
    const auto* aggregate = As<AggregateType>(shape->type);
    if (!aggregate || !aggregate->opaque()) return std::nullopt;
    ++aggregates;
  }
  if (aggregates == 0) return std::nullopt;
  return fmt::format(
      "every struct, union and enum {} reaches is opaque in these records ({} of them): "
      "declared only, or defined in a .c file, which the reference never expands; changes "
      "to their layout do not change its CRC (docs/compare.md)",
      e.name, aggregates);
}

// Causes whose changes follow from other causes of the same export.
void TieDerivedCauses(Explanation& x) {
  std::set<std::string> keys;
  for (const ExplainedCause& cause : x.causes) keys.insert(cause.key);
  for (ExplainedCause& cause : x.causes) {
    std::set<std::string> from;
    for (const Change& change : cause.changes)
      if (change.because && keys.contains(change.because->key) && change.because->key != cause.key)
        from.insert(change.because->key);
    cause.follows_from.assign(from.begin(), from.end());
  }
  for (ExplainedCause& inner : x.causes) {
    for (const ExplainedCause& outer : x.causes)
      if (std::find(outer.follows_from.begin(), outer.follows_from.end(), inner.key) !=
          outer.follows_from.end())
        inner.followed_by.push_back(outer.key);
    if (inner.followed_by.empty()) continue;
    std::string outers;
    for (const std::string& key : inner.followed_by)
      outers += (outers.empty() ? "" : ", ") + CKeyName(key);
    inner.notes.push_back(fmt::format(
        "hiding this change does not restore the CRC of {}: {} embeds {} by value and changed "
        "too (its members moved or its size changed)",
        x.symbol, outers, CKeyName(inner.key)));
  }
}

}  // namespace

std::string FormatPath(const std::vector<PathStep>& path) {
  auto name = [](const std::string& key) {
    if (!IsTypeRefPrefix(key)) return "export " + key;
    return key[0] == 't' ? "typedef " + CKeyName(key) : CKeyName(key);
  };
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    out += i == 0 ? name(path[i].key) : " -> " + name(path[i].key);
    if (!path[i].via.empty()) out += " -> " + path[i].via;
  }
  return out;
}

Explanation Explain(const Corpus& ref, const Corpus& neu, std::string_view symbol) {
  Explanation out;
  out.symbol = std::string(symbol);
  const Export* re = ref.FindExport(symbol);
  const Export* ne = neu.FindExport(symbol);
  out.in_ref = re != nullptr;
  out.in_new = ne != nullptr;
  if (re) out.old_crc = ref.Crc(*re);
  if (ne) out.new_crc = neu.Crc(*ne);
  const RecordShapes ref_shapes(ref), new_shapes(neu);
  RefIndex refs;
  if (ne)
    if (std::optional<std::string> note = PrivateTypesNote(new_shapes, *ne, refs))
      out.notes.push_back(std::move(*note));
  if (!re || !ne || out.old_crc == out.new_crc) return out;
  const Closure closure(new_shapes, *ne, refs);
  const std::set<std::string_view> by_value = closure.Reached(true);
  const ShapeScope old_scope = ref_shapes.Scope(re->file);
  const ShapeScope new_scope = new_shapes.Scope(ne->file);
  for (const std::string& key : FindCauses(ref, *re, neu, *ne)) {
    ExplainedCause cause;
    cause.key = key;
    cause.path = closure.PathTo(key);
    if (cause.path.empty()) cause.path = {PathStep{std::string(ne->name), ""}, PathStep{key, ""}};
    const Shape& a = ref_shapes.Get(key == re->name ? re->record : *ref.MaybeLookup(re->file, key));
    const Shape& b = new_shapes.Get(key == ne->name ? ne->record : *neu.MaybeLookup(ne->file, key));
    std::vector<ChangeOrigin> origins;
    const DiffSide old_side{a, old_scope}, new_side{b, new_scope};
    cause.changes = DiffShapes(old_side, new_side, &origins);
    FixitAdvice advice = SuggestFixits({.key = key,
                                        .old_side = old_side,
                                        .new_side = new_side,
                                        .changes = cause.changes,
                                        .origins = origins,
                                        .reached_by_value = by_value.contains(key)});
    cause.fixits = std::move(advice.fixits);
    cause.notes = std::move(advice.notes);
    out.causes.push_back(std::move(cause));
  }
  TieDerivedCauses(out);
  return out;
}

Reach FindReachingExports(const Corpus& corpus, std::string_view key) {
  const std::optional<KeyId> target = corpus.MaybeKeyId(key);
  Check(target.has_value(), "'{}' names no record of {}", key, corpus.name());
  const RecordShapes shapes(corpus);
  RefIndex refs;
  // Who refers to whom, over every definition of every key: a superset of
  // what one file's scope sees, checked per export below.
  const size_t keys = corpus.key_count();
  std::vector<std::vector<KeyId>> referrers(keys);
  for (KeyId k = 0; k < keys; ++k)
    for (const auto& [file, id] : corpus.definitions(k))
      for (const LabelledRef& ref : refs.Of(shapes.Get(id)))
        if (std::optional<KeyId> to = corpus.MaybeKeyId(ref.key)) referrers[*to].push_back(k);
  std::vector<char> reaches(keys, 0);
  std::vector<KeyId> work{*target};
  reaches[*target] = 1;
  while (!work.empty()) {
    const KeyId k = work.back();
    work.pop_back();
    for (KeyId from : referrers[k])
      if (!reaches[from]) {
        reaches[from] = 1;
        work.push_back(from);
      }
  }
  Reach out;
  out.key = std::string(key);
  for (const Export& e : corpus.exports()) {
    const std::optional<KeyId> id = corpus.MaybeKeyId(e.name);
    if (!id || !reaches[*id]) continue;
    const Closure closure(shapes, e, refs);
    std::vector<PathStep> path = closure.PathTo(key, /*by_value_only=*/true);
    const bool by_value = !path.empty();
    if (!by_value) path = closure.PathTo(key);
    if (path.empty()) continue;  // reached only through another file's definitions
    out.exports.push_back(
        ReachingExport{std::string(e.name), corpus.file_path(e.file), std::move(path), by_value});
  }
  return out;
}

}  // namespace kcrc
