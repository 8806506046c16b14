#include "kcrc/kabi/fixits.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "kcrc/kabi/conventions.h"
#include "kcrc/shape/c_type.h"
#include "kcrc/symtypes/record.h"

namespace kcrc {
namespace {

using grammar::Attribute;
using grammar::Keyword;

std::string_view FqnOf(std::string_view key) {
  std::string_view name = key.substr(2);
  if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'')
    name = name.substr(1, name.size() - 2);
  return name;
}

std::string_view Leaf(std::string_view path) {
  const size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

// "offsets 4 to 8" (bytes), or bits when not on bytes.
std::string Span(uint64_t begin_bits, uint64_t end_bits) {
  if (begin_bits % 8 == 0 && end_bits % 8 == 0)
    return fmt::format("bytes {} to {}", begin_bits / 8, end_bits / 8);
  return fmt::format("bits {} to {}", begin_bits, end_bits);
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : std::string(separator)) + part;
  return out;
}

bool HasTopLevelComma(std::string_view text) {
  int depth = 0;
  for (char c : text) {
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    if (c == ',' && depth == 0) return true;
  }
  return false;
}

// The struct or union whose members a record describes: the record's own,
// or the anonymous one a typedef or variable holds.
const AggregateType* Container(const Shape& shape) {
  if (shape.form == Shape::Form::kOpaque) return nullptr;
  if (const auto* aggregate = As<AggregateType>(shape.type)) return aggregate;
  if (const auto* modifier = As<ModifierType>(shape.type))
    return As<AggregateType>(*modifier->target);
  return nullptr;
}

// Whether `item` is the last list item rendered in `aggregate`, through
// anonymous members: then nothing after it clears the reference's
// renamed-name state (docs/kabi.md, "the renamed name leaks").
bool IsRenderedLast(const AggregateType& aggregate, const Item* item) {
  if (aggregate.body.items.empty()) return false;
  const Item& last = aggregate.body.items.back();
  if (&last == item) return true;
  if (last.name.empty())
    if (const auto* inner = As<AggregateType>(*last.type))
      return inner->name.empty() && IsRenderedLast(*inner, item);
  return false;
}

// A C type for the first argument of KABI_REPLACE, which is followed by a
// name: arrays and function pointers through __typeof__.
std::string TypeArgument(const Type& type) {
  const std::string name = CTypeName(type);
  return IsPlainTypeName(type) ? name : fmt::format("__typeof__({})", name);
}

// What an old member occupied.
struct Occupied {
  uint64_t begin_bits, end_bits;
  const Item* item;
};

class Advisor {
 public:
  explicit Advisor(const FixitInput& in)
      : in_(in), old_(in.old_side.scope), new_(in.new_side.scope), key_(in.key) {}

  FixitAdvice Run() {
    if (!IsTypeRefPrefix(key_)) {
      ExportAdvice();
      return std::move(out_);
    }
    handled_.assign(in_.changes.size(), false);
    AlreadyKabi();
    if (Derived()) return std::move(out_);
    // Placeholders taken into use first: they account for removed members.
    for (size_t i = 0; i < in_.changes.size(); ++i)
      if (!handled_[i] && in_.changes[i].kind == ChangeKind::kMemberAdded) MaybeUse(i);
    for (size_t i = 0; i < in_.changes.size(); ++i) {
      if (handled_[i]) continue;
      const Change& change = in_.changes[i];
      switch (change.kind) {
        case ChangeKind::kBecameDefined:
          Declonly();
          break;
        case ChangeKind::kBecameDeclaration:
          BecameDeclaration();
          break;
        case ChangeKind::kEnumeratorAdded:
          EnumeratorAdded(change);
          break;
        case ChangeKind::kEnumeratorValueChanged:
          EnumeratorValue(change);
          break;
        case ChangeKind::kEnumeratorRemoved:
          Note(
              fmt::format("enumerator '{}' was removed: modules built against the old enum may "
                          "use it; no macro hides that",
                          change.member));
          break;
        case ChangeKind::kMemberRetyped:
        case ChangeKind::kMemberRenamed:
          Replace(i);
          break;
        case ChangeKind::kMemberAdded:
          Ignore(i);
          break;
        case ChangeKind::kMemberRemoved:
          Note(
              fmt::format("member '{}' ({}) was removed: modules built against the old layout "
                          "use it; no macro hides that",
                          change.member, change.old_type));
          break;
        case ChangeKind::kMemberMoved:
          LayoutMoved();
          break;
        case ChangeKind::kMemberBitSizeChanged:
          Note(fmt::format("bit-field '{}' is {} bits wide now, was {}: no macro hides that",
                           change.member, change.new_bit_size.value_or(0),
                           change.old_bit_size.value_or(0)));
          break;
        case ChangeKind::kAlignmentChanged:
          Note(fmt::format("the alignment changed from {} to {}: no macro hides that",
                           change.old_value.empty() ? "the natural one" : change.old_value,
                           change.new_value.empty() ? "the natural one" : change.new_value));
          break;
        case ChangeKind::kTypeChanged:
          TypeChanged(change);
          break;
        default:
          break;
      }
    }
    ByteSize();
    TypeStringInstead();
    return std::move(out_);
  }

