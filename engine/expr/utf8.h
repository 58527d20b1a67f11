#pragma once
// UTF-8 helpers for the string functions (internal to engine/expr). Text is UTF-8; functions
// that count characters (length, substr, lpad, left, ...) count code points, as PostgreSQL
// does in a UTF8 database. Invalid sequences count one byte per character.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/utf8_encode.h"

namespace eddy::engine::utf8 {

inline bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Length in bytes of the character starting at s[i] (at least 1, never past the end).
inline size_t char_bytes(std::string_view s, size_t i) {
  size_t n = 1;
  while (i + n < s.size() && is_continuation(s[i + n])) ++n;
  return n;
}

inline size_t count(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += is_continuation(c) ? 0 : 1;
  return n;
}

// Byte offset of character number `chars` (0-based), or s.size() when the text is shorter.
inline size_t offset_of(std::string_view s, size_t chars) {
  size_t i = 0;
  while (chars > 0 && i < s.size()) {
    i += char_bytes(s, i);
    --chars;
  }
  return i;
}

// Decodes the character at s[i] (advancing i); malformed bytes decode as themselves.
inline uint32_t decode(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const size_t n = char_bytes(s, i);
  uint32_t cp = b0;
  if (n == 2 && (b0 & 0xE0) == 0xC0) cp = b0 & 0x1F;
  else if (n == 3 && (b0 & 0xF0) == 0xE0) cp = b0 & 0x0F;
  else if (n == 4 && (b0 & 0xF8) == 0xF0) cp = b0 & 0x07;
  else {
    i += 1;
    return b0;
  }
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

inline void encode(uint32_t cp, std::string& out) { append_utf8(out, cp); }

}  // namespace eddy::engine::utf8
