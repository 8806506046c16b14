#include "kcrc/compare/member_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

// Changes are built with designated initializers naming only the fields that
// apply; the rest keep their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace kcrc {
namespace {

using Words = std::vector<Word>;

bool Is(const Word& word, std::string_view text) { return !word.is_ref && word.text == text; }

// `name(123)` -> 123 when the word is the attribute `name`.
std::optional<uint64_t> MaybeAttribute(const Word& word, std::string_view name) {
  if (word.is_ref || word.text.size() < name.size() + 3 || !word.text.starts_with(name) ||
      word.text[name.size()] != '(' || word.text.back() != ')')
    return std::nullopt;
  const std::string_view digits =
      word.text.substr(name.size() + 1, word.text.size() - name.size() - 2);
  uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  return value;
}

bool IsAttributeLike(const Word& word) {
  return !word.is_ref && word.text.size() > 3 && word.text.back() == ')' &&
         word.text.find('(') != std::string_view::npos && word.text.front() != '(';
}

// Index of the word closing the bracket opened at `open` (`{`/`}` or `(`/`)`),
// or words.size().
size_t MatchClose(const Words& words, size_t open) {
  const std::string_view opener = words[open].text;
  const std::string_view closer = opener == "{" ? "}" : ")";
  int depth = 0;
  for (size_t i = open; i < words.size(); ++i) {
    if (words[i].is_ref) continue;
    if (words[i].text == opener) ++depth;
    if (words[i].text == closer && --depth == 0) return i;
  }
  return words.size();
}

size_t Find(const Words& words, size_t from, std::string_view text) {
  for (size_t i = from; i < words.size(); ++i)
    if (Is(words[i], text)) return i;
  return words.size();
}

std::string Join(const Words& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i].text;
  }
  return out;
}

// Splits words[begin, end) at top-level `,` words.
std::vector<Words> SplitList(const Words& words, size_t begin, size_t end) {
  std::vector<Words> items;
  Words current;
  int depth = 0;
  for (size_t i = begin; i < end; ++i) {
    const Word& word = words[i];
    if (!word.is_ref) {
      if (word.text == "{" || word.text == "(") ++depth;
      if (word.text == "}" || word.text == ")") --depth;
      if (depth == 0 && word.text == ",") {
        items.push_back(std::move(current));
        current.clear();
        continue;
      }
    }
    current.push_back(word);
  }
  if (!current.empty()) items.push_back(std::move(current));
  return items;
}

// `member T name attrs` / `formal_parameter T name attrs`.
ShapeItem ParseTypedItem(const Words& item) {
  ShapeItem out;
  out.text = Join(item, 0, item.size());
  size_t end = item.size();
  while (end > 1) {
    const Word& word = item[end - 1];
    if (auto v = MaybeAttribute(word, "data_member_location")) {
      out.offset_bits = *v * 8;
    } else if (auto b = MaybeAttribute(word, "data_bit_offset")) {
      out.offset_bits = *b;
    } else if (auto s = MaybeAttribute(word, "bit_size")) {
      out.bit_size = *s;
    } else if (!MaybeAttribute(word, "accessibility")) {
      break;
    }
    --end;
  }
  // The name is the last word unless that word ends the type.
  if (end >= 3) {
    const Word& last = item[end - 1];
    if (!last.is_ref && last.text != "}" && last.text != ")" && !IsAttributeLike(last)) {
      out.name = std::string(last.text);
      --end;
    }
  }
  out.type.assign(item.begin() + 1, item.begin() + static_cast<std::ptrdiff_t>(end));
  return out;
}

ShapeItem ParseEnumerator(const Words& item) {
  ShapeItem out;
  out.text = Join(item, 0, item.size());
  if (item.size() >= 2) out.name = std::string(item[1].text);
  if (item.size() >= 4 && Is(item[2], "=")) out.value = std::string(item[3].text);
  return out;
}

void ParseTrailingAttributes(const Words& words, size_t from, Shape& shape) {
  for (size_t i = from; i < words.size(); ++i) {
    if (auto v = MaybeAttribute(words[i], "byte_size")) shape.byte_size = v;
    if (auto v = MaybeAttribute(words[i], "alignment")) shape.alignment = v;
  }
}

