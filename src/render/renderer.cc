#include "kcrc/render/renderer.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <utility>

#include "kcrc/base/error.h"
#include "kcrc/grammar/grammar.h"
#include "kcrc/render/type_map.h"

namespace kcrc {
namespace {

using grammar::Keyword;
using grammar::Lead;

// Deeper type nesting than this only comes from cyclic (corrupt) DWARF: stop
// before the stack does. Real kernels nest a few hundred levels at most; the
// CLI runs the engine on a thread with a large stack.
constexpr int kMaxDepth = 20000;

constexpr std::string_view kKabiPrefix = "__kabi_";

bool IsExpandedType(int tag) {
  return tag == DW_TAG_structure_type || tag == DW_TAG_union_type || tag == DW_TAG_class_type ||
         tag == DW_TAG_enumeration_type;
}

bool HasKabiPrefix(const std::optional<std::string_view>& name) {
  return name && name->starts_with(kKabiPrefix);
}

}  // namespace

Renderer::Renderer(NodeSource& file, const FqnTable& fqns, DieMap& map, RenderOptions options)
    : file_(file), fqns_(fqns), map_(map), options_(options) {}

// --- Fragment output ------------------------------------------------------

void Renderer::Emit(Rendering* cache, std::string_view text) {
  if (options_.dump_dies) Dump(text);
  if (cache) Append(cache, Fragment::String(text));
}

void Renderer::EmitNumber(Rendering* cache, NumberFormat format, uint64_t value) {
  if (options_.dump_dies) {
    char buffer[kMaxNumberText];
    Dump({buffer, FormatNumber(format, value, buffer)});
  }
  if (cache) Append(cache, Fragment::Number(format, value));
}

void Renderer::Dump(std::string_view text) {
  std::string& out = *options_.dump_dies;
  if (dump_linebreak_) {
    out += '\n';
    for (int i = 0; i < dump_indent_; ++i) out += "  ";
    dump_linebreak_ = false;
  }
  out += text;
}

void Renderer::EmitLinebreak(Rendering* cache, int delta) {
  if (options_.dump_dies) {
    dump_indent_ += delta;
    dump_linebreak_ = true;
  }
  if (cache) Append(cache, Fragment::Linebreak(delta));
}

void Renderer::EmitFqn(Rendering* cache, const DieNode& node) {
  std::string_view fqn = fqns_.Fqn(node);
  if (cache) cache->fqn = fqn;
  if (fqn.empty()) return;
  Emit(cache, grammar::kSpace);
  Emit(cache, fqn);
}

void Renderer::EmitAttribute(Rendering* cache, NumberFormat format,
                             const std::optional<uint64_t>& value) {
  if (value) EmitNumber(cache, format, *value);
}

void Renderer::EmitByteSize(Rendering* cache, const DieNode& node) {
  if (!node.byte_size()) return;
  uint64_t value = *node.byte_size();
  if (options_.stable && cache) {
    if (auto size = options_.rules->ByteSize(cache->fqn)) {
      if (*size != value) byte_size_overrides_.push_back({cache->fqn, value, *size});
      value = *size;
    }
  }
  EmitAttribute(cache, NumberFormat::kByteSize, value);
}

void Renderer::EmitListComma(State& state, Rendering* cache) {
  if (state.first_list_item) {
    state.first_list_item = false;
    return;
  }
  Emit(cache, grammar::kListComma);
  EmitLinebreak(cache, 0);
}

// Marks `node` expanded for the current symbol; false if it already was.
bool Renderer::MarkExpanded(const DieNode& node) {
  if (node.id >= expanded_stamps_.size())
    expanded_stamps_.resize(std::max<size_t>(node.id + 1, 2 * expanded_stamps_.size()), 0);
  if (expanded_stamps_[node.id] == symbol_stamp_) return false;
  expanded_stamps_[node.id] = symbol_stamp_;
  return true;
}

void Renderer::Open(Rendering& rendering) { open_.push_back({&rendering, open_fragments_.size()}); }

void Renderer::Append(Rendering* rendering, Fragment fragment) {
  if (open_.empty() || open_.back().rendering != rendering)
    Fail("internal error: DIE 0x{:x}: output to a rendering that is not the innermost open one",
         rendering->offset);
  open_fragments_.push_back(fragment);
}

void Renderer::Close(Rendering& rendering) {
  if (open_.empty() || open_.back().rendering != &rendering)
    Fail("internal error: DIE 0x{:x}: closing a rendering that is not the innermost open one",
         rendering.offset);
  const size_t start = open_.back().start;
  rendering.fragments =
      map_.StoreFragments(std::span<const Fragment>(open_fragments_).subspan(start));
  open_fragments_.erase(open_fragments_.begin() + static_cast<std::ptrdiff_t>(start),
                        open_fragments_.end());
  open_.pop_back();
}

// --- The walk ---------------------------------------------------------------

void Renderer::RenderSymbol(DieOffset die, SymbolKind kind) {
  const DieNode& node = file_.Get(die);
  if (map_.Find(node.id, RenderState::kSymbol)) return;
  Rendering cache = map_.Start(node);
  State state;
  ++symbol_stamp_;
  Open(cache);
  if (kind == SymbolKind::kSubprogram) {
    ProcessSubroutine(state, &cache, node, Keyword::kSubprogram);
  } else {
    Emit(&cache, Lead(Keyword::kVariable));
    ProcessTypeAttr(state, &cache, node);
  }
  Close(cache);
  cache.tag = node.tag;
  cache.state = RenderState::kSymbol;
  map_.Add(std::move(cache), /*list=*/true);
  if (options_.dump_dies) *options_.dump_dies += '\n';
}

template <typename Match, typename Visit>
int Renderer::ProcessContainer(State* state, const DieNode& node, Match match, Visit visit) {
  if (state) state->first_list_item = true;
  int result = 0;
  if (node.has_children) {
    for (const DieNode* child_node : file_.Children(node.offset)) {
      const DieNode& child = *child_node;
      if (!match(child)) continue;
      result = visit(child);
      if (result != 0) break;
    }
  }
  if (state) state->first_list_item = false;
  return result;
}

void Renderer::ProcessType(State& state, Rendering* parent, DieOffset offset) {
  ProcessType(state, parent, file_.Get(offset));
}

void Renderer::ProcessType(State& state, Rendering* parent, const DieNode& node) {
  const DieOffset offset = node.offset;
  if (++state.depth >= kMaxDepth)
    Fail(file_.At(offset), "type nesting deeper than {} (cyclic DWARF?)", kMaxDepth);
  const Expansion saved = state.expand;
  RenderState want = RenderState::kComplete;
  // Structures and enums are expanded only once per exported symbol, which is
  // enough to detect ABI changes inside them.
  if (IsExpandedType(node.tag)) {
    if (state.expand.expand) {
      if (!MarkExpanded(node)) {
        state.expand.expand = false;
        want = RenderState::kUnexpanded;
      }
    } else {
      want = RenderState::kUnexpanded;
    }
  }
  if (const Rendering* cached = map_.Find(node.id, want)) {
    if (options_.replay_cached) ProcessCached(state, *cached);
  } else {
    // Rendered on the stack, and added to the map once finished.
    Rendering cache = map_.Start(node);
    Open(cache);
    ProcessTag(state, &cache, node);
    Close(cache);
    cache.tag = node.tag;
    cache.state = want;
    MemoizeFinalLength(cache);
    // Named types become type map entries (see TypeRefKey).
    const bool named = TypeRefKeyLength(cache).has_value();
    map_.Add(std::move(cache), named);
  }
  if (parent) Append(parent, Fragment::Child(node, map_.FinalChildLength(node.id)));
  state.expand = saved;
  --state.depth;
}

// Replays a finished rendering: nothing is re-rendered, but the children are
// visited so that this symbol's expansion marks (and --dump-dies) see them.
//
// Why skipping it (replay_cached off) leaves CRCs and symtypes unchanged: a
// replay only marks structs as expanded and creates UNEXPANDED renderings of
// structs met again. Every struct a cached rendering refers to already has a
// COMPLETE rendering (it was expanded when first met in some symbol), and
// flattening always prefers COMPLETE, so those UNEXPANDED renderings are never
// used. A fresh rendering's own fragments hold only child references, which
// do not depend on the child's state. Two things do depend on replays: the
// --dump-dies text, and with --stable the renamed-name leak (a union rendered
// during a replay sets the kABI original name). Both keep the replays. The
// conformance pack and ReplayTest check that both modes agree.
// Cost: a replay walks the symbol's whole type closure again, for every
// symbol; that is what makes the reference slow on vmlinux.
void Renderer::ProcessCached(State& state, const Rendering& cache) {
  for (const Fragment& fragment : cache.fragments) {
    switch (fragment.kind()) {
      case Fragment::Kind::kString:
      case Fragment::Kind::kNumber:
        if (options_.dump_dies) {
          char buffer[kMaxNumberText];
          Dump(fragment.Text(buffer));
        }
        break;
      case Fragment::Kind::kLinebreak:
        EmitLinebreak(nullptr, fragment.delta());
        break;
      case Fragment::Kind::kChild:
        ProcessType(state, nullptr, file_.Node(fragment.child_node()));
        break;
    }
  }
}

void Renderer::ProcessTypeAttr(State& state, Rendering* cache, const DieNode& node) {
  if (node.type) {
    ProcessType(state, cache, *node.type);
    return;
  }
  // Compilers omit DW_AT_type for void.
  Emit(cache, grammar::kVoid);
}

void Renderer::ProcessTag(State& state, Rendering* cache, const DieNode& node) {
  switch (node.tag) {
    case DW_TAG_atomic_type:
      return ProcessModifier(state, cache, node, Keyword::kAtomicType);
    case DW_TAG_const_type:
      return ProcessModifier(state, cache, node, Keyword::kConstType);
    case DW_TAG_immutable_type:
      return ProcessModifier(state, cache, node, Keyword::kImmutableType);
    case DW_TAG_packed_type:
      return ProcessModifier(state, cache, node, Keyword::kPackedType);
    case DW_TAG_pointer_type:
      return ProcessModifier(state, cache, node, Keyword::kPointerType);
    case DW_TAG_reference_type:
      return ProcessModifier(state, cache, node, Keyword::kReferenceType);
    case DW_TAG_restrict_type:
      return ProcessModifier(state, cache, node, Keyword::kRestrictType);
    case DW_TAG_rvalue_reference_type:
      return ProcessModifier(state, cache, node, Keyword::kRvalueReferenceType);
    case DW_TAG_shared_type:
      return ProcessModifier(state, cache, node, Keyword::kSharedType);
    case DW_TAG_template_type_parameter:
      return ProcessModifier(state, cache, node, Keyword::kTemplateTypeParameterType);
    case DW_TAG_volatile_type:
      return ProcessModifier(state, cache, node, Keyword::kVolatileType);
    case DW_TAG_typedef:
      return ProcessModifier(state, cache, node, Keyword::kTypedefType);
    case DW_TAG_class_type:
      return ProcessStructure(state, cache, node, Keyword::kClassType);
    case DW_TAG_structure_type:
      return ProcessStructure(state, cache, node, Keyword::kStructureType);
    case DW_TAG_union_type:
      return ProcessUnion(state, cache, node);
    case DW_TAG_enumeration_type:
      return ProcessStructure(state, cache, node, Keyword::kEnumerationType);
    case DW_TAG_enumerator:
      return ProcessEnumerator(state, cache, node);
    case DW_TAG_formal_parameter:
      return ProcessListItem(state, cache, node, Keyword::kFormalParameter);
    case DW_TAG_member:
      return ProcessListItem(state, cache, node, Keyword::kMember);
    case DW_TAG_subrange_type:
      return ProcessSubrange(cache, node);
    case DW_TAG_variant:
      return ProcessVariant(state, cache, node);
    case DW_TAG_variant_part:
      return ProcessVariantPart(state, cache, node);
    case DW_TAG_array_type:
      return ProcessArray(state, cache, node);
    case DW_TAG_base_type:
      return ProcessBase(cache, node);
    case DW_TAG_subroutine_type:
      return ProcessSubroutine(state, cache, node, Keyword::kSubroutineType);
    case DW_TAG_unspecified_type:
      return Emit(cache, Lead(Keyword::kUnspecifiedType));
    default:
      Fail(file_.At(node.offset), "process_type: unexpected type: {:x}", node.tag);
  }
}

void Renderer::ProcessModifier(State& state, Rendering* cache, const DieNode& node,
                               Keyword keyword) {
  Emit(cache, Lead(keyword));
  EmitFqn(cache, node);
  Emit(cache, grammar::kOpenBody);
  EmitLinebreak(cache, 1);
  ProcessTypeAttr(state, cache, node);
  EmitLinebreak(cache, -1);
  Emit(cache, grammar::kCloseBody);
  EmitByteSize(cache, node);
  EmitAttribute(cache, NumberFormat::kAlignment, node.alignment());
}

void Renderer::ProcessBase(Rendering* cache, const DieNode& node) {
  Emit(cache, Lead(Keyword::kBaseType));
  EmitFqn(cache, node);
  EmitByteSize(cache, node);
  EmitAttribute(cache, NumberFormat::kEncoding, node.encoding());
  EmitAttribute(cache, NumberFormat::kAlignment, node.alignment());
}

void Renderer::ProcessStructure(State& state, Rendering* cache, const DieNode& node,
                                Keyword keyword) {
  Emit(cache, Lead(keyword));
  EmitFqn(cache, node);
  Emit(cache, grammar::kOpenBody);
  EmitLinebreak(cache, 1);
  const bool expand = state.expand.expand && IsDefinition(*cache, node);
  if (expand) {
    state.expand.current_fqn = cache->fqn;
    if (node.tag == DW_TAG_enumeration_type) {
      ProcessContainer(
          &state, node, [](const DieNode& child) { return child.tag == DW_TAG_enumerator; },
          [&](const DieNode& child) {
            ProcessType(state, cache, child);
            return 0;
          });
    } else {
      ProcessContainer(
          &state, node, [](const DieNode&) { return true; },
          [&](const DieNode& child) { return ProcessStructureChild(state, cache, child); });
    }
  }
  EmitLinebreak(cache, -1);
  Emit(cache, grammar::kCloseBody);
  if (expand) {
    EmitByteSize(cache, node);
    EmitAttribute(cache, NumberFormat::kAlignment, node.alignment());
  }
}

int Renderer::ProcessStructureChild(State& state, Rendering* cache, const DieNode& child) {
  switch (child.tag) {
    case DW_TAG_member:
      if (IsKabiIgnored(child)) {
        convention_uses_.push_back({std::string(state.expand.current_fqn),
                                    fmt::format("member at offset {} is __kabi_ignored: left out",
                                                child.data_member_location().value_or(0))});
        return 0;
      }
      ProcessType(state, cache, child);
      return 0;
    case DW_TAG_variant_part:
      ProcessType(state, cache, child);
      return 0;
    case DW_TAG_class_type:
    case DW_TAG_enumeration_type:
    case DW_TAG_structure_type:
    case DW_TAG_template_type_parameter:
    case DW_TAG_union_type:
    case DW_TAG_subprogram:
      return 0;  // nested type definitions and member functions are not members
    default:
      Fail(file_.At(child.offset),
           "___process_structure_type: unexpected structure_type child: {:x}", child.tag);
  }
}

void Renderer::ProcessUnion(State& state, Rendering* cache, const DieNode& node) {
  DieOffset placeholder = 0;
  DieOffset placeholder_member = 0;
  const int status =
      UnionKabiStatus(node, &placeholder, &state.kabi.orig_name, &placeholder_member);
  if (status == kKabiReserved) {
    std::optional<DieOffset> member;
    if (!list_items_.empty()) member = list_items_.back();
    placeholder_uses_.push_back(
        {node.offset, placeholder_member, placeholder, state.expand.current_fqn, member});
    const DieNode& reserved = file_.Get(placeholder_member);
    convention_uses_.push_back({std::string(state.expand.current_fqn),
                                fmt::format("{}: a union is versioned as its placeholder",
                                            reserved.name.value_or("__kabi_reserved"))});
    ProcessType(state, cache, placeholder);
  }
  if (status > kKabiNormal) return;
  ProcessStructure(state, cache, node, Keyword::kUnionType);
}

void Renderer::ProcessEnumerator(State& state, Rendering* cache, const DieNode& node) {
  std::optional<uint64_t> value;
  if (options_.stable) {
    cache->fqn = fqns_.Fqn(node);
    if (options_.rules->IsEnumeratorIgnored(state.expand.current_fqn, cache->fqn)) return;
    value = options_.rules->EnumeratorValue(state.expand.current_fqn, cache->fqn);
  }
  EmitListComma(state, cache);
  Emit(cache, Lead(Keyword::kEnumerator));
  EmitFqn(cache, node);
  if (!value) value = node.const_value();
  if (value) {
    Emit(cache, grammar::kEnumeratorValue);
    EmitNumber(cache, NumberFormat::kPlain, *value);
  }
}

// member and formal_parameter.
void Renderer::ProcessListItem(State& state, Rendering* cache, const DieNode& node,
                               Keyword keyword) {
  std::optional<std::string_view> name = node.name;
  if (options_.stable) {
    if (HasKabiPrefix(name)) {
      convention_uses_.push_back(
          {std::string(state.expand.current_fqn), fmt::format("{}: name left out", *name)});
      name.reset();
    }
    // Cleared only here: a renamed placeholder met in this item's type walk
    // names this item (and leaks to an enclosing one, as in the reference).
    state.kabi.orig_name.reset();
  }
  EmitListComma(state, cache);
  Emit(cache, Lead(keyword));
  list_items_.push_back(node.offset);
  ProcessTypeAttr(state, cache, node);
  list_items_.pop_back();
  if (options_.stable && state.kabi.orig_name) name = state.kabi.orig_name;
  if (name) {
    Emit(cache, grammar::kSpace);
    Emit(cache, *name);
  }
  EmitAttribute(cache, NumberFormat::kAccessibility, node.accessibility());
  EmitAttribute(cache, NumberFormat::kBitSize, node.bit_size());
  EmitAttribute(cache, NumberFormat::kDataBitOffset, node.data_bit_offset());
  EmitAttribute(cache, NumberFormat::kDataMemberLocation, node.data_member_location());
}

void Renderer::ProcessArray(State& state, Rendering* cache, const DieNode& node) {
  Emit(cache, Lead(Keyword::kArrayType));
  ProcessContainer(
      &state, node, [](const DieNode& child) { return child.tag == DW_TAG_subrange_type; },
      [&](const DieNode& child) {
        ProcessType(state, cache, child);
        return 0;
      });
  Emit(cache, grammar::kOpenBody);
  EmitLinebreak(cache, 1);
  ProcessTypeAttr(state, cache, node);
  EmitLinebreak(cache, -1);
  Emit(cache, grammar::kCloseBody);
}

void Renderer::ProcessSubrange(Rendering* cache, const DieNode& node) {
  if (node.count())
    EmitNumber(cache, NumberFormat::kSubscript, *node.count());
  else if (node.upper_bound())
    EmitNumber(cache, NumberFormat::kSubscript, *node.upper_bound() + 1);  // wraps like C
  else
    Emit(cache, grammar::kUnknownBound);
}

void Renderer::ProcessSubroutine(State& state, Rendering* cache, const DieNode& node,
                                 Keyword keyword) {
  Emit(cache, Lead(keyword));
  Emit(cache, grammar::kOpenParameters);
  EmitLinebreak(cache, 1);
  ProcessContainer(
      &state, node, [](const DieNode& child) { return child.tag == DW_TAG_formal_parameter; },
      [&](const DieNode& child) {
        ProcessType(state, cache, child);
        return 0;
      });
  EmitLinebreak(cache, -1);
  Emit(cache, grammar::kCloseParameters);
  EmitLinebreak(cache, 0);
  Emit(cache, grammar::kReturnArrow);
  ProcessTypeAttr(state, cache, node);
}

void Renderer::ProcessVariantPart(State& state, Rendering* cache, const DieNode& node) {
  EmitListComma(state, cache);
  Emit(cache, Lead(Keyword::kVariantPart));
  EmitLinebreak(cache, 1);
  ProcessContainer(
      &state, node, [](const DieNode&) { return true; },
      [&](const DieNode& child) {
        ProcessType(state, cache, child);
        return 0;
      });
  EmitLinebreak(cache, -1);
  Emit(cache, grammar::kCloseBody);
}

void Renderer::ProcessVariant(State& state, Rendering* cache, const DieNode& node) {
  EmitListComma(state, cache);
  Emit(cache, Lead(Keyword::kVariant));
  EmitLinebreak(cache, 1);
  ProcessContainer(
      &state, node, [](const DieNode& child) { return child.tag == DW_TAG_member; },
      [&](const DieNode& child) {
        ProcessType(state, cache, child);
        return 0;
      });
  EmitLinebreak(cache, -1);
  Emit(cache, grammar::kCloseBody);
  EmitAttribute(cache, NumberFormat::kDiscrValue, node.discr_value());
}

// --- Definitions and kABI conventions ---------------------------------------

bool Renderer::IsDefinition(const Rendering& cache, const DieNode& node) {
  if (node.declaration) return false;
  if (options_.stable && options_.rules->IsDeclonly(cache.fqn)) return false;
  return !IsDefinitionPrivate(node);
}

// Definitions in .c files cannot change the public ABI: they stay opaque.
bool Renderer::IsDefinitionPrivate(const DieNode& node) {
  if (!node.decl_file()) return false;
  // Cached by file index for the unit being processed, as the reference does.
  auto it = private_files_.find(*node.decl_file());
  if (it != private_files_.end()) return it->second;
  std::string_view name = file_.SourceFileName(node, *node.decl_file());
  const size_t dot = name.rfind('.');
  const bool is_c = dot != std::string_view::npos && name.substr(dot) == ".c";
  private_files_.emplace(*node.decl_file(), is_c);
  return is_c;
}

int Renderer::KabiStatusOf(const DieNode& member, std::optional<std::string_view>* suffix) {
  if (suffix) suffix->reset();
  if (!HasKabiPrefix(member.name)) return kKabiNormal;
  std::string_view rest = member.name->substr(kKabiPrefix.size());
  if (rest.starts_with("reserved")) return kKabiReserved;
  if (rest.starts_with("ignored")) return kKabiIgnored;
  if (rest.starts_with("renamed")) {
    if (suffix) *suffix = rest.substr(std::string_view("renamed").size());
    return kKabiReserved;
  }
  return kKabiNormal;
}

// The reference looks at the first two members of a union, and at the first
// member of a structure that is one of them, for a __kabi_ name.
int Renderer::UnionKabiStatus(const DieNode& node, DieOffset* placeholder,
                              std::optional<std::string_view>* orig_name,
                              DieOffset* placeholder_member) {
  if (!options_.stable) return kKabiNormal;
  State local;
  DieOffset reserved_member = 0;
  auto is_member = [](const DieNode& child) { return child.tag == DW_TAG_member; };
  const int status = ProcessContainer(&local, node, is_member, [&](const DieNode& member) {
    if (!(member.type.has_value()))
      Fail(file_.At(member.offset), "check_union_member_kabi_status: union member missing a type?");
    int result = KabiStatusOf(member, &local.kabi.orig_name);
    if (result == kKabiReserved) {
      local.kabi.placeholder = *member.type;
      reserved_member = member.offset;
    }
    if (result != kKabiNormal) return result;
    const DieNode& type = file_.Get(*member.type);
    if (type.tag == DW_TAG_structure_type) {
      result = ProcessContainer(&local, type, is_member, [&](const DieNode& first) {
        const int first_status = KabiStatusOf(first, &local.kabi.orig_name);
        if (first_status == kKabiReserved) {
          if (!(first.type.has_value()))
            Fail(file_.At(first.offset),
                 "check_struct_member_kabi_status: structure member missing a type?");
          local.kabi.placeholder = *first.type;
          reserved_member = first.offset;
        }
        return first_status;  // kKabiNormal is non-zero too: only the first member counts
      });
    }
    if (result <= kKabiNormal && ++local.kabi.members < 2) return 0;
    return result;
  });
  if (status == kKabiReserved) {
    if (placeholder) *placeholder = local.kabi.placeholder;
    if (orig_name) *orig_name = local.kabi.orig_name;
    if (placeholder_member) *placeholder_member = reserved_member;
  }
  return status;
}

bool Renderer::IsKabiIgnored(const DieNode& member) {
  if (!options_.stable) return false;
  if (!(member.type.has_value()))
    Fail(file_.At(member.offset), "is_kabi_ignored: member missing a type?");
  const DieNode& type = file_.Get(*member.type);
  return type.tag == DW_TAG_union_type && UnionKabiStatus(type, nullptr, nullptr) == kKabiIgnored;
}

}  // namespace kcrc
