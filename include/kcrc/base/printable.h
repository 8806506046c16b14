// Text that is safe to print on a terminal or in a log: messages never carry
// raw bytes of an input (an ELF file given as symtypes would otherwise write
// escape sequences to the terminal).
//
// RULES: valid UTF-8 is kept as it is, except control characters. Every
// byte of a control character (U+0000..U+001F, U+007F..U+009F) and every
// byte that is not part of a valid UTF-8 sequence (a stray continuation
// byte, a truncated or overlong sequence, a surrogate, a code point above
// U+10FFFF) becomes `\xNN` (lower-case hex). A backslash is kept as it is.
#pragma once

#include <string>
#include <string_view>

namespace kcrc {

std::string Printable(std::string_view text);

// Whether Printable(text) == text.
bool IsPrintable(std::string_view text);

}  // namespace kcrc
