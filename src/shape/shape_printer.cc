// Writes a Shape back as the renderer flattens it (grammar.h): the inverse
// of shape_parser.cc.
#include <fmt/format.h>

#include "kcrc/shape/shape.h"

namespace kcrc {
namespace {

using grammar::Keyword;

class Printer {
 public:
  explicit Printer(std::string& out) : out_(out) {}

  void Print(const Type& type) {
    std::visit([this](const auto& node) { PrintNode(node); }, type.node);
  }

  void PrintItem(const Item& item) {
    out_ += grammar::Lead(item.keyword);
    switch (grammar::Info(item.keyword).construct) {
      case grammar::Construct::kTypedItem:
        Print(*item.type);
        Name(item.name);
        break;
      case grammar::Construct::kEnumerator:
        Name(item.name);
        if (item.value) {
          out_ += grammar::kEnumeratorValue;
          Number(grammar::NumberFormat::kPlain, *item.value);
        }
        break;
      default:  // variant parts and variants: the lead holds the brace
        PrintBody(item.body);
        break;
    }
    PrintAttributes(item.attributes);
  }

 private:
  void Name(std::string_view name) {
    if (name.empty()) return;
    out_ += grammar::kSpace;
    out_ += name;
  }
  void Number(grammar::NumberFormat format, uint64_t value) {
    const grammar::NumberFormatInfo& info = grammar::Info(format);
    fmt::format_to(std::back_inserter(out_), "{}{}{}", info.prefix, value, info.suffix);
  }
  void PrintAttributes(const Attributes& attributes) {
    for (size_t i = 0; i < attributes.size(); ++i) Number(attributes.name(i), attributes.value(i));
  }
  // The inside of a body or a parameter list, from after its opening
  // brace or parenthesis to its closing one: "{ }", "{  }", "{ a , b }".
  void PrintList(const std::vector<Item>& items, bool empty_child, std::string_view close) {
    out_ += grammar::kLinebreak;
    if (empty_child) out_ += grammar::kLinebreak;
    for (const Item& item : items) {
      if (item.comma) {
        out_ += grammar::kListComma;
        out_ += grammar::kLinebreak;
      }
      PrintItem(item);
    }
    if (!items.empty()) out_ += grammar::kLinebreak;
    out_ += close;
  }
  void PrintBody(const Body& body) { PrintList(body.items, body.empty_child, grammar::kCloseBody); }
  void Braced(const Type& inner) {
    out_ += grammar::kOpenBody;
    out_ += grammar::kLinebreak;
    Print(inner);
    out_ += grammar::kLinebreak;
    out_ += grammar::kCloseBody;
  }

  void PrintNode(const RefType& ref) { out_ += ref.key; }
  void PrintNode(const BaseType& base) {
    out_ += grammar::Lead(Keyword::kBaseType);
    Name(base.name);
    PrintAttributes(base.attributes);
  }
  void PrintNode(const ModifierType& modifier) {
    out_ += grammar::Lead(modifier.keyword);
    Name(modifier.name);
    Braced(*modifier.target);
    PrintAttributes(modifier.attributes);
  }
  void PrintNode(const AggregateType& aggregate) {
    out_ += grammar::Lead(aggregate.keyword);
    Name(aggregate.name);
    out_ += grammar::kOpenBody;
    PrintBody(aggregate.body);
    PrintAttributes(aggregate.attributes);
  }
  void PrintNode(const ArrayType& array) {
    out_ += grammar::Lead(Keyword::kArrayType);
    for (const std::optional<uint64_t>& bound : array.bounds) {
      if (bound)
        Number(grammar::NumberFormat::kSubscript, *bound);
      else
        out_ += grammar::kUnknownBound;
    }
    Braced(*array.element);
  }
  void PrintNode(const FunctionType& function) {
    out_ += grammar::Lead(function.keyword);
    out_ += grammar::kOpenParameters;
    PrintList(function.parameters, false, grammar::kCloseParameters);
    out_ += grammar::kLinebreak;
    out_ += grammar::kReturnArrow;
    Print(*function.result);
  }
  void PrintNode(const UnspecifiedType&) { out_ += grammar::Lead(Keyword::kUnspecifiedType); }
  void PrintNode(const NoType&) {}

  std::string& out_;
};

}  // namespace

std::string PrintType(const Type& type) {
  std::string out;
  Printer(out).Print(type);
  return out;
}

std::string PrintItem(const Item& item) {
  std::string out;
  Printer(out).PrintItem(item);
  return out;
}

std::string PrintShape(const Shape& shape) {
  switch (shape.form) {
    case Shape::Form::kOpaque:
      return std::string(shape.text);
    case Shape::Form::kVariable:
      return std::string(grammar::Lead(Keyword::kVariable)) + PrintType(shape.type);
    case Shape::Form::kType:
      break;
  }
  return PrintType(shape.type);
}

}  // namespace kcrc