std::string KindName(ShapeKind kind) {
  switch (kind) {
    case ShapeKind::kStruct:
      return "struct";
    case ShapeKind::kUnion:
      return "union";
    case ShapeKind::kClass:
      return "class";
    case ShapeKind::kEnum:
      return "enum";
    case ShapeKind::kTypedef:
      return "typedef";
    case ShapeKind::kFunction:
      return "function";
    case ShapeKind::kVariable:
      return "variable";
    case ShapeKind::kOther:
      return "type";
  }
  return "type";
}

std::string PrettyInner(const Words& words, size_t begin, size_t end);
std::string PrettyAt(const Words& words, size_t begin, size_t end, size_t& next);

// `subroutine_type ( params ) -> ret` as `ret declarator(params)`.
std::string PrettyFunction(const Words& words, size_t begin, size_t end, size_t& next,
                           const std::string& declarator) {
  const size_t open = begin + 1;
  if (open >= end || !Is(words[open], "(")) {
    next = begin + 1;
    return "function";
  }
  const size_t close = std::min(MatchClose(words, open), end);
  std::string params;
  for (const Words& item : SplitList(words, open + 1, close)) {
    if (item.empty()) continue;
    if (!params.empty()) params += ", ";
    params += PrettyType(ParseTypedItem(item).type);
  }
  if (params.empty()) params = "void";
  std::string ret = "void";
  next = close + 1;
  if (close + 1 < end && Is(words[close + 1], "->")) ret = PrettyAt(words, close + 2, end, next);
  return declarator.empty() ? fmt::format("{} ({})", ret, params)
                            : fmt::format("{} {}({})", ret, declarator, params);
}

// The pretty form of the type starting at `begin`; sets `next` after it.
std::string PrettyAt(const Words& words, size_t begin, size_t end, size_t& next) {
  next = begin + 1;
  if (begin >= end) return "?";
  const Word& first = words[begin];
  if (first.is_ref) return PrettyKey(first.text);
  const std::string_view w = first.text;
  auto braced = [&](size_t at, std::string& inner) {
    const size_t open = Find(words, at, "{");
    if (open >= end) return false;
    const size_t close = std::min(MatchClose(words, open), end);
    inner = PrettyInner(words, open + 1, close);
    next = close + 1;
    while (next < end && IsAttributeLike(words[next])) ++next;
    return true;
  };
  std::string inner;
  if (w == "base_type") {
    std::string name;
    size_t i = begin + 1;
    for (; i < end && !IsAttributeLike(words[i]) && !Is(words[i], "}") && !Is(words[i], ","); ++i) {
      if (!name.empty()) name += ' ';
      name += words[i].text;
    }
    while (i < end && IsAttributeLike(words[i])) ++i;
    next = i;
    return name;
  }
  if (w == "pointer_type" || w == "reference_type" || w == "rvalue_reference_type") {
    const char* suffix = w == "pointer_type" ? " *" : w == "reference_type" ? " &" : " &&";
    const size_t open = Find(words, begin, "{");
    if (open + 1 < end && Is(words[open + 1], "subroutine_type")) {
      // Pointer to function: `int (*)(struct driver *)`.
      const size_t close = std::min(MatchClose(words, open), end);
      size_t ignored = 0;
      inner =
          PrettyFunction(words, open + 1, close, ignored, std::string("(") + (suffix + 1) + ")");
      next = close + 1;
      while (next < end && IsAttributeLike(words[next])) ++next;
      return inner;
    }
    if (!braced(begin, inner)) return std::string(w);
    return inner + suffix;
  }
  if (w.ends_with("_type") &&
      (w == "const_type" || w == "volatile_type" || w == "restrict_type" || w == "atomic_type")) {
    if (!braced(begin, inner)) return std::string(w);
    const std::string_view qualifier = w.substr(0, w.size() - 5);
    return fmt::format("{} {}", qualifier == "atomic" ? "_Atomic" : qualifier, inner);
  }
  if (w.starts_with("array_type")) {
    if (!braced(begin, inner)) return std::string(w);
    return inner + std::string(w.substr(10));
  }
  if (w == "subroutine_type") return PrettyFunction(words, begin, end, next, "");
  if (w == "structure_type" || w == "union_type" || w == "class_type" || w == "enumeration_type") {
    const size_t open = Find(words, begin, "{");
    std::string name = Join(words, begin + 1, std::min(open, end));
    const std::string kind = w == "structure_type" ? "struct"
                             : w == "union_type"   ? "union"
                             : w == "class_type"   ? "class"
                                                   : "enum";
    braced(begin, inner);
    return name.empty() ? kind + " {...}" : kind + " " + name;
  }
  if (w == "typedef_type") {
    const size_t open = Find(words, begin, "{");
    std::string name = Join(words, begin + 1, std::min(open, end));
    braced(begin, inner);
    return name;
  }
  return Join(words, begin, end);
}

