#pragma once
// Lexical helpers of the grammar: identifier folding, the decoding of string literals and
// UTF-8 validation. Pure functions over text, no ANTLR; internal to grammar/.

#include <cstddef>
#include <string>
#include <string_view>

namespace eddy::grammar {

// ASCII lower case; other bytes unchanged (PostgreSQL folds only ASCII letters in UTF8).
std::string ascii_lower(std::string_view text);

// The name of a "quoted" identifier token: quotes removed, "" turned into ".
std::string unquote_identifier(std::string_view token);

// The value of a '...' token: quotes removed, '' turned into '.
std::string unquote_string(std::string_view token);

// The value of an E'...' token: backslash escapes (\n \t \b \f \r \\ \' \ooo \xhh \uXXXX
// \UXXXXXXXX) and '' decoded. Throws SqlError 22025 for a bad Unicode escape (at its position;
// `position` is the token's) and 22021 when the result is not valid UTF-8.
std::string unescape_string(std::string_view token, int position);

// The value of a $$...$$ token: taken literally.
std::string unquote_dollar_string(std::string_view token);

// Byte offset of the first invalid UTF-8 sequence in `text`, or npos when it is all valid.
std::size_t find_invalid_utf8(std::string_view text);

// Throws SqlError 22021 (PostgreSQL's `invalid byte sequence for encoding "UTF8": 0x..`) when
// `text` is not valid UTF-8.
void check_utf8(std::string_view text);

}  // namespace eddy::grammar
