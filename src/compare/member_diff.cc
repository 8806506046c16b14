#include "kcrc/compare/member_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "kcrc/shape/c_type.h"

// Changes are built with designated initializers naming only the fields that
// apply; the rest keep their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace kcrc {
namespace {

using grammar::Attribute;
using grammar::Keyword;

constexpr uint64_t kLast = std::numeric_limits<uint64_t>::max();

// A change, where it sorts (offsets along the path of anonymous members;
// kLast for a struct's own size and alignment) and what it is about.
struct Entry {
  Change change;
  std::vector<uint64_t> order;
  ChangeOrigin origin;
};

std::string ItemLabel(const Item& item) {
  return item.name.empty() ? "(unnamed)" : std::string(item.name);
}

// An anonymous struct or union spelled inline, whose members are diffed.
const AggregateType* InlineCompound(const Type& type) {
  const auto* aggregate = As<AggregateType>(type);
  if (!aggregate || !aggregate->name.empty() || aggregate->keyword == Keyword::kEnumerationType)
    return nullptr;
  return aggregate;
}

// C spellings of two types; the texts when the spellings are equal.
// C spellings of two types; with base types' encodings when the spellings
// are equal ("char (signed_char)"), and the texts when they still are.
std::pair<std::string, std::string> Spellings(const Type& a, const Type& b) {
  std::string x = CTypeName(a), y = CTypeName(b);
  if (x != y) return {std::move(x), std::move(y)};
  x = CTypeName(a, CSpelling::kWithEncodings);
  y = CTypeName(b, CSpelling::kWithEncodings);
  if (x != y) return {std::move(x), std::move(y)};
  return {PrintType(a), PrintType(b)};
}

class Differ {
 public:
  Differ(const ShapeScope& old_scope, const ShapeScope& new_scope)
      : old_(old_scope), new_(new_scope) {}

  std::vector<Entry> entries;

  void Add(Change change, std::vector<uint64_t> order, ChangeOrigin origin = {}) {
    entries.push_back({std::move(change), std::move(order), origin});
  }

  void Aggregates(const AggregateType& a, const AggregateType& b, const std::string& prefix,
                  const std::vector<uint64_t>& order) {
    if (a.keyword == Keyword::kEnumerationType)
      Enumerators(a, b, order);
    else
      Members(a.body.items, b.body.items, prefix, order);
    Sizes(a.attributes, b.attributes, prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1),
          order);
  }

  void Parameters(const FunctionType& a, const FunctionType& b) {
    const size_t common = std::min(a.parameters.size(), b.parameters.size());
    for (size_t i = 0; i < common; ++i) {
      const Item& x = a.parameters[i];
      const Item& y = b.parameters[i];
      const std::string old_text = PrintType(*x.type), new_text = PrintType(*y.type);
      if (old_text == new_text && x.name == y.name) continue;
      auto [old_type, new_type] = Spellings(*x.type, *y.type);
      Add({.kind =
               old_text == new_text ? ChangeKind::kParameterRenamed : ChangeKind::kParameterChanged,
           .member = std::string(x.name),
           .new_member = std::string(y.name),
           .old_type = std::move(old_type),
           .new_type = std::move(new_type),
           .old_size = old_.SizeOf(*x.type),
           .new_size = new_.SizeOf(*y.type),
           .parameter = static_cast<int>(i + 1)},
          {i}, {&x, &y});
    }
    for (size_t i = common; i < a.parameters.size(); ++i)
      Add({.kind = ChangeKind::kParameterRemoved,
           .member = std::string(a.parameters[i].name),
           .old_type = CTypeName(*a.parameters[i].type),
           .parameter = static_cast<int>(i + 1)},
          {i}, {&a.parameters[i], nullptr});
    for (size_t i = common; i < b.parameters.size(); ++i)
      Add({.kind = ChangeKind::kParameterAdded,
           .member = std::string(b.parameters[i].name),
           .new_type = CTypeName(*b.parameters[i].type),
           .parameter = static_cast<int>(i + 1)},
          {i}, {nullptr, &b.parameters[i]});
    Target(*a.result, *b.result, ChangeKind::kReturnTypeChanged, {kLast});
  }