std::string PrettyInner(const Words& words, size_t begin, size_t end) {
  size_t next = begin;
  return PrettyAt(words, begin, end, next);
}

std::string ItemLabel(const ShapeItem& item) { return item.name.empty() ? "(unnamed)" : item.name; }

struct Differ {
  const RefSizer& old_sizer;
  const RefSizer& new_sizer;
  std::vector<Change> changes;

  void Add(Change change) { changes.push_back(std::move(change)); }

  void Members(const Shape& a, const Shape& b, const std::string& prefix) {
    // Match named members by name, unnamed ones by order.
    std::map<std::string, size_t> new_named;
    std::vector<size_t> new_unnamed;
    for (size_t i = 0; i < b.items.size(); ++i) {
      if (b.items[i].name.empty())
        new_unnamed.push_back(i);
      else
        new_named.emplace(b.items[i].name, i);
    }
    std::vector<bool> new_matched(b.items.size(), false);
    std::vector<size_t> old_only;
    std::vector<std::pair<size_t, size_t>> pairs;
    // Unnamed members (anonymous structs and unions, kABI-hidden names) pair
    // up by offset first, then in order.
    std::vector<std::optional<size_t>> unnamed_match(a.items.size());
    for (size_t i = 0; i < a.items.size(); ++i) {
      if (!a.items[i].name.empty() || !a.items[i].offset_bits) continue;
      for (size_t j : new_unnamed)
        if (!new_matched[j] && b.items[j].offset_bits == a.items[i].offset_bits) {
          unnamed_match[i] = j;
          new_matched[j] = true;
          break;
        }
    }
    size_t next_unnamed = 0;
    for (size_t i = 0; i < a.items.size(); ++i) {
      const ShapeItem& item = a.items[i];
      std::optional<size_t> match;
      if (item.name.empty()) {
        match = unnamed_match[i];
        while (!match && next_unnamed < new_unnamed.size()) {
          const size_t j = new_unnamed[next_unnamed++];
          if (!new_matched[j]) match = j;
        }
      } else if (auto it = new_named.find(item.name); it != new_named.end()) {
        match = it->second;
      }
      if (match) {
        new_matched[*match] = true;
        pairs.emplace_back(i, *match);
      } else {
        old_only.push_back(i);
      }
    }
    std::vector<size_t> new_only;
    for (size_t j = 0; j < b.items.size(); ++j)
      if (!new_matched[j]) new_only.push_back(j);
    // Renames: an old-only and a new-only member at the same offset with the
    // same type.
    std::vector<bool> old_renamed(a.items.size(), false), new_renamed(b.items.size(), false);
    for (size_t i : old_only)
      for (size_t j : new_only) {
        const ShapeItem& x = a.items[i];
        const ShapeItem& y = b.items[j];
        if (new_renamed[j] || x.name.empty() || y.name.empty() || x.offset_bits != y.offset_bits ||
            Join(x.type, 0, x.type.size()) != Join(y.type, 0, y.type.size()))
          continue;
        old_renamed[i] = new_renamed[j] = true;
        Add({.kind = ChangeKind::kMemberRenamed,
             .member = prefix + x.name,
             .new_member = prefix + y.name,
             .old_type = PrettyType(x.type),
             .new_type = PrettyType(y.type),
             .old_offset_bits = x.offset_bits,
             .new_offset_bits = y.offset_bits});
        break;
      }
    for (size_t i : old_only) {
      if (old_renamed[i]) continue;
      const ShapeItem& x = a.items[i];
      Add({.kind = ChangeKind::kMemberRemoved,
           .member = prefix + ItemLabel(x),
           .old_type = PrettyType(x.type),
           .old_offset_bits = x.offset_bits,
           .old_size = MaybeTypeSize(x.type, old_sizer)});
    }
    for (auto [i, j] : pairs) MemberPair(a.items[i], b.items[j], prefix);
    for (size_t j : new_only) {
      if (new_renamed[j]) continue;
      const ShapeItem& y = b.items[j];
      Add({.kind = ChangeKind::kMemberAdded,
           .member = prefix + ItemLabel(y),
           .new_type = PrettyType(y.type),
           .new_offset_bits = y.offset_bits,
           .new_size = MaybeTypeSize(y.type, new_sizer)});
    }
  }