 private:
  void Add(std::string macro, bool safe, std::string warning, std::string place) {
    out_.fixits.push_back({std::move(macro), safe, std::move(warning), std::move(place)});
  }
  void Note(std::string note) { out_.notes.push_back(std::move(note)); }
  std::string Pretty() const { return CKeyName(key_); }
  static std::string Rule() { return "a rule: in any source file of the object"; }
  std::string InPlaceOf(const Change& change) const {
    return fmt::format("in place of member '{}' of {}", Leaf(change.member), Pretty());
  }

  const AggregateType* OldContainer() const { return Container(in_.old_side.shape); }
  const AggregateType* NewContainer() const { return Container(in_.new_side.shape); }

  // --- An export's own record -------------------------------------------

  void ExportAdvice() {
    const bool renames_only =
        !in_.changes.empty() &&
        std::all_of(in_.changes.begin(), in_.changes.end(), [](const Change& change) {
          return change.kind == ChangeKind::kParameterRenamed;
        });
    if (renames_only) {
      Add(fmt::format("KABI_TYPE_STRING(\"{}\", {});", key_,
                      CStringLiteral(in_.old_side.shape.text)),
          true,
          "a parameter's name is no part of the ABI; the rule versions the old signature "
          "text (or give the parameter its old name back)",
          Rule());
      return;
    }
    Note(
        fmt::format("the signature of {} changed: callers built against the old one pass or "
                    "expect other values; no macro hides that safely",
                    key_));
  }

  // --- Changes that follow from another ---------------------------------

  // Every change follows from an embedded struct that grew or shrank.
  bool Derived() {
    if (in_.changes.empty()) return false;
    const ChangeReason* reason = nullptr;
    for (const Change& change : in_.changes) {
      if ((change.kind != ChangeKind::kMemberMoved && change.kind != ChangeKind::kSizeChanged) ||
          !change.because || change.because->what != ChangeReason::What::kResized ||
          change.because->key.empty())
        return false;
      if (!reason) reason = &*change.because;
    }
    Note(fmt::format(
        "these changes follow from '{}' ({}, embedded at {}) changing size from {} to {} "
        "bytes; no macro in {} restores its layout",
        reason->member, reason->type, FormatOffset(reason->offset_bits.value_or(0)),
        reason->old_size.value_or(0), reason->new_size.value_or(0), Pretty()));
    return true;
  }

  // Records made without --stable show kABI unions with their names.
  void AlreadyKabi() {
    for (size_t i = 0; i < in_.changes.size(); ++i) {
      const ChangeOrigin& origin = in_.origins[i];
      if (!origin.new_item || origin.new_item->keyword != Keyword::kMember) continue;
      const auto* union_type = As<AggregateType>(*origin.new_item->type);
      if (!union_type) continue;
      const kabi::UnionConvention convention = kabi::ClassifyUnion(*union_type);
      if (convention.convention == kabi::Convention::kNone) continue;
      handled_[i] = true;
      const std::optional<uint64_t> at = origin.new_item->offset_bits();
      // What the union stands in for at its offset.
      for (size_t j = 0; j < in_.changes.size(); ++j)
        if (in_.changes[j].kind == ChangeKind::kMemberRemoved &&
            in_.changes[j].old_offset_bits == at)
          handled_[j] = true;
      Note(
          fmt::format("the member at {} is already {} (a union with '{}'): build with --stable "
                      "(KBUILD_GENDWARFKSYMS_STABLE=1), which versions it as the old member",
                      FormatOffset(at.value_or(0)), kabi::MacroOf(convention.convention),
                      convention.member->name));
    }
  }

