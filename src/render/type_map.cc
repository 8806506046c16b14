#include "kcrc/render/type_map.h"

#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

// Only cyclic anonymous types (corrupt DWARF) nest this deep when inlined.
constexpr int kMaxInlineDepth = 4096;

size_t TokensLength(const TokenList& tokens) {
  size_t length = 0;
  for (const Token& token : tokens) length += token.text.size();
  return length;
}

// Builds a token list; text between references gathers in a reused buffer
// and becomes one exactly sized token (appending fragment by fragment to the
// token itself regrew it many times: 14% of a small module's run).
class TokenBuilder {
 public:
  explicit TokenBuilder(TokenList& tokens) : tokens_(tokens) { pending_.clear(); }
  void Text(std::string_view text) { pending_.append(text); }
  void Reference(std::string key) {
    FlushText();
    tokens_.push_back({std::move(key), true});
  }
  void Finish() { FlushText(); }

 private:
  void FlushText() {
    if (pending_.empty()) return;
    tokens_.push_back({pending_, false});
    pending_.clear();
  }
  TokenList& tokens_;
  static thread_local std::string pending_;
};

thread_local std::string TokenBuilder::pending_;

void FlattenInto(const DieMap& map, const Rendering& rendering, TokenBuilder& tokens, int depth) {
  if (!(depth < kMaxInlineDepth))
    Fail("DIE 0x{:x}: anonymous types nest too deep (cyclic DWARF?)", rendering.offset);
  const auto& fragments = rendering.fragments;
  for (size_t i = 0; i < fragments.size(); ++i) {
    const Fragment& fragment = fragments[i];
    switch (fragment.kind()) {
      case Fragment::Kind::kString:
      case Fragment::Kind::kNumber: {
        char buffer[kMaxNumberText];
        tokens.Text(fragment.Text(buffer));
        break;
      }
      case Fragment::Kind::kLinebreak:
        // Keep the whitespace of the format, without repeated spaces.
        if (i + 1 == fragments.size() || fragments[i + 1].kind() != Fragment::Kind::kLinebreak)
          tokens.Text(" ");
        break;
      case Fragment::Kind::kChild: {
        const Rendering* child = map.FindForFlattening(fragment.child_node());
        if (!(child != nullptr))
          Fail("DIE 0x{:x}: unknown child (node {})", rendering.offset, fragment.child_node());
        if (auto key = TypeRefKey(*child))
          tokens.Reference(std::move(*key));
        else
          FlattenInto(map, *child, tokens, depth + 1);
        break;
      }
    }
  }
}

// The byte length of Flatten's text of `fragments`, given each child's:
// nullopt as soon as `child_length(fragment)` has none.
template <typename ChildLength>
std::optional<size_t> SumLengths(std::span<const Fragment> fragments, ChildLength&& child_length) {
  size_t length = 0;
  for (size_t i = 0; i < fragments.size(); ++i) {
    const Fragment& fragment = fragments[i];
    switch (fragment.kind()) {
      case Fragment::Kind::kString:
      case Fragment::Kind::kNumber:
        length += fragment.text_size();
        break;
      case Fragment::Kind::kLinebreak:
        if (i + 1 == fragments.size() || fragments[i + 1].kind() != Fragment::Kind::kLinebreak)
          ++length;
        break;
      case Fragment::Kind::kChild: {
        const std::optional<size_t> child = child_length(fragment);
        if (!child) return std::nullopt;
        length += *child;
        break;
      }
    }
  }
  return length;
}

size_t LengthOf(const DieMap& map, const Rendering& rendering, int depth) {
  if (rendering.flattened_length) return *rendering.flattened_length;
  if (depth >= kMaxInlineDepth)
    Fail("DIE 0x{:x}: anonymous types nest too deep (cyclic DWARF?)", rendering.offset);
  const size_t length = *SumLengths(rendering.fragments, [&](const Fragment& fragment) {
    if (auto final_length = fragment.child_length()) return final_length;
    const Rendering* child = map.FindForFlattening(fragment.child_node());
    if (child == nullptr)
      Fail("DIE 0x{:x}: unknown child (node {})", rendering.offset, fragment.child_node());
    if (auto key_length = TypeRefKeyLength(*child)) return key_length;
    return std::optional<size_t>(LengthOf(map, *child, depth + 1));
  });
  rendering.flattened_length = length;
  return length;
}

}  // namespace