  void MemberPair(const ShapeItem& x, const ShapeItem& y, const std::string& prefix) {
    if (x.text == y.text) return;
    const std::string label = prefix + ItemLabel(x);
    const std::string old_type = Join(x.type, 0, x.type.size());
    const std::string new_type = Join(y.type, 0, y.type.size());
    if (old_type != new_type) {
      // Anonymous structs and unions are inlined: diff inside them.
      const Shape inner_a = ParseShape(x.type);
      const Shape inner_b = ParseShape(y.type);
      const bool inline_compound =
          inner_a.name.empty() && inner_b.name.empty() && inner_a.kind == inner_b.kind &&
          (inner_a.kind == ShapeKind::kStruct || inner_a.kind == ShapeKind::kUnion);
      if (inline_compound) {
        const std::string inner_prefix =
            x.name.empty() ? fmt::format("{}(anonymous {}{}).", prefix, KindName(inner_a.kind),
                                         x.offset_bits ? " at " + FormatOffset(*x.offset_bits) : "")
                           : prefix + x.name + ".";
        const size_t before = changes.size();
        Members(inner_a, inner_b, inner_prefix);
        Sizes(inner_a, inner_b, inner_prefix.substr(0, inner_prefix.size() - 1));
        if (changes.size() == before) {
          // Only the order or something unparsed changed.
          Add({.kind = ChangeKind::kMemberChanged,
               .member = label,
               .old_type = old_type,
               .new_type = new_type});
        }
      } else {
        Add({.kind = ChangeKind::kMemberRetyped,
             .member = label,
             .old_type = PrettyType(x.type),
             .new_type = PrettyType(y.type),
             .old_offset_bits = x.offset_bits,
             .new_offset_bits = y.offset_bits,
             .old_size = MaybeTypeSize(x.type, old_sizer),
             .new_size = MaybeTypeSize(y.type, new_sizer)});
        return;
      }
    }
    if (x.offset_bits != y.offset_bits) {
      Add({.kind = ChangeKind::kMemberMoved,
           .member = label,
           .old_type = PrettyType(x.type),
           .new_type = PrettyType(y.type),
           .old_offset_bits = x.offset_bits,
           .new_offset_bits = y.offset_bits});
    } else if (old_type == new_type) {
      Add({.kind = ChangeKind::kMemberChanged,
           .member = label,
           .old_type = x.text,
           .new_type = y.text});
    }
  }

  void Sizes(const Shape& a, const Shape& b, const std::string& member) {
    if (a.byte_size != b.byte_size)
      Add({.kind = ChangeKind::kSizeChanged,
           .member = member,
           .old_size = a.byte_size,
           .new_size = b.byte_size});
    if (a.alignment != b.alignment)
      Add({.kind = ChangeKind::kAlignmentChanged,
           .member = member,
           .old_value = a.alignment ? std::to_string(*a.alignment) : "",
           .new_value = b.alignment ? std::to_string(*b.alignment) : ""});
  }

  void Enumerators(const Shape& a, const Shape& b) {
    std::map<std::string, const ShapeItem*> old_by_name, new_by_name;
    for (const ShapeItem& item : a.items) old_by_name.emplace(item.name, &item);
    for (const ShapeItem& item : b.items) new_by_name.emplace(item.name, &item);
    for (const ShapeItem& item : a.items)
      if (!new_by_name.contains(item.name))
        Add({.kind = ChangeKind::kEnumeratorRemoved, .member = item.name, .old_value = item.value});
    for (const ShapeItem& item : b.items)
      if (!old_by_name.contains(item.name))
        Add({.kind = ChangeKind::kEnumeratorAdded, .member = item.name, .new_value = item.value});
    for (const ShapeItem& item : a.items) {
      auto it = new_by_name.find(item.name);
      if (it != new_by_name.end() && it->second->value != item.value)
        Add({.kind = ChangeKind::kEnumeratorValueChanged,
             .member = item.name,
             .old_value = item.value,
             .new_value = it->second->value});
    }
  }