  // A typedef's target or a variable's type.
  void Target(const Type& a, const Type& b, ChangeKind kind, const std::vector<uint64_t>& order) {
    if (PrintType(a) == PrintType(b)) return;
    const AggregateType* x = InlineCompound(a);
    const AggregateType* y = InlineCompound(b);
    if (x && y && x->keyword == y->keyword) {
      Aggregates(*x, *y, "", order);
      return;
    }
    auto [old_type, new_type] = Spellings(a, b);
    Add({.kind = kind,
         .old_type = std::move(old_type),
         .new_type = std::move(new_type),
         .old_size = old_.SizeOf(a),
         .new_size = new_.SizeOf(b)},
        order);
  }

 private:
  // Something earlier in a struct that shifts what follows it.
  struct Event {
    uint64_t offset_bits;  // old offset (new offset for added members)
    ChangeReason reason;
  };

  void Members(const std::vector<Item>& a, const std::vector<Item>& b, const std::string& prefix,
               const std::vector<uint64_t>& order) {
    std::map<std::string_view, size_t> new_named;
    std::vector<size_t> new_unnamed;
    for (size_t j = 0; j < b.size(); ++j) {
      if (b[j].name.empty())
        new_unnamed.push_back(j);
      else
        new_named.emplace(b[j].name, j);
    }
    std::vector<bool> new_matched(b.size(), false);
    std::vector<std::optional<size_t>> match(a.size());
    // Unnamed members pair up by offset first, then in order.
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a[i].name.empty() || !a[i].offset_bits()) continue;
      for (size_t j : new_unnamed)
        if (!new_matched[j] && b[j].offset_bits() == a[i].offset_bits()) {
          match[i] = j;
          new_matched[j] = true;
          break;
        }
    }
    size_t next_unnamed = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].name.empty()) {
        while (!match[i] && next_unnamed < new_unnamed.size()) {
          const size_t j = new_unnamed[next_unnamed++];
          if (!new_matched[j]) match[i] = j;
        }
      } else if (auto it = new_named.find(a[i].name); it != new_named.end()) {
        match[i] = it->second;
      }
      if (match[i]) new_matched[*match[i]] = true;
    }
    // Renames: an unmatched old and new member at the same offset with the
    // same type.
    std::vector<std::optional<size_t>> renamed(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      if (match[i] || a[i].name.empty()) continue;
      for (size_t j = 0; j < b.size(); ++j) {
        if (new_matched[j] || b[j].name.empty() || b[j].offset_bits() != a[i].offset_bits() ||
            PrintType(*a[i].type) != PrintType(*b[j].type))
          continue;
        renamed[i] = j;
        new_matched[j] = true;
        break;
      }
    }
    std::vector<Event> events;
    for (size_t i = 0; i < a.size(); ++i) {
      const Item& x = a[i];
      const std::vector<uint64_t> at = Order(order, x.offset_bits());
      if (renamed[i]) {
        const Item& y = b[*renamed[i]];
        Add({.kind = ChangeKind::kMemberRenamed,
             .member = prefix + std::string(x.name),
             .new_member = prefix + std::string(y.name),
             .old_type = CTypeName(*x.type),
             .new_type = CTypeName(*y.type),
             .old_offset_bits = x.offset_bits(),
             .new_offset_bits = y.offset_bits()},
            at, {&x, &y});
      } else if (match[i]) {
        const Item& y = b[*match[i]];
        MemberPair(x, y, prefix, Order(order, y.offset_bits()));
        const std::optional<uint64_t> old_size = old_.SizeOf(*x.type);
        const std::optional<uint64_t> new_size = new_.SizeOf(*y.type);
        if (old_size && new_size && *old_size != *new_size)
          events.push_back({x.offset_bits().value_or(0),
                            {.what = ChangeReason::What::kResized,
                             .member = prefix + ItemLabel(x),
                             .type = CTypeName(*y.type),
                             .key = std::string(new_.EmbeddedKey(*y.type).value_or("")),
                             .offset_bits = x.offset_bits(),
                             .old_size = old_size,
                             .new_size = new_size}});
      } else {
        Lone(x, ChangeKind::kMemberRemoved, prefix, at, events);
      }
    }
    for (size_t j = 0; j < b.size(); ++j)
      if (!new_matched[j])
        Lone(b[j], ChangeKind::kMemberAdded, prefix, Order(order, b[j].offset_bits()), events);
    std::sort(events.begin(), events.end(),
              [](const Event& x, const Event& y) { return x.offset_bits < y.offset_bits; });
    level_events_ = std::move(events);
    AttachReasons(order);
  }

  // A member on one side only: the change, and the event that shifts what
  // follows it.
  void Lone(const Item& item, ChangeKind kind, const std::string& prefix,
            const std::vector<uint64_t>& at, std::vector<Event>& events) {
    const bool added = kind == ChangeKind::kMemberAdded;
    const ShapeScope& scope = added ? new_ : old_;
    Change change{.kind = kind, .member = prefix + ItemLabel(item)};
    (added ? change.new_type : change.old_type) = CTypeName(*item.type);
    (added ? change.new_offset_bits : change.old_offset_bits) = item.offset_bits();
    (added ? change.new_size : change.old_size) = scope.SizeOf(*item.type);
    (added ? change.new_bit_size : change.old_bit_size) = item.bit_size();
    ChangeReason reason{.what = added ? ChangeReason::What::kAdded : ChangeReason::What::kRemoved,
                        .member = change.member,
                        .type = CTypeName(*item.type),
                        .offset_bits = item.offset_bits()};
    (added ? reason.new_size : reason.old_size) = scope.SizeOf(*item.type);
    Add(std::move(change), at, added ? ChangeOrigin{nullptr, &item} : ChangeOrigin{&item, nullptr});
    events.push_back({item.offset_bits().value_or(0), std::move(reason)});
  }

  // Moved members and the size change of this level get the nearest event
  // before them.
  void AttachReasons(const std::vector<uint64_t>& order) {
    for (Entry& entry : entries) {
      Change& change = entry.change;
      if (change.because || entry.order.size() != order.size() + 1 ||
          !std::equal(order.begin(), order.end(), entry.order.begin()))
        continue;
      if (change.kind != ChangeKind::kMemberMoved) continue;
      for (auto it = level_events_.rbegin(); it != level_events_.rend(); ++it) {
        const bool before = it->reason.what == ChangeReason::What::kAdded
                                ? it->offset_bits < change.new_offset_bits.value_or(0)
                                : it->offset_bits < change.old_offset_bits.value_or(0);
        if (!before) continue;
        change.because = it->reason;
        break;
      }
    }
  }

  static std::vector<uint64_t> Order(const std::vector<uint64_t>& prefix,
                                     std::optional<uint64_t> offset_bits) {
    std::vector<uint64_t> order = prefix;
    order.push_back(offset_bits.value_or(0));
    return order;
  }

  void MemberPair(const Item& x, const Item& y, const std::string& prefix,
                  const std::vector<uint64_t>& at) {
    const std::string old_text = PrintType(*x.type), new_text = PrintType(*y.type);
    const std::string label = prefix + ItemLabel(x);
    bool described = false;
    if (old_text != new_text) {
      const AggregateType* inner_a = InlineCompound(*x.type);
      const AggregateType* inner_b = InlineCompound(*y.type);
      if (!inner_a || !inner_b || inner_a->keyword != inner_b->keyword) {
        auto [old_type, new_type] = Spellings(*x.type, *y.type);
        Add({.kind = ChangeKind::kMemberRetyped,
             .member = label,
             .old_type = std::move(old_type),
             .new_type = std::move(new_type),
             .old_offset_bits = x.offset_bits(),
             .new_offset_bits = y.offset_bits(),
             .old_size = old_.SizeOf(*x.type),
             .new_size = new_.SizeOf(*y.type)},
            at, {&x, &y});
        return;
      }
      // Anonymous structs and unions are inlined: diff inside them.
      const std::string inner_prefix =
          x.name.empty()
              ? fmt::format("{}(anonymous {}{}).", prefix, AggregateWord(inner_a->keyword),
                            x.offset_bits() ? " at " + FormatOffset(*x.offset_bits()) : "")
              : prefix + std::string(x.name) + ".";
      const size_t before = entries.size();
      std::vector<Event> saved = std::move(level_events_);
      Aggregates(*inner_a, *inner_b, inner_prefix, at);
      level_events_ = std::move(saved);
      described = entries.size() > before;
    }
    // A bit-field's offset and width are told in bits.
    auto placed = [&](ChangeKind kind) {
      described = true;
      Add({.kind = kind,
           .member = label,
           .old_type = CTypeName(*x.type),
           .new_type = CTypeName(*y.type),
           .old_offset_bits = x.offset_bits(),
           .new_offset_bits = y.offset_bits(),
           .old_bit_size = x.bit_size(),
           .new_bit_size = y.bit_size()},
          at, {&x, &y});
    };
    if (x.offset_bits() != y.offset_bits()) placed(ChangeKind::kMemberMoved);
    if (x.bit_size() != y.bit_size()) placed(ChangeKind::kMemberBitSizeChanged);
    // Only the order, an attribute or something outside the grammar.
    if (!described && PrintItem(x) != PrintItem(y))
      Add({.kind = ChangeKind::kMemberChanged,
           .member = label,
           .old_type = PrintItem(x),
           .new_type = PrintItem(y)},
          at, {&x, &y});
  }

  void Sizes(const Attributes& a, const Attributes& b, const std::string& member,
             const std::vector<uint64_t>& order) {
    std::vector<uint64_t> last = order;
    last.push_back(kLast);
    const std::optional<uint64_t> old_size = a.Get(Attribute::kByteSize);
    const std::optional<uint64_t> new_size = b.Get(Attribute::kByteSize);
    if (old_size != new_size) {
      Change change{.kind = ChangeKind::kSizeChanged,
                    .member = member,
                    .old_size = old_size,
                    .new_size = new_size};
      // The last member that grew or shrank (an added member at the end
      // explains itself).
      for (auto it = level_events_.rbegin(); it != level_events_.rend(); ++it)
        if (it->reason.what == ChangeReason::What::kResized) {
          change.because = it->reason;
          break;
        }
      Add(std::move(change), last);
    }
    const std::optional<uint64_t> old_alignment = a.Get(Attribute::kAlignment);
    const std::optional<uint64_t> new_alignment = b.Get(Attribute::kAlignment);
    if (old_alignment != new_alignment)
      Add({.kind = ChangeKind::kAlignmentChanged,
           .member = member,
           .old_value = old_alignment ? std::to_string(*old_alignment) : "",
           .new_value = new_alignment ? std::to_string(*new_alignment) : ""},
          last);
  }

  void Enumerators(const AggregateType& a, const AggregateType& b,
                   const std::vector<uint64_t>& order) {
    std::map<std::string_view, const Item*> old_by_name, new_by_name;
    for (const Item& item : a.body.items) old_by_name.emplace(item.name, &item);
    for (const Item& item : b.body.items) new_by_name.emplace(item.name, &item);
    auto value = [](const Item& item) {
      return item.value ? std::to_string(*item.value) : std::string();
    };
    for (const Item& item : a.body.items)
      if (!new_by_name.contains(item.name))
        Add({.kind = ChangeKind::kEnumeratorRemoved,
             .member = std::string(item.name),
             .old_value = value(item)},
            order, {&item, nullptr});
    for (const Item& item : b.body.items)
      if (!old_by_name.contains(item.name))
        Add({.kind = ChangeKind::kEnumeratorAdded,
             .member = std::string(item.name),
             .new_value = value(item)},
            order, {nullptr, &item});
    for (const Item& item : a.body.items) {
      auto it = new_by_name.find(item.name);
      if (it != new_by_name.end() && it->second->value != item.value)
        Add({.kind = ChangeKind::kEnumeratorValueChanged,
             .member = std::string(item.name),
             .old_value = value(item),
             .new_value = value(*it->second)},
            order, {&item, it->second});
    }
  }

  const ShapeScope& old_;
  const ShapeScope& new_;
  std::vector<Event> level_events_;
};