  // --- Declarations -------------------------------------------------------

  void Declonly() {
    if (in_.reached_by_value)
      Add(fmt::format("KABI_DECLONLY(\"{}\");", FqnOf(key_)), false,
          fmt::format("{} is reached by value now (embedded or passed, not through a pointer): "
                      "its size and members are part of the ABI",
                      Pretty()),
          Rule());
    else
      Add(fmt::format("KABI_DECLONLY(\"{}\");", FqnOf(key_)), true,
          fmt::format("every path from the export to {} goes through a pointer, as it had to "
                      "while {} was only declared",
                      Pretty(), Pretty()),
          Rule());
  }

  void BecameDeclaration() {
    Add(fmt::format("KABI_TYPE_STRING(\"{}\", {});", key_, CStringLiteral(in_.old_side.shape.text)),
        false,
        fmt::format("{} is opaque in the new records (declared only, or defined in a .c file, "
                    "which the reference never expands): whether its layout stayed the same is "
                    "not in them, and modules built against the old definition may use it",
                    Pretty()),
        Rule());
  }

  // --- Enumerators --------------------------------------------------------

  std::vector<const Change*> Renumbered() const {
    std::vector<const Change*> out;
    for (const Change& change : in_.changes)
      if (change.kind == ChangeKind::kEnumeratorValueChanged) out.push_back(&change);
    return out;
  }

  void EnumeratorAdded(const Change& change) {
    const std::string macro =
        fmt::format("KABI_ENUMERATOR_IGNORE(\"{}\", \"{}\");", FqnOf(key_), change.member);
    const std::vector<const Change*> renumbered = Renumbered();
    if (!renumbered.empty()) {
      std::string list;
      for (const Change* other : renumbered)
        list += fmt::format("{}'{}' ({} -> {})", list.empty() ? "" : ", ", other->member,
                            other->old_value, other->new_value);
      Add(macro, false,
          fmt::format("the enumerators were renumbered: {}; modules built against the old enum "
                      "use the old values",
                      list),
          Rule());
      return;
    }
    // A value an old enumerator had means something else to old modules.
    if (const AggregateType* old_enum = OldContainer())
      for (const Item& item : old_enum->body.items)
        if (item.value && std::to_string(*item.value) == change.new_value) {
          Add(macro, false,
              fmt::format("'{}' = {} takes the value of the old '{}': modules built against the "
                          "old enum read it as '{}'",
                          change.member, change.new_value, item.name, item.name),
              Rule());
          return;
        }
    if (SizeChanged()) {
      Add(macro, false, "the enum's size changed too", Rule());
      return;
    }
    Add(macro, true,
        fmt::format("'{}' = {} is a new value: modules built against the old enum never pass "
                    "it, and the kernel must not hand it to them",
                    change.member, change.new_value),
        Rule());
  }

  void EnumeratorValue(const Change& change) {
    Add(fmt::format("KABI_ENUMERATOR_VALUE(\"{}\", \"{}\", \"{}\");", FqnOf(key_), change.member,
                    change.old_value),
        false,
        fmt::format("'{}' is {} now and was {}: modules built against the old enum use {}",
                    change.member, change.new_value, change.old_value, change.old_value),
        Rule());
  }

  bool SizeChanged() const {
    return std::any_of(in_.changes.begin(), in_.changes.end(), [](const Change& change) {
      return change.kind == ChangeKind::kSizeChanged && change.member.empty();
    });
  }

  // --- Members ------------------------------------------------------------