  void Parameters(const Shape& a, const Shape& b) {
    const size_t common = std::min(a.items.size(), b.items.size());
    for (size_t i = 0; i < common; ++i) {
      const ShapeItem& x = a.items[i];
      const ShapeItem& y = b.items[i];
      if (x.text == y.text) continue;
      Add({.kind = ChangeKind::kParameterChanged,
           .member = x.name,
           .new_member = y.name,
           .old_type = PrettyType(x.type),
           .new_type = PrettyType(y.type),
           .parameter = static_cast<int>(i + 1)});
    }
    for (size_t i = common; i < a.items.size(); ++i)
      Add({.kind = ChangeKind::kParameterRemoved,
           .member = a.items[i].name,
           .old_type = PrettyType(a.items[i].type),
           .parameter = static_cast<int>(i + 1)});
    for (size_t i = common; i < b.items.size(); ++i)
      Add({.kind = ChangeKind::kParameterAdded,
           .member = b.items[i].name,
           .new_type = PrettyType(b.items[i].type),
           .parameter = static_cast<int>(i + 1)});
    Target(a, b, ChangeKind::kReturnTypeChanged);
  }

  void Target(const Shape& a, const Shape& b, ChangeKind kind) {
    const std::string old_target = Join(a.target, 0, a.target.size());
    const std::string new_target = Join(b.target, 0, b.target.size());
    if (old_target == new_target) return;
    std::string old_pretty = PrettyType(a.target);
    std::string new_pretty = PrettyType(b.target);
    if (old_pretty == new_pretty) {
      old_pretty = old_target;
      new_pretty = new_target;
    }
    Add({.kind = kind,
         .old_type = old_pretty,
         .new_type = new_pretty,
         .old_size = MaybeTypeSize(a.target, old_sizer),
         .new_size = MaybeTypeSize(b.target, new_sizer)});
  }
};

}  // namespace

std::vector<Word> SplitWords(const TokenList& tokens) {
  std::vector<Word> words;
  for (const Token& token : tokens) {
    if (token.is_ref) {
      words.push_back(Word{token.text, true});
      continue;
    }
    const std::string_view text = token.text;
    size_t i = 0;
    while (i < text.size()) {
      size_t end = text.find(' ', i);
      if (end == std::string_view::npos) end = text.size();
      if (end > i) words.push_back(Word{text.substr(i, end - i), false});
      i = end + 1;
    }
  }
  return words;
}

Shape ParseShape(const std::vector<Word>& words) {
  Shape shape;
  if (words.empty()) return shape;
  const std::string_view first = words[0].is_ref ? std::string_view() : words[0].text;
  if (first == "structure_type" || first == "union_type" || first == "class_type" ||
      first == "enumeration_type") {
    shape.kind = first == "structure_type" ? ShapeKind::kStruct
                 : first == "union_type"   ? ShapeKind::kUnion
                 : first == "class_type"   ? ShapeKind::kClass
                                           : ShapeKind::kEnum;
    const size_t open = Find(words, 1, "{");
    shape.name = Join(words, 1, open);
    if (open == words.size()) return shape;
    const size_t close = MatchClose(words, open);
    for (const Words& item : SplitList(words, open + 1, close)) {
      if (item.empty()) continue;
      if (shape.kind == ShapeKind::kEnum)
        shape.items.push_back(ParseEnumerator(item));
      else if (Is(item[0], "member"))
        shape.items.push_back(ParseTypedItem(item));
      else
        shape.items.push_back(ShapeItem{.text = Join(item, 0, item.size())});
    }
    ParseTrailingAttributes(words, close + 1, shape);
    shape.declaration = shape.items.empty() && !shape.byte_size && close == open + 1;
    return shape;
  }
  if (first == "typedef_type") {
    shape.kind = ShapeKind::kTypedef;
    const size_t open = Find(words, 1, "{");
    shape.name = Join(words, 1, open);
    if (open == words.size()) return shape;
    const size_t close = MatchClose(words, open);
    shape.target.assign(words.begin() + static_cast<std::ptrdiff_t>(open + 1),
                        words.begin() + static_cast<std::ptrdiff_t>(std::min(close, words.size())));
    ParseTrailingAttributes(words, close + 1, shape);
    return shape;
  }
  if (first == "subprogram" || first == "subroutine_type") {
    shape.kind = ShapeKind::kFunction;
    if (words.size() < 2 || !Is(words[1], "(")) return shape;
    const size_t close = MatchClose(words, 1);
    for (const Words& item : SplitList(words, 2, close))
      if (!item.empty()) shape.items.push_back(ParseTypedItem(item));
    if (close + 1 < words.size() && Is(words[close + 1], "->"))
      shape.target.assign(words.begin() + static_cast<std::ptrdiff_t>(close + 2), words.end());
    return shape;
  }
  if (first == "variable") {
    shape.kind = ShapeKind::kVariable;
    shape.target.assign(words.begin() + 1, words.end());
    return shape;
  }
  shape.target = words;
  return shape;
}

