// Renders the DIEs reachable from exported symbols into the reference's type
// string grammar, filling a DieMap. This is the reference's DWARF walk,
// including its per-symbol expansion rules and its --stable kABI handling.
//
// USAGE: per object file, one Renderer; for each unit call BeginUnit, then
// RenderSymbol for every symbol DIE in the reference's order, then EndUnit.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "kcrc/dwarf/fqn.h"
#include "kcrc/dwarf/node_source.h"
#include "kcrc/grammar/grammar.h"
#include "kcrc/kabi/rules.h"
#include "kcrc/render/die_map.h"

namespace kcrc {

// The stack a thread that renders needs: the renderer recurses as deep as
// types nest (as the reference's walk does); kernels nest a few hundred
// levels, and the renderer stops cyclic DWARF at a fixed depth, which this
// holds with a wide margin. Reserved, touched on demand.
constexpr size_t kRenderStackSize = size_t{512} << 20;

struct RenderOptions {
  bool stable = false;
  const KabiRules* rules = nullptr;  // with stable: the object's rules
  std::string* dump_dies = nullptr;  // when set, receives --dump-dies output
  // Replay cached renderings as the reference does (see ProcessCached). Needed
  // for --dump-dies and for --stable; otherwise it cannot change the output.
  bool replay_cached = true;
};

enum class SymbolKind { kSubprogram, kVariable };

// A union rendered in place of its reserved placeholder (for the layout
// check): where it is and what it stands for.
struct KabiPlaceholderUse {
  DieOffset union_die;
  DieOffset placeholder_member;     // the __kabi_reserved*/__kabi_renamed* member
  DieOffset placeholder_type;       // its type, which is what gets versioned
  std::string_view enclosing;       // FQN of the struct being expanded ("" if none)
  std::optional<DieOffset> member;  // the member whose type is the union
};

// A __kabi_ convention applied inside the type `fqn` (for --kabi-report).
struct KabiConventionUse {
  std::string fqn;  // owned: the report reads it after the object's DWARF is closed
  std::string description;
};

// A byte_size rule applied to a type whose DWARF size differs.
struct KabiByteSizeOverride {
  std::string_view fqn;
  uint64_t dwarf_size;
  uint64_t rule_size;
};

class Renderer {
 public:
  Renderer(NodeSource& file, const FqnTable& fqns, DieMap& map, RenderOptions options);

  // Clears per-unit caches (the decl_file privacy cache of the reference, the
  // replay closures).
  void EndUnit() { private_files_.clear(); }

  // Renders a symbol DIE once (later calls for the same DIE do nothing).
  void RenderSymbol(DieOffset die, SymbolKind kind);

  const std::vector<KabiPlaceholderUse>& placeholder_uses() const { return placeholder_uses_; }
  const std::vector<KabiConventionUse>& convention_uses() const { return convention_uses_; }
  const std::vector<KabiByteSizeOverride>& byte_size_overrides() const {
    return byte_size_overrides_;
  }

 private:
  enum KabiStatus { kKabiNormal = 1, kKabiReserved, kKabiIgnored };

  struct Expansion {
    bool expand = true;
    std::string_view current_fqn;
  };
  struct KabiState {
    int members = 0;
    DieOffset placeholder = 0;
    std::optional<std::string_view> orig_name;
  };
  struct State {
    bool first_list_item = false;
    Expansion expand;
    KabiState kabi;
    int depth = 0;
  };

  void Emit(Rendering* cache, std::string_view text);
  void EmitLinebreak(Rendering* cache, int delta);
  void EmitFqn(Rendering* cache, const DieNode& node);
  void EmitAttribute(Rendering* cache, NumberFormat format, const std::optional<uint64_t>& value);
  void EmitNumber(Rendering* cache, NumberFormat format, uint64_t value);
  // Appends to the --dump-dies text.
  void Dump(std::string_view text);
  void EmitByteSize(Rendering* cache, const DieNode& node);
  void EmitListComma(State& state, Rendering* cache);