void DiffTypes(Differ& differ, const Type& a, const Type& b) {
  const auto* x = As<AggregateType>(a);
  const auto* y = As<AggregateType>(b);
  if (x && y && x->keyword == y->keyword) {
    if (x->opaque() && !y->opaque()) {
      differ.Add(
          {.kind = ChangeKind::kBecameDefined, .new_size = y->attributes.Get(Attribute::kByteSize)},
          {});
      return;
    }
    if (!x->opaque() && y->opaque()) {
      differ.Add({.kind = ChangeKind::kBecameDeclaration,
                  .old_size = x->attributes.Get(Attribute::kByteSize)},
                 {});
      return;
    }
    differ.Aggregates(*x, *y, "", {});
    return;
  }
  const auto* f = As<FunctionType>(a);
  const auto* g = As<FunctionType>(b);
  if (f && g && f->keyword == g->keyword) {
    differ.Parameters(*f, *g);
    return;
  }
  const auto* m = As<ModifierType>(a);
  const auto* n = As<ModifierType>(b);
  if (m && n && m->keyword == n->keyword && m->name == n->name) {
    differ.Target(*m->target, *n->target, ChangeKind::kTypeChanged, {});
    return;
  }
  differ.Add({.kind = ChangeKind::kKindChanged, .old_type = PrintType(a), .new_type = PrintType(b)},
             {});
}

}  // namespace