std::optional<uint64_t> MaybeTypeSize(const std::vector<Word>& type, const RefSizer& size_of_ref) {
  if (type.empty()) return std::nullopt;
  if (type[0].is_ref) return size_of_ref ? size_of_ref(type[0].text) : std::nullopt;
  const std::string_view first = type[0].text;
  // A top-level byte_size after the type's own braces (or inline for base types).
  size_t after = 1;
  if (first != "base_type") {
    const size_t open = Find(type, 0, "{");
    if (open < type.size()) after = MatchClose(type, open) + 1;
  }
  for (size_t i = after; i < type.size(); ++i)
    if (auto size = MaybeAttribute(type[i], "byte_size")) return size;
  if (first.starts_with("array_type")) {
    const size_t open = Find(type, 0, "{");
    if (open >= type.size()) return std::nullopt;
    const size_t close = MatchClose(type, open);
    std::vector<Word> element(
        type.begin() + static_cast<std::ptrdiff_t>(open + 1),
        type.begin() + static_cast<std::ptrdiff_t>(std::min(close, type.size())));
    std::optional<uint64_t> size = MaybeTypeSize(element, size_of_ref);
    if (!size) return std::nullopt;
    std::string_view bounds = first.substr(10);
    while (!bounds.empty()) {
      if (bounds.front() != '[') return std::nullopt;
      const size_t end = bounds.find(']');
      if (end == std::string_view::npos) return std::nullopt;
      const std::string_view digits = bounds.substr(1, end - 1);
      uint64_t count = 0;
      if (!digits.empty()) {
        auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
        if (ec != std::errc()) return std::nullopt;
      }
      *size *= count;
      bounds.remove_prefix(end + 1);
    }
    return size;
  }
  if (first == "const_type" || first == "volatile_type" || first == "restrict_type" ||
      first == "atomic_type" || first == "typedef_type") {
    const size_t open = Find(type, 0, "{");
    if (open >= type.size()) return std::nullopt;
    const size_t close = MatchClose(type, open);
    std::vector<Word> inner(
        type.begin() + static_cast<std::ptrdiff_t>(open + 1),
        type.begin() + static_cast<std::ptrdiff_t>(std::min(close, type.size())));
    return MaybeTypeSize(inner, size_of_ref);
  }
  return std::nullopt;
}

std::string PrettyType(const std::vector<Word>& type) {
  if (type.empty()) return "void";
  return PrettyInner(type, 0, type.size());
}

std::string PrettyKey(std::string_view key) {
  if (!IsTypeRefPrefix(key)) return std::string(key);
  std::string_view name = key.substr(2);
  if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'')
    name = name.substr(1, name.size() - 2);
  switch (key[0]) {
    case 's':
      return fmt::format("struct {}", name);
    case 'u':
      return fmt::format("union {}", name);
    case 'e':
      return fmt::format("enum {}", name);
    default:
      return std::string(name);
  }
}

