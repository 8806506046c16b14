#include "kcrc/kabi/rules.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

constexpr size_t kMinEntrySize = 6;

// Throws an Error located in the object `where` when `ok` is false.
template <typename... Args>
void CheckIn(bool ok, std::string_view where, fmt::format_string<Args...> format, Args&&... args) {
  if (!ok)
    throw Error(Location{std::string(where), 0, {}},
                fmt::format(format, std::forward<Args>(args)...));
}

struct RuleTypeName {
  KabiRuleType type;
  std::string_view name;
};

constexpr RuleTypeName kRuleTypeNames[] = {
    {KabiRuleType::kDeclonly, "declonly"},
    {KabiRuleType::kEnumeratorIgnore, "enumerator_ignore"},
    {KabiRuleType::kEnumeratorValue, "enumerator_value"},
    {KabiRuleType::kByteSize, "byte_size"},
    {KabiRuleType::kTypeString, "type_string"},
};

class FieldReader {
 public:
  FieldReader(std::string_view bytes, std::string_view where) : bytes_(bytes), where_(where) {}
  size_t left() const { return bytes_.size() - pos_; }
  std::string_view Next() {
    CheckIn(left() > 0, where_, "kabi_read_rules: unexpected end of kABI rules");
    size_t end = bytes_.find('\0', pos_);
    if (end == std::string_view::npos) end = bytes_.size();
    std::string_view field = bytes_.substr(pos_, end - pos_);
    pos_ = std::min(end + 1, bytes_.size());
    return field;
  }

 private:
  std::string_view bytes_;
  std::string_view where_;
  size_t pos_ = 0;
};

std::string IndexKey(KabiRuleType type, std::string_view target) {
  std::string key(1, static_cast<char>('0' + static_cast<int>(type)));
  key.append(target);
  return key;
}

}  // namespace

std::string_view KabiRuleTypeName(KabiRuleType type) {
  for (const auto& entry : kRuleTypeNames)
    if (entry.type == type) return entry.name;
  return "?";
}

KabiRules KabiRules::Parse(std::string_view bytes, std::string_view where,
                           const std::function<void(const std::string&)>& warn) {
  KabiRules rules;
  CheckIn(bytes.size() >= kMinEntrySize, where,
          "kabi_read_rules: kABI rule section too small: {} bytes", bytes.size());
  CheckIn(bytes.back() == '\0', where, "kabi_read_rules: kABI rules are not null-terminated");
  FieldReader reader(bytes, where);
  while (reader.left() > kMinEntrySize) {
    std::string_view version = reader.Next();
    CheckIn(version == "1", where, "kabi_read_rules: unsupported kABI rule version: '{}'", version);
    std::string_view type_name = reader.Next();
    const RuleTypeName* type = nullptr;
    for (const auto& entry : kRuleTypeNames)
      if (entry.name == type_name) type = &entry;
    CheckIn(type != nullptr, where, "kabi_read_rules: unsupported kABI rule type: '{}'", type_name);
    std::string_view target = reader.Next();
    std::string_view value = reader.Next();
    const auto index = static_cast<uint32_t>(rules.rules_.size());
    rules.rules_.push_back({type->type, std::string(target), std::string(value), index});
    rules.index_[IndexKey(type->type, target)] = index;  // the last one wins
  }
  if (reader.left() > 0)
    warn(std::string(where) +
         ": kabi_read_rules: unexpected data at the end of the kABI rules section");
  rules.used_.assign(rules.rules_.size(), false);
  return rules;
}

const KabiRule* KabiRules::Find(KabiRuleType type, std::string_view target) const {
  if (target.empty()) return nullptr;
  auto it = index_.find(IndexKey(type, target));
  if (it == index_.end()) return nullptr;
  used_[it->second] = true;
  return &rules_[it->second];
}

bool KabiRules::IsDeclonly(std::string_view fqn) const {
  return Find(KabiRuleType::kDeclonly, fqn) != nullptr;
}

const KabiRule* KabiRules::FindEnumerator(KabiRuleType type, std::string_view enum_fqn,
                                          std::string_view enumerator) const {
  if (enum_fqn.empty() || enumerator.empty()) return nullptr;
  std::string target;
  target.reserve(enum_fqn.size() + 1 + enumerator.size());
  target.append(enum_fqn).append(" ").append(enumerator);
  return Find(type, target);
}

bool KabiRules::IsEnumeratorIgnored(std::string_view enum_fqn, std::string_view enumerator) const {
  return FindEnumerator(KabiRuleType::kEnumeratorIgnore, enum_fqn, enumerator) != nullptr;
}

std::optional<uint64_t> KabiRules::EnumeratorValue(std::string_view enum_fqn,
                                                   std::string_view enumerator) const {
  const KabiRule* rule = FindEnumerator(KabiRuleType::kEnumeratorValue, enum_fqn, enumerator);
  if (rule == nullptr) return std::nullopt;
  return ParseKabiUnsigned(rule->value);
}

std::optional<uint64_t> KabiRules::ByteSize(std::string_view fqn) const {
  const KabiRule* rule = Find(KabiRuleType::kByteSize, fqn);
  if (rule == nullptr) return std::nullopt;
  return ParseKabiUnsigned(rule->value);
}

std::optional<std::string_view> KabiRules::TypeString(std::string_view target) const {
  const KabiRule* rule = Find(KabiRuleType::kTypeString, target);
  if (rule == nullptr) return std::nullopt;
  return std::string_view(rule->value);
}

std::vector<const KabiRule*> KabiRules::Unused() const {
  std::vector<const KabiRule*> unused;
  for (const auto& [key, index] : index_)
    if (!used_[index]) unused.push_back(&rules_[index]);
  std::sort(unused.begin(), unused.end(),
            [](const KabiRule* a, const KabiRule* b) { return a->index < b->index; });
  return unused;
}

uint64_t ParseKabiUnsigned(std::string_view value) {
  const std::string text(value);
  char* end = nullptr;
  errno = 0;
  const unsigned long long parsed = std::strtoull(text.c_str(), &end, 10);
  Check(errno == 0 && end != nullptr && *end == '\0',
        "get_ulong_value: invalid unsigned value '{}'", value);
  return parsed;
}

TokenList ParseTypeString(std::string_view target, std::string_view value) {
  Check(!value.empty(), "type_parse: empty type string override for '{}'", target);
  TokenList tokens;
  std::string text;
  size_t pos = 0;
  while (pos < value.size()) {
    if (!IsTypeRefPrefix(value.substr(pos))) {
      text += value[pos++];
      continue;
    }
    size_t end;
    if (pos + 2 < value.size() && value[pos + 2] == '\'') {
      end = value.find('\'', pos + 3);
      Check(end != std::string_view::npos,
            "type_parse: incomplete {}# type reference for '{}' (string : '{}')", value[pos],
            target, value);
      ++end;
      Check(end - pos > 4, "type_parse: empty {}# type name for '{}' (string: '{}')", value[pos],
            target, value);
    } else {
      end = value.find(' ', pos + 2);
      if (end == std::string_view::npos) end = value.size();
      Check(end - pos > 2, "type_parse: empty {}# type name for '{}' (string: '{}')", value[pos],
            target, value);
    }
    if (!text.empty()) tokens.push_back({std::move(text), false});
    text.clear();
    tokens.push_back({std::string(value.substr(pos, end - pos)), true});
    pos = end;
  }
  if (!text.empty()) tokens.push_back({std::move(text), false});
  return tokens;
}

}  // namespace kcrc