  // Retypes and renames: KABI_REPLACE.
  void Replace(size_t index) {
    const Change& change = in_.changes[index];
    const Item* x = in_.origins[index].old_item;
    const Item* y = in_.origins[index].new_item;
    if (!x || !y) return;
    const std::string problem = ReplaceProblem(*x, *y);
    if (problem.empty())
      type_string_safe_.insert(index);
    else
      problems_.push_back(fmt::format("'{}': {}", change.member, problem));
    if (LayoutMoved()) return;
    if (x->bit_size() || y->bit_size()) {
      Note(fmt::format("'{}' is a bit-field, which KABI_REPLACE's union cannot hold",
                       change.member));
      needs_type_string_ = true;
      return;
    }
    if (change.kind == ChangeKind::kMemberRetyped && CTypeName(*x->type) == CTypeName(*y->type)) {
      // What differs is not in C (an encoding: -funsigned-char makes char
      // unsigned), so KABI_REPLACE would write the new type again.
      Note(
          fmt::format("KABI_REPLACE would not restore the CRC: the old and the new type of '{}' "
                      "are both spelled '{}' in C",
                      change.member, CTypeName(*x->type)));
      needs_type_string_ = true;
      return;
    }
    const std::string new_decl = CDeclaration(*y->type, y->name);
    const std::string old_type = TypeArgument(*x->type);
    if (HasTopLevelComma(new_decl) || HasTopLevelComma(old_type)) {
      Note(
          fmt::format("the declaration of '{}' holds commas a macro argument cannot: write the "
                      "union of kcrc-kabi.h's KABI_REPLACE by hand",
                      change.member));
      return;
    }
    const AggregateType* container = NewContainer();
    if (container && IsRenderedLast(*container, y)) {
      Note(fmt::format(
          "KABI_REPLACE would not restore the CRC: '{}' is the last member of {}, and the "
          "reference leaks the name '{}' onto the member or parameter that encloses the first "
          "rendering of {} (docs/kabi.md)",
          y->name, Pretty(), x->name, Pretty()));
      needs_type_string_ = true;
      return;
    }
    if (MayForgetName(*x->type, 0)) {
      Note(fmt::format(
          "KABI_REPLACE would not restore the CRC: the reference forgets the name '{}' while it "
          "renders the parameters or members inside '{}' (docs/kabi.md)",
          x->name, CTypeName(*x->type)));
      needs_type_string_ = true;
      return;
    }
    member_fixits_ = true;
    Add(fmt::format("KABI_REPLACE({}, {}, {});", old_type, x->name, new_decl), problem.empty(),
        problem.empty() ? SafeReplaceNote(*x, *y, change.kind == ChangeKind::kMemberRenamed)
                        : problem,
        InPlaceOf(change));
  }

  // Whether rendering `type` as a KABI_REPLACE placeholder may meet a
  // member or parameter, which clears the old name the union is to give
  // (the reference keeps it in per-walk state cleared at each list item):
  // function types with parameters, anonymous structs with members, and
  // structs that may be expanded there for the first time.
  bool MayForgetName(const Type& type, int depth) const {
    if (depth > ShapeScope::kMaxDepth) return true;
    if (const auto* modifier = As<ModifierType>(type))
      return MayForgetName(*modifier->target, depth + 1);
    if (const auto* array = As<ArrayType>(type)) return MayForgetName(*array->element, depth + 1);
    if (const auto* function = As<FunctionType>(type))
      return !function->parameters.empty() || MayForgetName(*function->result, depth + 1);
    if (const auto* aggregate = As<AggregateType>(type)) return !aggregate->body.items.empty();
    if (const auto* ref = As<RefType>(type)) {
      if (ref->key.starts_with("e#")) return false;  // enumerators do not clear it
      const Shape* shape = old_.MaybeResolve(ref->key);
      if (!shape || shape->form != Shape::Form::kType) return true;
      return MayForgetName(shape->type, depth + 1);
    }
    return false;
  }

  // Members that moved: no union restores their old offsets (said once).
  bool LayoutMoved() {
    if (!OthersMoved()) return false;
    if (!moved_noted_)
      Note(
          fmt::format("members of {} moved: modules built against the old layout read them "
                      "elsewhere, and no macro restores the old offsets",
                      Pretty()));
    moved_noted_ = true;
    return true;
  }

  std::string SafeReplaceNote(const Item& x, const Item& y, bool rename) const {
    const std::optional<uint64_t> size = old_.SizeOf(*x.type);
    if (rename) return "a rename: the same type and offset";
    return fmt::format("the same size ({} bytes), alignment ({}) and representation, at {}",
                       size.value_or(0), old_.AlignmentOf(*x.type).value_or(0),
                       FormatOffset(y.offset_bits().value_or(0)));
  }