std::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kMemberAdded:
      return "member_added";
    case ChangeKind::kMemberRemoved:
      return "member_removed";
    case ChangeKind::kMemberRenamed:
      return "member_renamed";
    case ChangeKind::kMemberRetyped:
      return "member_retyped";
    case ChangeKind::kMemberMoved:
      return "member_moved";
    case ChangeKind::kMemberChanged:
      return "member_changed";
    case ChangeKind::kSizeChanged:
      return "size_changed";
    case ChangeKind::kAlignmentChanged:
      return "alignment_changed";
    case ChangeKind::kBecameDefined:
      return "became_defined";
    case ChangeKind::kBecameDeclaration:
      return "became_declaration";
    case ChangeKind::kEnumeratorAdded:
      return "enumerator_added";
    case ChangeKind::kEnumeratorRemoved:
      return "enumerator_removed";
    case ChangeKind::kEnumeratorValueChanged:
      return "enumerator_value_changed";
    case ChangeKind::kParameterAdded:
      return "parameter_added";
    case ChangeKind::kParameterRemoved:
      return "parameter_removed";
    case ChangeKind::kParameterChanged:
      return "parameter_changed";
    case ChangeKind::kReturnTypeChanged:
      return "return_type_changed";
    case ChangeKind::kTypeChanged:
      return "type_changed";
    case ChangeKind::kKindChanged:
      return "kind_changed";
    case ChangeKind::kTextChanged:
      return "text_changed";
  }
  return "unknown";
}

std::string Declaration(std::string_view type, std::string_view name) {
  // Function pointers: `int (*)(void)` -> `int (*name)(void)`.
  if (const size_t star = type.find("(*)"); star != std::string_view::npos)
    return fmt::format("{}(*{}){}", type.substr(0, star), name, type.substr(star + 3));
  // Arrays: `char[16]` -> `char name[16]`.
  if (const size_t bracket = type.find('[');
      bracket != std::string_view::npos && type.back() == ']')
    return fmt::format("{} {}{}", type.substr(0, bracket), name, type.substr(bracket));
  return fmt::format("{} {}", type, name);
}

std::string FormatOffset(uint64_t bits) {
  if (bits % 8 == 0) return fmt::format("offset {}", bits / 8);
  return fmt::format("bit offset {}", bits);
}

std::string Change::Describe() const {
  auto at = [](const std::optional<uint64_t>& bits) {
    return bits ? " at " + FormatOffset(*bits) : std::string();
  };
  auto size = [](const std::optional<uint64_t>& bytes) {
    return bytes ? fmt::format(" (size {})", *bytes) : std::string();
  };
  auto size_change = [](const std::optional<uint64_t>& a, const std::optional<uint64_t>& b) {
    if (a == b) return std::string();
    return fmt::format(", size {} -> {}", a ? std::to_string(*a) : "?",
                       b ? std::to_string(*b) : "?");
  };
  auto param = [this](const std::string& name) {
    return name.empty() ? fmt::format("parameter {}", parameter)
                        : fmt::format("parameter {} '{}'", parameter, name);
  };
  switch (kind) {
    case ChangeKind::kMemberAdded:
      return fmt::format("member '{}' ({}) added{}{}", member, new_type, at(new_offset_bits),
                         size(new_size));
    case ChangeKind::kMemberRemoved:
      return fmt::format("member '{}' ({}) removed{}{}", member, old_type,
                         old_offset_bits ? " from " + FormatOffset(*old_offset_bits) : "",
                         size(old_size));
    case ChangeKind::kMemberRenamed:
      return fmt::format("member '{}' renamed to '{}'{}", member, new_member, at(new_offset_bits));
    case ChangeKind::kMemberRetyped:
      if (old_offset_bits && new_offset_bits && old_offset_bits != new_offset_bits)
        return fmt::format("member '{}' changed type from '{}' to '{}' and moved from {} to {}{}",
                           member, old_type, new_type, FormatOffset(*old_offset_bits),
                           FormatOffset(*new_offset_bits), size_change(old_size, new_size));
      return fmt::format("member '{}' changed type from '{}' to '{}'{}{}", member, old_type,
                         new_type, at(new_offset_bits), size_change(old_size, new_size));
    case ChangeKind::kMemberMoved:
      return fmt::format("member '{}' moved from {} to {}", member,
                         old_offset_bits ? FormatOffset(*old_offset_bits) : "?",
                         new_offset_bits ? FormatOffset(*new_offset_bits) : "?");
    case ChangeKind::kMemberChanged:
      return fmt::format("member '{}' changed from '{}' to '{}'", member, old_type, new_type);
    case ChangeKind::kSizeChanged:
      return fmt::format("{}byte size changed from {} to {}", member.empty() ? "" : member + " ",
                         old_size ? std::to_string(*old_size) : "none",
                         new_size ? std::to_string(*new_size) : "none");
    case ChangeKind::kAlignmentChanged:
      return fmt::format("{}alignment changed from {} to {}", member.empty() ? "" : member + " ",
                         old_value.empty() ? "default" : old_value,
                         new_value.empty() ? "default" : new_value);
    case ChangeKind::kBecameDefined:
      return fmt::format("became defined (was a declaration only){}", size(new_size));
    case ChangeKind::kBecameDeclaration:
      return fmt::format("became a declaration only (was defined{})",
                         old_size ? fmt::format(", size {}", *old_size) : "");
    case ChangeKind::kEnumeratorAdded:
      return fmt::format("enumerator '{}'{} added", member,
                         new_value.empty() ? "" : " = " + new_value);
    case ChangeKind::kEnumeratorRemoved:
      return fmt::format("enumerator '{}'{} removed", member,
                         old_value.empty() ? "" : " = " + old_value);
    case ChangeKind::kEnumeratorValueChanged:
      return fmt::format("enumerator '{}' value changed from {} to {}", member, old_value,
                         new_value);
    case ChangeKind::kParameterAdded:
      return fmt::format("{} ({}) added", param(member), new_type);
    case ChangeKind::kParameterRemoved:
      return fmt::format("{} ({}) removed", param(member), old_type);
    case ChangeKind::kParameterChanged:
      if (old_type == new_type) return fmt::format("{} renamed to '{}'", param(member), new_member);
      return fmt::format("{} changed type from '{}' to '{}'", param(member), old_type, new_type);
    case ChangeKind::kReturnTypeChanged:
      return fmt::format("return type changed from '{}' to '{}'", old_type, new_type);
    case ChangeKind::kTypeChanged:
      return fmt::format("type changed from '{}' to '{}'{}", old_type, new_type,
                         size_change(old_size, new_size));
    case ChangeKind::kKindChanged:
      return fmt::format("changed from '{}' to '{}'", old_type, new_type);
    case ChangeKind::kTextChanged:
      return fmt::format("changed from '{}' to '{}'", old_type, new_type);
  }
  return "changed";
}

