// Reads a record value into a Shape with the grammar table: a recursive
// descent over the flattened text, one construct per keyword.
//
// Where the text alone cannot tell (names may hold spaces), the rules are:
//   * a modifier's or aggregate's name runs to the first " { " (its body);
//   * a base type's name runs to its first attribute; without attributes it
//     is `void` alone (what a missing DW_AT_type renders as), else every
//     word up to the end of the enclosing construct;
//   * a member's, parameter's or enumerator's name is one word, never an
//     attribute.
// A text that does not follow the grammar, or that the shape would not print
// back byte for byte (a number with leading zeros), is opaque.
#include <charconv>

#include "kcrc/shape/shape.h"
#include "kcrc/symtypes/record.h"

namespace kcrc {
namespace {

using grammar::Attribute;
using grammar::Construct;
using grammar::Keyword;

// The text does not follow the grammar (caught by ParseShape).
struct Mismatch {};

// `void` in kVoid.
constexpr std::string_view kVoidName =
    grammar::kVoid.substr(grammar::Lead(Keyword::kBaseType).size() + grammar::kSpace.size());

// Words that end a construct: a name never runs over them.
bool IsStopWord(std::string_view word) {
  return word == grammar::kCloseBody || word == grammar::kCloseParameters ||
         word == grammar::kListComma.substr(1);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Shape Record() {
    Shape shape;
    shape.text = text_;
    if (Word() == grammar::Name(Keyword::kVariable)) {
      Expect(grammar::Lead(Keyword::kVariable));
      shape.form = Shape::Form::kVariable;
    } else {
      shape.form = Shape::Form::kType;
    }
    shape.type = ParseType();
    if (pos_ != text_.size()) throw Mismatch{};
    return shape;
  }

 private:
  std::string_view Rest() const { return text_.substr(pos_); }
  bool Peek(std::string_view s) const { return Rest().starts_with(s); }
  bool Take(std::string_view s) {
    if (!Peek(s)) return false;
    pos_ += s.size();
    return true;
  }
  void Expect(std::string_view s) {
    if (!Take(s)) throw Mismatch{};
  }
  // Two pieces in a row (a linebreak and a brace).
  bool Take(std::string_view a, std::string_view b) {
    if (!Peek(a) || !Rest().substr(a.size()).starts_with(b)) return false;
    pos_ += a.size() + b.size();
    return true;
  }
  void Expect(std::string_view a, std::string_view b) {
    if (!Take(a, b)) throw Mismatch{};
  }

  // The word at `at`: up to a space, an array bound or the end.
  std::string_view WordAt(size_t at) const {
    const size_t end = text_.find_first_of(" [", at);
    return text_.substr(at, (end == std::string_view::npos ? text_.size() : end) - at);
  }
  std::string_view Word() const { return WordAt(pos_); }
  // The word after the space at the cursor, if there is a space.
  std::optional<std::string_view> NextWord() const {
    if (!Peek(" ")) return std::nullopt;
    const size_t end = text_.find(' ', pos_ + 1);
    return text_.substr(pos_ + 1, (end == std::string_view::npos ? text_.size() : end) - pos_ - 1);
  }

  static bool IsAttributeWord(std::string_view word) {
    for (const grammar::NumberFormatInfo& info : grammar::kNumberFormats) {
      if (info.name.empty()) continue;
      if (word.size() > info.name.size() + 2 && word.starts_with(info.name) &&
          word[info.name.size()] == '(' && word.back() == ')')
        return true;
    }
    return false;
  }

  // Canonical unsigned decimal, as the renderer prints it.
  uint64_t Number() {
    const std::string_view rest = Rest();
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    const size_t digits = static_cast<size_t>(end - rest.data());
    if (ec != std::errc() || digits == 0 || (digits > 1 && rest[0] == '0')) throw Mismatch{};
    pos_ += digits;
    return value;
  }

  template <size_t N>
  Attributes ParseAttributes(const Attribute (&order)[N]) {
    Attributes attributes;
    for (Attribute attribute : order) {
      const grammar::NumberFormatInfo& info = grammar::Info(attribute);
      if (!Take(info.prefix)) continue;
      attributes.Add(attribute, Number());
      Expect(info.suffix);
    }
    return attributes;
  }

  // After a modifier's or aggregate's keyword: nothing, or " NAME" up to the
  // body.
  std::string_view ParseNameBeforeBody() {
    if (Peek(" { ")) return {};
    Expect(grammar::kSpace);
    const size_t body = text_.find(" { ", pos_);
    if (body == std::string_view::npos || body == pos_) throw Mismatch{};
    const std::string_view name = text_.substr(pos_, body - pos_);
    pos_ = body;
    return name;
  }

  std::string_view ParseBaseName() {
    const size_t start = pos_ + 1;
    size_t end = pos_;
    while (std::optional<std::string_view> word = NextWord()) {
      if (word->empty() || IsAttributeWord(*word) || IsStopWord(*word)) break;
      pos_ += 1 + word->size();
      end = pos_;
      // `base_type void` without attributes: a missing type; a word after
      // it names the item.
      if (*word == kVoidName && end == start + kVoidName.size() &&
          !(NextWord() && IsAttributeWord(*NextWord())))
        break;
    }
    if (end < start) return {};
    return text_.substr(start, end - start);
  }

  // Right after "{" or "(": the items of a list and its closing brace or
  // parenthesis ("{ }", "{  }" with an empty child, "{ a , b }").
  std::vector<Item> ParseList(std::string_view close, bool* empty_child) {
    std::vector<Item> items;
    Expect(grammar::kLinebreak);
    if (Take(close)) return items;
    if (empty_child && Take(grammar::kLinebreak, close)) {
      *empty_child = true;
      return items;
    }
    while (true) {
      const bool comma = Take(grammar::kListComma, grammar::kLinebreak);
      items.push_back(ParseItem());
      items.back().comma = comma;
      if (Peek(grammar::kListComma)) continue;
      if (Take(grammar::kLinebreak, close)) return items;
      // An item whose cached rendering has no comma (see Item::comma).
      if (!grammar::MaybeKeyword(Word())) throw Mismatch{};
    }
  }
  Body ParseBody() {
    Body body;
    body.items = ParseList(grammar::kCloseBody, &body.empty_child);
    return body;
  }

  Item ParseItem() {
    const std::optional<Keyword> keyword = grammar::MaybeKeyword(Word());
    if (!keyword) throw Mismatch{};
    Item item;
    item.keyword = *keyword;
    Expect(grammar::Lead(*keyword));
    switch (grammar::Info(*keyword).construct) {
      case Construct::kTypedItem:
        item.type = ParseType();
        if (std::optional<std::string_view> word = NextWord();
            word && !word->empty() && !IsAttributeWord(*word) && !IsStopWord(*word)) {
          item.name = *word;
          pos_ += 1 + word->size();
        }
        item.attributes = ParseAttributes(grammar::kItemAttributes);
        return item;
      case Construct::kEnumerator:
        if (std::optional<std::string_view> word = NextWord();
            word && !word->empty() && *word != "=" && !IsStopWord(*word)) {
          item.name = *word;
          pos_ += 1 + word->size();
        }
        if (Take(grammar::kEnumeratorValue)) item.value = Number();
        return item;
      case Construct::kVariantPart:
        item.body = ParseBody();
        return item;
      case Construct::kVariant:
        item.body = ParseBody();
        item.attributes = ParseAttributes(grammar::kVariantAttributes);
        return item;
      default:
        throw Mismatch{};
    }
  }

  Type ParseType() {
    // Nothing: an empty rendering (a kABI-ignored union).
    if (pos_ == text_.size() || Peek(grammar::kSpace)) return Type{NoType{}};
    if (IsTypeRefPrefix(Rest())) {
      size_t end;
      if (pos_ + 2 < text_.size() && text_[pos_ + 2] == '\'') {
        end = text_.find('\'', pos_ + 3);
        if (end == std::string_view::npos) throw Mismatch{};
        ++end;
      } else {
        end = text_.find(' ', pos_);
        if (end == std::string_view::npos) end = text_.size();
      }
      const std::string_view key = text_.substr(pos_, end - pos_);
      pos_ = end;
      return Type{RefType{key}};
    }
    const std::optional<Keyword> keyword = grammar::MaybeKeyword(Word());
    if (!keyword) throw Mismatch{};
    Expect(grammar::Lead(*keyword));
    switch (grammar::Info(*keyword).construct) {
      case Construct::kBase: {
        BaseType base;
        base.name = ParseBaseName();
        base.attributes = ParseAttributes(grammar::kBaseAttributes);
        return Type{std::move(base)};
      }
      case Construct::kModifier: {
        ModifierType modifier;
        modifier.keyword = *keyword;
        modifier.name = ParseNameBeforeBody();
        Expect(grammar::kOpenBody);
        Expect(grammar::kLinebreak);
        modifier.target = ParseType();
        Expect(grammar::kLinebreak, grammar::kCloseBody);
        modifier.attributes = ParseAttributes(grammar::kTypeAttributes);
        return Type{std::move(modifier)};
      }
      case Construct::kAggregate: {
        AggregateType aggregate;
        aggregate.keyword = *keyword;
        aggregate.name = ParseNameBeforeBody();
        Expect(grammar::kOpenBody);
        aggregate.body = ParseBody();
        aggregate.attributes = ParseAttributes(grammar::kTypeAttributes);
        return Type{std::move(aggregate)};
      }
      case Construct::kArray: {
        ArrayType array;
        while (Peek(grammar::Info(grammar::NumberFormat::kSubscript).prefix)) {
          if (Take(grammar::kUnknownBound)) {
            array.bounds.emplace_back();
            continue;
          }
          Expect(grammar::Info(grammar::NumberFormat::kSubscript).prefix);
          array.bounds.emplace_back(Number());
          Expect(grammar::Info(grammar::NumberFormat::kSubscript).suffix);
        }
        Expect(grammar::kOpenBody);
        Expect(grammar::kLinebreak);
        array.element = ParseType();
        Expect(grammar::kLinebreak, grammar::kCloseBody);
        return Type{std::move(array)};
      }
      case Construct::kFunction: {
        FunctionType function;
        function.keyword = *keyword;
        Expect(grammar::kOpenParameters);
        function.parameters = ParseList(grammar::kCloseParameters, nullptr);
        Expect(grammar::kLinebreak);
        Expect(grammar::kReturnArrow);
        function.result = ParseType();
        return Type{std::move(function)};
      }
      case Construct::kUnspecified:
        return Type{UnspecifiedType{}};
      default:
        throw Mismatch{};
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Shape ParseShape(std::string_view text) {
  try {
    Shape shape = Parser(text).Record();
    // What the rules above cannot see (a name split differently but printed
    // the same is harmless; anything else is opaque).
    if (PrintShape(shape) == text) return shape;
  } catch (const Mismatch&) {
  }
  Shape opaque;
  opaque.text = text;
  return opaque;
}

}  // namespace kcrc