std::string FormatOffset(uint64_t bits) {
  if (bits % 8 == 0) return fmt::format("offset {}", bits / 8);
  return fmt::format("bit {}", bits);
}

std::vector<Change> DiffShapes(const DiffSide& old_side, const DiffSide& new_side,
                               std::vector<ChangeOrigin>* origins) {
  const Shape& a = old_side.shape;
  const Shape& b = new_side.shape;
  if (a.text == b.text) return {};
  Differ differ(old_side.scope, new_side.scope);
  if (a.form != b.form || a.form == Shape::Form::kOpaque) {
    if (a.form != b.form && a.form != Shape::Form::kOpaque && b.form != Shape::Form::kOpaque)
      differ.Add({.kind = ChangeKind::kKindChanged,
                  .old_type = std::string(a.text),
                  .new_type = std::string(b.text)},
                 {});
  } else if (a.form == Shape::Form::kVariable) {
    differ.Target(a.type, b.type, ChangeKind::kTypeChanged, {});
  } else {
    DiffTypes(differ, a.type, b.type);
  }
  if (differ.entries.empty())
    differ.Add({.kind = ChangeKind::kTextChanged,
                .old_type = std::string(a.text),
                .new_type = std::string(b.text)},
               {});
  std::stable_sort(differ.entries.begin(), differ.entries.end(),
                   [](const Entry& x, const Entry& y) { return x.order < y.order; });
  std::vector<Change> changes;
  changes.reserve(differ.entries.size());
  for (Entry& entry : differ.entries) {
    changes.push_back(std::move(entry.change));
    if (origins) origins->push_back(entry.origin);
  }
  return changes;
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
    case ChangeKind::kMemberBitSizeChanged:
      return "member_bit_size_changed";
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
    case ChangeKind::kParameterRenamed:
      return "parameter_renamed";
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

}  // namespace kcrc