  // Why modules built against x's type would not work with y's; empty if
  // they would.
  std::string ReplaceProblem(const Item& x, const Item& y) const {
    const std::string old_name = CTypeName(*x.type), new_name = CTypeName(*y.type);
    if (x.offset_bits() != y.offset_bits())
      return fmt::format("it moved from {} to {}", FormatOffset(x.offset_bits().value_or(0)),
                         FormatOffset(y.offset_bits().value_or(0)));
    const std::optional<uint64_t> old_size = old_.SizeOf(*x.type);
    const std::optional<uint64_t> new_size = new_.SizeOf(*y.type);
    if (!old_size || !new_size)
      return fmt::format("the size of '{}' is not in the records", old_size ? new_name : old_name);
    if (*old_size != *new_size)
      return fmt::format("'{}' is {} bytes, '{}' is {}", old_name, *old_size, new_name, *new_size);
    const std::optional<uint64_t> old_alignment = old_.AlignmentOf(*x.type);
    const std::optional<uint64_t> new_alignment = new_.AlignmentOf(*y.type);
    if (old_alignment != new_alignment)
      return fmt::format("'{}' is aligned to {}, '{}' to {}", old_name,
                         old_alignment ? std::to_string(*old_alignment) : "?", new_name,
                         new_alignment ? std::to_string(*new_alignment) : "?");
    const std::string a = old_.Representation(*x.type), b = new_.Representation(*y.type);
    if (SameRepresentation(a, b)) return {};
    return fmt::format("both are {} bytes, but {}", *old_size,
                       RepresentationDifference(a, b, old_name));
  }

  // What differs between two Representation strings, in words.
  static std::string Difference(std::string_view a, std::string_view b) {
    auto kind = [](std::string_view rep) -> std::string_view {
      if (rep.starts_with("int:s")) return "a signed integer";
      if (rep.starts_with("int:u")) return "an unsigned integer";
      if (rep.starts_with("float") || rep.starts_with("complex")) return "a floating-point number";
      if (rep.starts_with("bool")) return "a boolean";
      if (rep.starts_with("enum:")) return "an enum";
      if (rep.starts_with("function")) return "a function";
      if (rep.starts_with("pointer_type") || rep.starts_with("reference_type")) return "a pointer";
      if (rep.starts_with("array")) return "an array";
      return "a type";
    };
    // "pointer_type(X)" and "array[4](X)": X.
    auto inner = [](std::string_view rep) {
      const size_t open = rep.find('(');
      return rep.substr(open + 1, rep.size() - open - 2);
    };
    const std::string_view x = kind(a), y = kind(b);
    if (x == "a pointer" && y == "a pointer")
      return fmt::format("it points to another type ({})", Difference(inner(a), inner(b)));
    if (x == "an array" && y == "an array" && a.substr(0, a.find('(')) == b.substr(0, b.find('(')))
      return fmt::format("its elements differ ({})", Difference(inner(a), inner(b)));
    if (x == "a function" && y == "a function")
      return "the function type changed (its parameters or return type)";
    if (x == "an enum" && y == "an enum") return "two different enums";
    if (x == y) return fmt::format("{} became another", x);
    return fmt::format("{} became {}", x, y);
  }

  static std::string RepresentationDifference(std::string_view a, std::string_view b,
                                              std::string_view old_name) {
    const std::string difference = Difference(a, b);
    if (difference.starts_with("the function type"))
      return difference + ": callers built against the old one pass or expect other values";
    return fmt::format("{}: modules built against '{}' read other values", difference, old_name);
  }

  // The bytes old members used, for holes and placeholders.
  std::vector<Occupied> OldLayout() const {
    std::vector<Occupied> out;
    const AggregateType* container = OldContainer();
    if (!container) return out;
    for (const Item& item : container->body.items) {
      if (item.keyword != Keyword::kMember) continue;
      const uint64_t begin = item.offset_bits().value_or(0);
      if (std::optional<uint64_t> bits = item.bit_size()) {
        out.push_back({begin, begin + *bits, &item});
      } else if (std::optional<uint64_t> size = old_.SizeOf(*item.type)) {
        out.push_back({begin, begin + *size * 8, &item});
      } else {
        out.push_back({begin, begin + 1, &item});  // at least its first byte
      }
    }
    return out;
  }

  // A removed member that was a reserved placeholder: `__kabi_reserved*`,
  // or (--stable hides the name) an unnamed member of a scalar type.
  bool IsPlaceholder(const Item& item) const {
    if (!item.name.empty()) return kabi::ClassifyName(item.name) == kabi::Convention::kReserved;
    return !As<AggregateType>(*item.type);
  }