size_t FlattenedLength(const DieMap& map, const Rendering& rendering) {
  return LengthOf(map, rendering, 0);
}

const TypeMap::Entry* TypeMap::FindEntry(std::string_view key) const {
  const std::optional<uint32_t> index = index_.Find(key);
  return index ? &entries_[*index].second : nullptr;
}

bool TypeMap::WouldStore(std::string_view key, size_t length) const {
  const Entry* entry = FindEntry(key);
  return entry == nullptr || length > entry->length;
}

bool TypeMap::Add(const std::string& key, TokenList tokens) {
  const size_t length = TokensLength(tokens);
  if (const std::optional<uint32_t> index = index_.Find(key)) {
    Entry& entry = entries_[*index].second;
    if (length <= entry.length) return false;
    entry.tokens = std::move(tokens);
    entry.length = length;
    return true;
  }
  auto& [stored_key, entry] = entries_.emplace_back(key, Entry{std::move(tokens), length});
  index_.Insert(stored_key, static_cast<uint32_t>(entries_.size() - 1));
  return true;
}

const TokenList* TypeMap::Find(std::string_view key) const {
  const Entry* entry = FindEntry(key);
  return entry ? &entry->tokens : nullptr;
}

std::string TypeMap::SortedText() const {
  std::vector<const std::pair<std::string, Entry>*> sorted;
  sorted.reserve(entries_.size());
  size_t size = 0;
  for (const auto& entry : entries_) {
    sorted.push_back(&entry);
    size += entry.first.size() + entry.second.length + 2;
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string text;
  text.reserve(size);
  for (const auto* entry : sorted) {
    text += entry->first;
    text += ' ';
    for (const Token& token : entry->second.tokens) text += token.text;
    text += '\n';
  }
  return text;
}

namespace {

// The reference prefix of a rendering that becomes a `<prefix>#<fqn>`
// reference (named struct, union, enum or typedef), or 0.
char TypeRefPrefix(const Rendering& rendering) {
  if (rendering.state != RenderState::kComplete && rendering.state != RenderState::kUnexpanded)
    return 0;
  if (rendering.fqn.empty()) return 0;
  switch (rendering.tag) {
    case DW_TAG_class_type:
    case DW_TAG_structure_type:
      return 's';
    case DW_TAG_union_type:
      return 'u';
    case DW_TAG_enumeration_type:
      return 'e';
    case DW_TAG_typedef:
      return 't';
    default:
      return 0;
  }
}

}  // namespace

std::optional<std::string> TypeRefKey(const Rendering& rendering) {
  std::string key;
  if (!AssignTypeRefKey(rendering, key)) return std::nullopt;
  return key;
}

bool AssignTypeRefKey(const Rendering& rendering, std::string& key) {
  const char prefix = TypeRefPrefix(rendering);
  if (prefix == 0) return false;
  AssignTypeRef(prefix, rendering.fqn, key);
  return true;
}

std::optional<size_t> TypeRefKeyLength(const Rendering& rendering) {
  if (rendering.ref_key_length == Rendering::kUnknownLength) {
    if (TypeRefPrefix(rendering) == 0) {
      rendering.ref_key_length = -1;
    } else {
      // MakeTypeRef's "<prefix>#", and quotes around a name with a space.
      const bool quoted = rendering.fqn.find(' ') != std::string_view::npos;
      rendering.ref_key_length = static_cast<int32_t>(2 + rendering.fqn.size() + (quoted ? 2 : 0));
    }
  }
  if (rendering.ref_key_length < 0) return std::nullopt;
  return static_cast<size_t>(rendering.ref_key_length);
}

void MemoizeFinalLength(const Rendering& rendering) {
  rendering.flattened_length = SumLengths(
      rendering.fragments, [](const Fragment& fragment) { return fragment.child_length(); });
}

TokenList Flatten(const DieMap& map, const Rendering& rendering) {
  TokenList tokens;
  TokenBuilder builder(tokens);
  FlattenInto(map, rendering, builder, 0);
  builder.Finish();
  return tokens;
}

}  // namespace kcrc
