#include "kcrc/compare/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "kcrc/compare/compare.h"

namespace kcrc {
namespace {

// (label, referenced key) for each reference in a record, in order.
std::vector<std::pair<std::string, std::string_view>> LabelledRefs(const TokenList& tokens) {
  std::vector<std::pair<std::string, std::string_view>> out;
  const std::vector<Word> words = SplitWords(tokens);
  const Shape shape = ParseShape(words);
  auto add_refs = [&](const std::vector<Word>& ws, const std::string& label) {
    for (const Word& w : ws)
      if (w.is_ref) out.emplace_back(label, w.text);
  };
  for (size_t i = 0; i < shape.items.size(); ++i) {
    const ShapeItem& item = shape.items[i];
    std::string label;
    if (shape.kind == ShapeKind::kFunction) {
      label = item.name.empty() ? fmt::format("parameter {}", i + 1)
                                : fmt::format("parameter {} '{}'", i + 1, item.name);
    } else {
      label = fmt::format("member '{}'", item.name.empty() ? "(unnamed)" : item.name);
      if (item.offset_bits) label += " at " + FormatOffset(*item.offset_bits);
    }
    add_refs(item.type, label);
  }
  // A variable's type and a typedef's target need no label of their own.
  add_refs(shape.target, shape.kind == ShapeKind::kFunction ? "return type" : "");
  if (out.empty()) {
    // Something ParseShape does not take apart: keep the references anyway.
    for (const Token& token : tokens)
      if (token.is_ref) out.emplace_back("", token.text);
  }
  return out;
}

std::vector<PathStep> FindPath(const Corpus& corpus, const Export& e, std::string_view target) {
  if (target == e.name) return {PathStep{std::string(e.name), ""}};
  // BFS over keys; parent links give the path back.
  struct Visit {
    std::string_view parent;
    std::string label;
  };
  std::unordered_map<std::string_view, Visit> visited;
  visited.emplace(e.name, Visit{});
  std::vector<std::pair<std::string_view, RecordId>> frontier{{e.name, e.record}};
  bool found = false;
  while (!frontier.empty() && !found) {
    std::vector<std::pair<std::string_view, RecordId>> next;
    for (auto [key, id] : frontier) {
      for (auto& [label, ref] : LabelledRefs(corpus.tokens(id))) {
        if (visited.contains(ref)) continue;
        visited.emplace(ref, Visit{key, label});
        if (ref == target) {
          found = true;
          break;
        }
        if (std::optional<RecordId> r = corpus.MaybeLookup(e.file, ref)) next.emplace_back(ref, *r);
      }
      if (found) break;
    }
    frontier = std::move(next);
  }
  std::vector<PathStep> path;
  if (!found) return {PathStep{std::string(e.name), ""}, PathStep{std::string(target), ""}};
  std::string_view at = target;
  std::string via;
  while (true) {
    path.push_back(PathStep{std::string(at), via});
    const Visit& v = visited.at(at);
    if (v.parent.empty()) break;
    via = v.label;
    at = v.parent;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::string ShapeName(std::string_view key) {
  std::string_view name = key.substr(2);
  if (name.size() >= 2 && name.front() == '\'') name = name.substr(1, name.size() - 2);
  return std::string(name);
}

}  // namespace

std::string FormatPath(const std::vector<PathStep>& path) {
  auto name = [](const std::string& key) {
    if (!IsTypeRefPrefix(key)) return "export " + key;
    return key[0] == 't' ? "typedef " + PrettyKey(key) : PrettyKey(key);
  };
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    out += i == 0 ? name(path[i].key) : " -> " + name(path[i].key);
    if (!path[i].via.empty()) out += " -> " + path[i].via;
  }
  return out;
}

std::vector<Fixit> SuggestFixits(std::string_view key, const TokenList& old_tokens,
                                 const TokenList& new_tokens, const std::vector<Change>& changes) {
  std::vector<Fixit> fixits;
  if (!IsTypeRefPrefix(key)) return fixits;  // an export's own signature: no macro
  const std::string name = ShapeName(key);
  const Shape old_shape = ParseShape(SplitWords(old_tokens));
  const Shape new_shape = ParseShape(SplitWords(new_tokens));
  const bool grew =
      old_shape.byte_size && new_shape.byte_size && *new_shape.byte_size > *old_shape.byte_size;
  const bool resized = old_shape.byte_size != new_shape.byte_size;
  // Reserved slots used: `__kabi_reservedN` removed, a member added at its offset.
  std::map<uint64_t, std::string> reserved_at;
  for (const Change& c : changes)
    if (c.kind == ChangeKind::kMemberRemoved && c.old_offset_bits) {
      // `__kabi_reservedN` (plain output) or an unnamed scalar (under
      // --stable the reserved name is hidden; the slot number is not known).
      if (c.member.starts_with("__kabi_reserved"))
        reserved_at.emplace(*c.old_offset_bits, c.member.substr(15));
      else if (c.member == "(unnamed)" && c.old_type.find('{') == std::string::npos)
        reserved_at.emplace(*c.old_offset_bits, "N");
    }
  std::map<uint64_t, std::string> reserved_used;
  for (const Change& c : changes)
    if (c.kind == ChangeKind::kMemberAdded && c.new_offset_bits &&
        reserved_at.contains(*c.new_offset_bits))
      reserved_used.emplace(*c.new_offset_bits, reserved_at.at(*c.new_offset_bits));
  bool moved = false;
  for (const Change& c : changes) {
    if (c.kind == ChangeKind::kMemberMoved) moved = true;
    if (c.kind == ChangeKind::kMemberRemoved &&
        !(c.old_offset_bits && reserved_used.contains(*c.old_offset_bits)))
      moved = true;
  }
  const std::string layout_warning =
      grew ? fmt::format(
                 "not layout-safe: {} grew from {} to {} bytes; modules that embed, "
                 "allocate or index it would use the old size",
                 PrettyKey(key), *old_shape.byte_size, *new_shape.byte_size)
      : resized ? fmt::format("not layout-safe: the size of {} changed", PrettyKey(key))
      : moved ? fmt::format("not layout-safe: members of {} moved or were removed", PrettyKey(key))
              : std::string();
  // `unsafe`: the macro itself hides a layout or value change.
  auto add = [&](std::string macro, std::string warning, bool unsafe = false) {
    Fixit fixit{std::move(macro), layout_warning.empty() && !unsafe, {}};
    fixit.warning = !warning.empty() ? std::move(warning) : layout_warning;
    fixits.push_back(std::move(fixit));
  };

  int ignore_index = 0;
  for (const Change& c : changes) {
    switch (c.kind) {
      case ChangeKind::kBecameDefined:
        add(fmt::format("KABI_DECLONLY(\"{}\");", name),
            "safe only while modules use the type through pointers, as they had to when it was "
            "a declaration");
        break;
      case ChangeKind::kEnumeratorAdded:
        add(fmt::format("KABI_ENUMERATOR_IGNORE(\"{}\", \"{}\");", name, c.member),
            "modules built against the old enum never pass the new value; check that the "
            "kernel does not hand it to them");
        break;
      case ChangeKind::kEnumeratorValueChanged:
        add(fmt::format("KABI_ENUMERATOR_VALUE(\"{}\", \"{}\", \"{}\");", name, c.member,
                        c.old_value),
            fmt::format("not value-safe: modules built against the old enum see {} = {}", c.member,
                        c.old_value),
            true);
        break;
      case ChangeKind::kMemberAdded: {
        if (c.new_offset_bits && reserved_used.contains(*c.new_offset_bits)) {
          const std::string& slot = reserved_used.at(*c.new_offset_bits);
          add(fmt::format("KABI_USE({}, {});", slot, Declaration(c.new_type, c.member)),
              slot == "N" ? "N is the number of the reserved slot at " +
                                FormatOffset(*c.new_offset_bits) + " (its name is hidden)"
                          : "");
        } else if (c.member.find('.') == std::string::npos) {
          add(fmt::format("KABI_IGNORE({}, {});", ignore_index++,
                          Declaration(c.new_type, c.member)),
              layout_warning.empty()
                  ? "safe only if the member fills a hole that was padding before"
                  : "");
        }
        break;
      }
      case ChangeKind::kMemberRetyped:
        add(fmt::format("KABI_REPLACE({}, {}, {});", c.old_type, c.member,
                        Declaration(c.new_type, c.member)),
            c.old_size != c.new_size || !c.old_size
                ? fmt::format("not layout-safe unless '{}' and '{}' have the same size and "
                              "alignment",
                              c.old_type, c.new_type)
                : "",
            c.old_size != c.new_size || !c.old_size);
        break;
      case ChangeKind::kMemberRenamed:
        add(fmt::format("KABI_REPLACE({}, {}, {});", c.old_type, c.member,
                        Declaration(c.new_type, c.new_member)),
            "");
        break;
      default:
        break;
    }
  }
  if (grew && !fixits.empty())
    add(fmt::format("KABI_BYTE_SIZE(\"{}\", \"{}\");", name, *old_shape.byte_size),
        "not layout-safe: keeps the old size in the CRC while the real size grew", true);
  return fixits;
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
  if (!re || !ne || out.old_crc == out.new_crc) return out;
  for (const std::string& key : FindCauses(ref, *re, neu, *ne)) {
    ExplainedCause cause;
    cause.key = key;
    cause.path = FindPath(neu, *ne, key);
    const TokenList& a = ref.tokens(key == re->name ? re->record : *ref.MaybeLookup(re->file, key));
    const TokenList& b = neu.tokens(key == ne->name ? ne->record : *neu.MaybeLookup(ne->file, key));
    cause.changes = DiffRecords(
        a, b, [&](std::string_view r) { return ref.MaybeSizeOf(re->file, r); },
        [&](std::string_view r) { return neu.MaybeSizeOf(ne->file, r); });
    cause.fixits = SuggestFixits(key, a, b, cause.changes);
    out.causes.push_back(std::move(cause));
  }
  return out;
}

}  // namespace kcrc
