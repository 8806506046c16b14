#include "kcrc/gen/kabi_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_set>

namespace kcrc {
namespace {

// Deeper chains than this only come from corrupt DWARF.
constexpr int kMaxDepth = 256;

bool IsTransparent(int tag) {
  return tag == DW_TAG_typedef || tag == DW_TAG_const_type || tag == DW_TAG_volatile_type ||
         tag == DW_TAG_atomic_type || tag == DW_TAG_restrict_type || tag == DW_TAG_packed_type;
}

std::optional<uint64_t> SizeOf(NodeSource& dwarf, DieOffset offset, int depth) {
  if (depth > kMaxDepth) return std::nullopt;
  const DieNode& node = dwarf.Get(offset);
  if (node.byte_size()) return node.byte_size();
  if (IsTransparent(node.tag) && node.type) return SizeOf(dwarf, *node.type, depth + 1);
  if (node.tag == DW_TAG_array_type && node.type) {
    auto element = SizeOf(dwarf, *node.type, depth + 1);
    if (!element) return std::nullopt;
    uint64_t total = *element;
    if (node.has_children) {
      for (const DieNode* child : dwarf.Children(offset)) {
        const DieNode& range = *child;
        if (range.tag != DW_TAG_subrange_type) continue;
        if (range.count())
          total *= *range.count();
        else if (range.upper_bound())
          total *= *range.upper_bound() + 1;
        else
          return std::nullopt;
      }
    }
    return total;
  }
  return std::nullopt;
}

uint64_t AlignmentOf(NodeSource& dwarf, DieOffset offset, int depth) {
  if (depth > kMaxDepth) return 1;
  const DieNode& node = dwarf.Get(offset);
  if (node.alignment()) return *node.alignment();
  switch (node.tag) {
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type: {
      uint64_t alignment = 1;
      if (!node.has_children) return alignment;
      for (const DieNode* child : dwarf.Children(offset)) {
        const DieNode& member = *child;
        if (member.tag == DW_TAG_member && member.type)
          alignment = std::max(alignment, AlignmentOf(dwarf, *member.type, depth + 1));
      }
      return alignment;
    }
    case DW_TAG_array_type:
      return node.type ? AlignmentOf(dwarf, *node.type, depth + 1) : 1;
    default:
      if (IsTransparent(node.tag)) return node.type ? AlignmentOf(dwarf, *node.type, depth + 1) : 1;
      if (node.byte_size() && *node.byte_size() > 0) {
        // Scalars are naturally aligned: the largest power of two dividing the
        // size, at most 16.
        uint64_t alignment = 1;
        while (alignment < 16 && *node.byte_size() % (alignment * 2) == 0) alignment *= 2;
        return alignment;
      }
      return 1;
  }
}

std::string Describe(NodeSource& dwarf, const KabiPlaceholderUse& use) {
  const DieNode& placeholder = dwarf.Get(use.placeholder_member);
  std::string where =
      use.enclosing.empty() ? std::string("an anonymous type") : fmt::format("'{}'", use.enclosing);
  std::string member = std::string(placeholder.name.value_or("?"));
  if (use.member) {
    const DieNode& item = dwarf.Get(*use.member);
    if (item.data_member_location())
      member += fmt::format(" (at offset {})", *item.data_member_location());
  }
  return fmt::format("{}: {}: placeholder {}", dwarf.Where(use.union_die), where, member);
}

}  // namespace

std::optional<uint64_t> TypeSize(NodeSource& dwarf, DieOffset type) {
  return SizeOf(dwarf, type, 0);
}

uint64_t TypeAlignment(NodeSource& dwarf, DieOffset type) { return AlignmentOf(dwarf, type, 0); }

std::vector<std::string> CheckKabiLayout(const KabiCheckInput& input) {
  std::vector<std::string> findings;
  std::set<DieOffset> seen_unions;
  for (const KabiPlaceholderUse& use : input.renderer.placeholder_uses()) {
    if (!seen_unions.insert(use.union_die).second) continue;
    const auto union_size = TypeSize(input.dwarf, use.union_die);
    const auto placeholder_size = TypeSize(input.dwarf, use.placeholder_type);
    const uint64_t union_alignment = TypeAlignment(input.dwarf, use.union_die);
    const uint64_t placeholder_alignment = TypeAlignment(input.dwarf, use.placeholder_type);
    if (union_size && placeholder_size && *union_size > *placeholder_size)
      findings.push_back(
          fmt::format("{}: the replacing union is {} bytes, larger than the {}-byte placeholder",
                      Describe(input.dwarf, use), *union_size, *placeholder_size));
    if (union_alignment > placeholder_alignment)
      findings.push_back(
          fmt::format("{}: the replacing union needs {}-byte alignment, the placeholder has {}",
                      Describe(input.dwarf, use), union_alignment, placeholder_alignment));
  }
  std::set<std::string_view> seen_sizes;
  for (const KabiByteSizeOverride& size : input.renderer.byte_size_overrides()) {
    if (!seen_sizes.insert(size.fqn).second) continue;
    findings.push_back(
        fmt::format("{}: byte_size rule for '{}' claims {} bytes; the type is {} bytes", input.path,
                    size.fqn, size.rule_size, size.dwarf_size));
  }
  for (const KabiRule* rule : input.rules.Unused())
    findings.push_back(fmt::format("{}: kABI rule {} '{}' (rule {}) matched nothing", input.path,
                                   KabiRuleTypeName(rule->type), rule->target, rule->index + 1));
  return findings;
}

namespace {

// The FQN a reference key names: "s#'a b'" -> "a b".
std::string_view KeyFqn(std::string_view key) {
  if (!IsTypeRefPrefix(key)) return {};
  std::string_view fqn = key.substr(2);
  if (fqn.size() >= 2 && fqn.front() == '\'' && fqn.back() == '\'')
    fqn = fqn.substr(1, fqn.size() - 2);
  return fqn;
}

// Keys reachable from a symbol's record in `types`, in first-meeting order.
std::vector<std::string> Reachable(const TypeMap& types, const TokenList& root) {
  std::vector<std::string> order;
  std::unordered_set<std::string> seen;
  std::vector<const TokenList*> stack{&root};
  while (!stack.empty()) {
    const TokenList* tokens = stack.back();
    stack.pop_back();
    for (const Token& token : *tokens) {
      if (!token.is_ref || !seen.insert(token.text).second) continue;
      order.push_back(token.text);
      if (const TokenList* next = types.Find(token.text)) stack.push_back(next);
    }
  }
  return order;
}

}  // namespace

std::string KabiReport(const KabiReportInput& input, const std::vector<KabiReportSymbol>& symbols,
                       const TypeMap& stable_types, const TypeMap& plain_types) {
  std::string report;
  for (const KabiReportSymbol& symbol : symbols) {
    if (symbol.stable_crc == symbol.plain_crc) continue;
    report += fmt::format("{}: {}: 0x{:08x} with kABI rules and conventions, 0x{:08x} without\n",
                          input.path, symbol.name, symbol.stable_crc, symbol.plain_crc);
    const TokenList* stable = stable_types.Find(symbol.name);
    const TokenList* plain = plain_types.Find(symbol.name);
    std::vector<std::string> keys;
    if (stable) keys = Reachable(stable_types, *stable);
    std::sort(keys.begin(), keys.end());
    if (stable && plain && JoinTokens(*stable) != JoinTokens(*plain)) {
      if (input.rules.Find(KabiRuleType::kTypeString, symbol.name))
        report += fmt::format("  {}: type_string rule replaces its type string\n", symbol.name);
      else
        report += fmt::format("  {}: its own type string changed (kABI member names left out)\n",
                              symbol.name);
    }
    for (const std::string& key : keys) {
      const TokenList* with = stable_types.Find(key);
      const TokenList* without = plain_types.Find(key);
      if (with && without && JoinTokens(*with) == JoinTokens(*without)) continue;
      const std::string_view fqn = KeyFqn(key);
      std::vector<std::string> causes;
      for (const KabiRule& rule : input.rules.rules()) {
        const bool applies =
            (rule.type == KabiRuleType::kTypeString && rule.target == key) ||
            ((rule.type == KabiRuleType::kDeclonly || rule.type == KabiRuleType::kByteSize) &&
             rule.target == fqn) ||
            ((rule.type == KabiRuleType::kEnumeratorIgnore ||
              rule.type == KabiRuleType::kEnumeratorValue) &&
             std::string_view(rule.target).starts_with(std::string(fqn) + " "));
        if (!applies) continue;
        std::string cause = fmt::format("rule {} '{}'", KabiRuleTypeName(rule.type), rule.target);
        if (!rule.value.empty() && rule.type != KabiRuleType::kTypeString)
          cause += fmt::format(" = {}", rule.value);
        causes.push_back(std::move(cause));
      }
      for (const KabiConventionUse& use : input.conventions)
        if (use.fqn == fqn) causes.push_back("convention " + use.description);
      std::sort(causes.begin(), causes.end());
      causes.erase(std::unique(causes.begin(), causes.end()), causes.end());
      if (causes.empty())
        causes.push_back("changed by kABI rules or conventions in the types it uses");
      for (const std::string& cause : causes) report += fmt::format("  {}: {}\n", key, cause);
    }
  }
  return report;
}

}  // namespace kcrc