  // The number of a placeholder for KABI_USE: from its name, or (hidden)
  // its place among the unnamed scalar members.
  std::string PlaceholderNumber(const Item& item) const {
    if (!item.name.empty())
      return std::string(item.name.substr(kabi::kPrefix.size() + kabi::kReserved.size()));
    int number = 0;
    if (const AggregateType* container = OldContainer())
      for (const Item& other : container->body.items) {
        if (other.name.empty() && !As<AggregateType>(*other.type)) ++number;
        if (&other == &item) break;
      }
    return std::to_string(number);
  }

  // A member added inside a removed placeholder: KABI_USE.
  void MaybeUse(size_t index) {
    if (OthersMoved()) return;
    const Item* y = in_.origins[index].new_item;
    if (!y || in_.changes[index].member.find('.') != std::string::npos) return;
    const uint64_t begin = y->offset_bits().value_or(0);
    for (const Occupied& old : OldLayout()) {
      if (!IsRemoved(old.item) || !IsPlaceholder(*old.item) || begin < old.begin_bits ||
          begin >= old.end_bits)
        continue;
      Use(*old.item, old);
      return;
    }
  }

  bool IsRemoved(const Item* item) const {
    for (const ChangeOrigin& origin : in_.origins)
      if (origin.old_item == item && !origin.new_item) return true;
    return false;
  }

  void Use(const Item& placeholder, const Occupied& span) {
    // The removed placeholder is what KABI_USE keeps.
    for (size_t j = 0; j < in_.origins.size(); ++j)
      if (in_.origins[j].old_item == &placeholder && !in_.origins[j].new_item) handled_[j] = true;
    // Every member added inside the placeholder goes into one KABI_USE.
    std::vector<const Item*> members;
    for (size_t j = 0; j < in_.changes.size(); ++j) {
      const Item* added = in_.origins[j].new_item;
      if (in_.changes[j].kind != ChangeKind::kMemberAdded || !added || in_.origins[j].old_item)
        continue;
      const uint64_t at = added->offset_bits().value_or(0);
      if (at < span.begin_bits || at >= span.end_bits) continue;
      members.push_back(added);
      handled_[j] = true;
    }
    std::string problem;
    uint64_t end = span.begin_bits;
    uint64_t strictest = 1;
    for (const Item* member : members) {
      const std::optional<uint64_t> bytes = new_.SizeOf(*member->type);
      if (!bytes) {
        problem = fmt::format("the size of '{}' is not in the records", member->name);
        break;
      }
      end = std::max(end, member->offset_bits().value_or(0) + *bytes * 8);
      // A stricter alignment than the placeholder's is fine where the
      // offset is aligned and the struct is aligned at least as strictly.
      const std::optional<uint64_t> alignment = new_.AlignmentOf(*member->type);
      const std::optional<uint64_t> slot = old_.AlignmentOf(*placeholder.type);
      const std::optional<uint64_t> whole = old_.AlignmentOf(in_.old_side.shape.type);
      const uint64_t at = member->offset_bits().value_or(0);
      strictest = std::max(strictest, alignment.value_or(1));
      if (!alignment || !slot)
        problem = fmt::format("the alignment of '{}' is not in the records", member->name);
      else if (*alignment > *slot && (!whole || *alignment > *whole || at % (*alignment * 8) != 0))
        problem =
            fmt::format("'{}' needs alignment {}, the placeholder has {} and {} {}", member->name,
                        *alignment, *slot, Pretty(), whole ? std::to_string(*whole) : "?");
      if (member->bit_size())
        problem = fmt::format("'{}' is a bit-field, which the union cannot hold", member->name);
    }
    if (problem.empty() && end > span.end_bits)
      problem = fmt::format("the new members take {}, more than the placeholder's {}",
                            Span(span.begin_bits, end), Span(span.begin_bits, span.end_bits));
    std::string decl;
    if (members.size() == 1) {
      decl = CDeclaration(*members[0]->type, members[0]->name);
    } else {
      decl = "struct {";
      for (const Item* member : members)
        decl += " " + CDeclaration(*member->type, member->name) + ";";
      decl += " }";
    }
    const std::string number = PlaceholderNumber(placeholder);
    const Type& slot_type = *placeholder.type;
    const auto* base = As<BaseType>(old_.Underlying(slot_type));
    const auto* bytes = As<ArrayType>(slot_type);
    std::string macro;
    if (base && base->attributes.Get(Attribute::kByteSize) == 8u &&
        base->attributes.Get(Attribute::kEncoding) == 7u && As<BaseType>(slot_type)) {
      macro = fmt::format("KABI_USE({}, {});", number, decl);
    } else if (bytes && bytes->bounds.size() == 1 && bytes->bounds[0] &&
               old_.Representation(*bytes->element) == "int:u:1") {
      macro = fmt::format("KABI_USE_BYTES({}, {}, {});", number, *bytes->bounds[0], decl);
    } else {
      macro = fmt::format("union {{ {}; struct {{ {}; }}; }};", decl,
                          CDeclaration(slot_type, fmt::format("__kabi_reserved{}", number)));
    }
    std::string note = problem;
    if (problem.empty()) {
      std::string names;
      for (const Item* member : members)
        names += fmt::format("{}'{}'", names.empty() ? "" : " and ", member->name);
      note = fmt::format("{} {} {}, within the placeholder ({}), aligned to {} as {} need{}", names,
                         members.size() == 1 ? "takes" : "take", Span(span.begin_bits, end),
                         Span(span.begin_bits, span.end_bits), strictest,
                         members.size() == 1 ? "it" : "they", members.size() == 1 ? "s" : "");
      if (placeholder.name.empty())
        note += fmt::format(
            "; {} is the number of the KABI_RESERVE it replaces if that differs (--stable "
            "hides the name: any number unique in the struct versions the same)",
            number);
    }
    member_fixits_ = true;
    Add(std::move(macro), problem.empty(), std::move(note),
        fmt::format("in place of the placeholder at {} of {}", FormatOffset(span.begin_bits),
                    Pretty()));
  }

