#include "kcrc/modversions/c_source.h"

#include <fmt/format.h>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

// A C string literal body: printable ASCII stays, anything else becomes a
// three-digit octal escape (which cannot swallow the next character).
std::string EscapeC(std::string_view text) {
  std::string out;
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte == '"' || byte == '\\' || byte == '?' || byte < 0x20 || byte >= 0x7f) {
      out += fmt::format("\\{:03o}", byte);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Text safe inside a /* */ comment.
std::string CommentText(std::string_view text) {
  std::string out;
  char previous = '\0';
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (previous == '*' && c == '/') out.push_back(' ');
    out.push_back(byte < 0x20 || byte >= 0x7f ? '?' : c);
    previous = c;
  }
  return out;
}

// The literal of a hashed name field: the tag, its NUL and the digest bytes as
// hex escapes (each ends at the next backslash or at the closing quote).
std::string HashedLiteral(std::string_view name) {
  std::string out(kHashedNameTag);
  out += "\\0";
  for (uint8_t byte : DigestOfSymbolName(name)) out += fmt::format("\\x{:02x}", byte);
  return out;
}

void WriteBasic(std::string& out, std::span<const ImportVersion> symbols, uint32_t bits,
                bool extended_too) {
  out += "\nstatic const struct modversion_info ____versions[]\n";
  out += "__attribute__((__used__, __section__(\"__versions\"))) = {\n";
  for (const ImportVersion& symbol : symbols) {
    if (!IsOverLong(symbol.name, bits)) {
      out += fmt::format("\t{{ 0x{:08x}, \"{}\" }},\n", symbol.crc, EscapeC(symbol.name));
    } else if (!extended_too) {
      out += fmt::format("\t{{ 0x{:08x}, \"{}\" }}, /* {} */\n", symbol.crc,
                         HashedLiteral(symbol.name), CommentText(symbol.name));
    }
  }
  out += "};\n";
}

void WriteExtended(std::string& out, std::span<const ImportVersion> symbols) {
  out += "\nstatic const unsigned int ____version_ext_crcs[]\n";
  out += "__attribute__((__used__, __section__(\"__version_ext_crcs\"))) = {\n";
  for (const ImportVersion& symbol : symbols) out += fmt::format("\t0x{:08x},\n", symbol.crc);
  out += "};\n";
  out += "static const char ____version_ext_names[]\n";
  out += "__attribute__((__used__, __section__(\"__version_ext_names\"))) =\n";
  // Like modpost: one literal per name, so the array ends with an extra NUL.
  for (const ImportVersion& symbol : symbols)
    out += fmt::format("\t\"{}\\0\"\n", EscapeC(symbol.name));
  if (symbols.empty()) out += "\t\"\"\n";  // modpost would write `= ;`, which is not C
  out += ";\n";
}

}  // namespace

std::string WriteVersionsSource(std::span<const ImportVersion> symbols, uint32_t bits,
                                TableSelection tables) {
  Check(bits == 32 || bits == 64, "unsupported word size {}", bits);
  Check(tables.basic || tables.extended, "no version table selected");
  std::string out = fmt::format(
      "/* Version tables of a module, written by kcrc modversions for a {0}-bit target.\n"
      " * Self-contained: compile with `gcc -c` (no kernel headers needed). */\n"
      "\n"
      "_Static_assert(sizeof(unsigned long) == {1} && sizeof(unsigned int) == 4,\n"
      "               \"written for a {0}-bit target (see kcrc modversions --target-bits)\");\n",
      bits, bits / 8);
  if (tables.basic) {
    out +=
        "\nstruct modversion_info {\n"
        "\tunsigned long crc;\n"
        "\tchar name[64 - sizeof(unsigned long)];\n"
        "};\n";
    WriteBasic(out, symbols, bits, tables.extended);
  }
  if (tables.extended) WriteExtended(out, symbols);
  return out;
}

}  // namespace kcrc