std::vector<Change> DiffRecords(const TokenList& old_tokens, const TokenList& new_tokens,
                                const RefSizer& old_sizer, const RefSizer& new_sizer) {
  Differ differ{old_sizer, new_sizer, {}};
  if (old_tokens == new_tokens) return {};
  const std::vector<Word> old_words = SplitWords(old_tokens);
  const std::vector<Word> new_words = SplitWords(new_tokens);
  const Shape a = ParseShape(old_words);
  const Shape b = ParseShape(new_words);
  if (a.kind != b.kind) {
    differ.Add({.kind = ChangeKind::kKindChanged,
                .old_type = JoinTokens(old_tokens),
                .new_type = JoinTokens(new_tokens)});
    return differ.changes;
  }
  switch (a.kind) {
    case ShapeKind::kStruct:
    case ShapeKind::kUnion:
    case ShapeKind::kClass:
    case ShapeKind::kEnum:
      if (a.declaration && !b.declaration) {
        differ.Add({.kind = ChangeKind::kBecameDefined, .new_size = b.byte_size});
        break;
      }
      if (!a.declaration && b.declaration) {
        differ.Add({.kind = ChangeKind::kBecameDeclaration, .old_size = a.byte_size});
        break;
      }
      if (a.kind == ShapeKind::kEnum)
        differ.Enumerators(a, b);
      else
        differ.Members(a, b, "");
      differ.Sizes(a, b, "");
      break;
    case ShapeKind::kFunction:
      differ.Parameters(a, b);
      break;
    case ShapeKind::kTypedef:
    case ShapeKind::kVariable:
      differ.Target(a, b, ChangeKind::kTypeChanged);
      differ.Sizes(a, b, "");
      break;
    case ShapeKind::kOther:
      break;
  }
  if (differ.changes.empty())
    differ.Add({.kind = ChangeKind::kTextChanged,
                .old_type = JoinTokens(old_tokens),
                .new_type = JoinTokens(new_tokens)});
  return differ.changes;
}

}  // namespace kcrc