  void Ignore(size_t index) {
    const Change& change = in_.changes[index];
    const Item* added = in_.origins[index].new_item;
    if (!added || change.member.find('.') != std::string::npos || LayoutMoved()) return;
    const Item& y = *added;
    if (y.bit_size()) {
      Note(fmt::format("'{}' is a bit-field: KABI_IGNORE's union would take whole bytes",
                       change.member));
      return;
    }
    const std::string decl = CDeclaration(*y.type, y.name);
    if (HasTopLevelComma(decl)) {
      Note(fmt::format("the declaration of '{}' holds commas a macro argument cannot",
                       change.member));
      return;
    }
    const std::optional<uint64_t> size = new_.SizeOf(*y.type);
    const std::string macro = fmt::format("KABI_IGNORE({}, {});", ignore_number_++, decl);
    const uint64_t begin = y.offset_bits().value_or(0);
    if (!size) {
      Add(macro, false, fmt::format("the size of '{}' is not in the records", change.member),
          InPlaceOf(change));
      return;
    }
    const uint64_t end = begin + *size * 8;
    for (const Occupied& old : OldLayout()) {
      if (old.end_bits <= begin || old.begin_bits >= end) continue;
      Note(fmt::format(
          "'{}' ({}) overlaps {}, which held '{}' ({}) in the old layout{}: not padding, "
          "and no macro hides that",
          change.member, Span(begin, end),
          Span(std::max(begin, old.begin_bits), std::min(end, old.end_bits)),
          old.item->name.empty() ? "(unnamed)" : std::string(old.item->name),
          CTypeName(*old.item->type), IsRemoved(old.item) ? ", removed now" : ""));
      return;
    }
    std::string problem;
    const AggregateType* old_container = OldContainer();
    const std::optional<uint64_t> old_size =
        old_container ? old_container->attributes.Get(Attribute::kByteSize) : std::nullopt;
    if (problem.empty() && (!old_size || end > *old_size * 8))
      problem = fmt::format(
          "{} was {} bytes; '{}' ({} bytes at {}) lies beyond its end, so it grew, and modules "
          "that embed, allocate or index it use the old size",
          Pretty(), old_size ? std::to_string(*old_size) : "of unknown size", change.member, *size,
          FormatOffset(begin));
    if (problem.empty()) {
      const std::optional<uint64_t> alignment = new_.AlignmentOf(*y.type);
      const std::optional<uint64_t> old_alignment =
          old_container ? old_.AlignmentOf(in_.old_side.shape.type) : std::nullopt;
      if (!alignment || !old_alignment || *alignment > *old_alignment)
        problem = fmt::format("'{}' needs alignment {}, more than {}'s {}", change.member,
                              alignment ? std::to_string(*alignment) : "?", Pretty(),
                              old_alignment ? std::to_string(*old_alignment) : "?");
    }
    member_fixits_ = true;
    Add(macro, problem.empty(),
        problem.empty() ? fmt::format("fills padding: {} of {} were a hole in the old layout",
                                      Span(begin, end), Pretty())
                        : problem,
        InPlaceOf(change));
  }

