#pragma once
// UTF-8 validation of text arriving from clients. Eddy's server encoding is UTF8 and, like
// PostgreSQL, it verifies every string a client sends (SQL text, names, text-format parameters,
// COPY data) so that nothing downstream ever holds an invalid byte sequence.

#include <cstddef>
#include <string_view>

namespace eddy::protocol {

// SQLSTATE 22021 character_not_in_repertoire, PostgreSQL's code for invalid encoding.
inline constexpr const char* kCharacterNotInRepertoire = "22021";

// Length of the valid prefix of `s`: s.size() when all of it is well-formed UTF-8 (no overlong
// forms, no surrogates, nothing above U+10FFFF, no NUL byte). Cost: one pass, ASCII fast path.
size_t valid_utf8_prefix(std::string_view s);
inline bool is_valid_utf8(std::string_view s) { return valid_utf8_prefix(s) == s.size(); }

// Throws SqlError 22021 `invalid byte sequence for encoding "UTF8": 0xc3 0x28` (PostgreSQL's
// wording) unless `s` is valid.
void check_utf8(std::string_view s);

}  // namespace eddy::protocol