  void ProcessType(State& state, Rendering* parent, DieOffset offset);
  // The same, for a node in hand (children of a container).
  void ProcessType(State& state, Rendering* parent, const DieNode& node);
  void ProcessCached(State& state, const Rendering& cache);
  void ProcessTypeAttr(State& state, Rendering* cache, const DieNode& node);
  void ProcessTag(State& state, Rendering* cache, const DieNode& node);
  void ProcessModifier(State& state, Rendering* cache, const DieNode& node,
                       grammar::Keyword keyword);
  void ProcessBase(Rendering* cache, const DieNode& node);
  void ProcessStructure(State& state, Rendering* cache, const DieNode& node,
                        grammar::Keyword keyword);
  void ProcessUnion(State& state, Rendering* cache, const DieNode& node);
  void ProcessEnumerator(State& state, Rendering* cache, const DieNode& node);
  void ProcessListItem(State& state, Rendering* cache, const DieNode& node,
                       grammar::Keyword keyword);
  void ProcessArray(State& state, Rendering* cache, const DieNode& node);
  void ProcessSubrange(Rendering* cache, const DieNode& node);
  void ProcessSubroutine(State& state, Rendering* cache, const DieNode& node,
                         grammar::Keyword keyword);
  void ProcessVariantPart(State& state, Rendering* cache, const DieNode& node);
  void ProcessVariant(State& state, Rendering* cache, const DieNode& node);
  int ProcessStructureChild(State& state, Rendering* cache, const DieNode& child);

  // Visits the children of `node` that `match` accepts, calling `visit` on
  // each until it returns non-zero (which is returned); 0 when all were seen.
  template <typename Match, typename Visit>
  int ProcessContainer(State* state, const DieNode& node, Match match, Visit visit);

  bool IsDefinition(const Rendering& cache, const DieNode& node);
  bool IsDefinitionPrivate(const DieNode& node);
  int UnionKabiStatus(const DieNode& node, DieOffset* placeholder,
                      std::optional<std::string_view>* orig_name,
                      DieOffset* placeholder_member = nullptr);
  bool IsKabiIgnored(const DieNode& member);
  int KabiStatusOf(const DieNode& member, std::optional<std::string_view>* suffix);

  NodeSource& file_;
  const FqnTable& fqns_;
  DieMap& map_;
  RenderOptions options_;
  std::unordered_map<uint64_t, bool> private_files_;
  std::vector<KabiPlaceholderUse> placeholder_uses_;
  std::vector<KabiByteSizeOverride> byte_size_overrides_;
  std::vector<KabiConventionUse> convention_uses_;
  // Structs and enums expanded for the current symbol: stamps_[node.id] ==
  // symbol_stamp_ (a new stamp per symbol, so nothing is ever cleared).
  bool MarkExpanded(const DieNode& node);
  std::vector<uint32_t> expanded_stamps_;
  uint32_t symbol_stamp_ = 0;
  // Renderings in progress, innermost last, and their fragments so far, on
  // one stack: only the innermost one is ever appended to (a parent resumes
  // once its child is finished), so a finished rendering's fragments are the
  // top of the stack, copied once, exactly sized, into the map.
  struct OpenRendering {
    Rendering* rendering;
    size_t start;  // its first fragment in open_fragments_
  };
  void Open(Rendering& rendering);
  void Append(Rendering* rendering, Fragment fragment);
  void Close(Rendering& rendering);
  std::vector<OpenRendering> open_;
  std::vector<Fragment> open_fragments_;
  // The member/parameter DIEs being rendered, innermost last (for messages).
  std::vector<DieOffset> list_items_;
  // --dump-dies layout: pending line break and indentation level.
  bool dump_linebreak_ = false;
  int dump_indent_ = 0;
};

}  // namespace kcrc