  bool OthersMoved() const {
    return std::any_of(in_.changes.begin(), in_.changes.end(), [](const Change& change) {
      return change.kind == ChangeKind::kMemberMoved ||
             (change.kind == ChangeKind::kMemberRetyped &&
              change.old_offset_bits != change.new_offset_bits);
    });
  }

  // A struct that grew: with the member fixits, the old size keeps the CRC.
  void ByteSize() {
    if (!member_fixits_) return;
    for (const Change& change : in_.changes) {
      if (change.kind != ChangeKind::kSizeChanged || !change.member.empty() || !change.old_size ||
          !change.new_size || *change.new_size <= *change.old_size)
        continue;
      Add(fmt::format("KABI_BYTE_SIZE(\"{}\", \"{}\");", FqnOf(key_), *change.old_size), false,
          fmt::format("{} is {} bytes now and the CRC keeps {}: modules that embed, allocate or "
                      "index it use {}",
                      Pretty(), *change.new_size, *change.old_size, *change.old_size),
          Rule());
    }
  }

  void TypeChanged(const Change& change) {
    const Type* old_type = nullptr;
    const Type* new_type = nullptr;
    if (const auto* m = As<ModifierType>(in_.old_side.shape.type)) old_type = &*m->target;
    if (const auto* n = As<ModifierType>(in_.new_side.shape.type)) new_type = &*n->target;
    if (!old_type || !new_type) return;
    const std::optional<uint64_t> old_size = old_.SizeOf(*old_type);
    const std::optional<uint64_t> new_size = new_.SizeOf(*new_type);
    const bool same =
        old_size && old_size == new_size &&
        old_.AlignmentOf(*old_type) == new_.AlignmentOf(*new_type) &&
        SameRepresentation(old_.Representation(*old_type), new_.Representation(*new_type));
    Add(fmt::format("KABI_TYPE_STRING(\"{}\", {});", key_, CStringLiteral(in_.old_side.shape.text)),
        same,
        same ? fmt::format("'{}' and '{}' have the same size ({} bytes), alignment and "
                           "representation",
                           change.old_type, change.new_type, *old_size)
             : fmt::format(
                   "'{}' ({}) became '{}' ({}): not the same representation", change.old_type,
                   old_size ? fmt::format("{} bytes", *old_size) : "size unknown", change.new_type,
                   new_size ? fmt::format("{} bytes", *new_size) : "size unknown"),
        Rule());
  }

  // A KABI_REPLACE that cannot restore the CRC (a leak, a bit-field): the
  // whole old text as a type_string rule, safe when every change is.
  void TypeStringInstead() {
    if (!needs_type_string_) return;
    bool safe = true;
    for (size_t i = 0; i < in_.changes.size(); ++i) safe = safe && type_string_safe_.contains(i);
    Add(fmt::format("KABI_TYPE_STRING(\"{}\", {});", key_, CStringLiteral(in_.old_side.shape.text)),
        safe,
        safe ? fmt::format("versions {} with its old text; every change of it keeps sizes, "
                           "offsets and representation (or give the member its old name or type "
                           "back)",
                           Pretty())
             : fmt::format("versions {} with its old text, hiding every change of it: {}", Pretty(),
                           Join(problems_, "; ")),
        Rule());
  }

  const FixitInput& in_;
  const ShapeScope& old_;
  const ShapeScope& new_;
  std::string_view key_;
  FixitAdvice out_;
  std::vector<bool> handled_;
  std::set<size_t> type_string_safe_;
  std::vector<std::string> problems_;  // of the changes a type_string rule would hide  // changes a
                                       // type_string rule would hide safely
  bool needs_type_string_ = false;     // a KABI_REPLACE could not do it
  bool member_fixits_ = false;         // KABI_USE, KABI_IGNORE or KABI_REPLACE suggested
  bool moved_noted_ = false;
  int ignore_number_ = 0;
};

}  // namespace

std::string CStringLiteral(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

FixitAdvice SuggestFixits(const FixitInput& input) { return Advisor(input).Run(); }

}  // namespace kcrc
