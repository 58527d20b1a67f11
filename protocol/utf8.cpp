#include "protocol/utf8.h"

#include <cstdint>
#include <cstdio>
#include <string>

#include "common/error.h"

namespace eddy::protocol {

namespace {

// Length of the well-formed sequence starting at s[i], or 0 when it is not one (RFC 3629 table).
size_t sequence_length(std::string_view s, size_t i) {
  auto at = [&](size_t k) -> unsigned { return static_cast<uint8_t>(s[i + k]); };
  auto cont = [&](size_t k) { return i + k < s.size() && (at(k) & 0xC0) == 0x80; };
  unsigned b = at(0);
  if (b == 0) return 0;
  if (b < 0x80) return 1;
  if (b < 0xC2) return 0;  // continuation byte or overlong 2-byte lead
  if (b < 0xE0) return cont(1) ? 2 : 0;
  if (b < 0xF0) {
    if (!cont(1) || !cont(2)) return 0;
    if (b == 0xE0 && at(1) < 0xA0) return 0;   // overlong
    if (b == 0xED && at(1) >= 0xA0) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (b < 0xF5) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (b == 0xF0 && at(1) < 0x90) return 0;   // overlong
    if (b == 0xF4 && at(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

size_t valid_utf8_prefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // ASCII fast path: eight bytes at a time while none has the high bit or is NUL.
    while (i + 8 <= s.size()) {
      uint64_t w = 0;
      for (int k = 0; k < 8; ++k) w |= uint64_t(static_cast<uint8_t>(s[i + k])) << (8 * k);
      bool has_zero = ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0;
      if ((w & 0x8080808080808080ULL) != 0 || has_zero) break;
      i += 8;
    }
    if (i >= s.size()) break;
    size_t n = sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return s.size();
}

void check_utf8(std::string_view s) {
  size_t bad = valid_utf8_prefix(s);
  if (bad == s.size()) return;
  std::string bytes;
  // PostgreSQL shows the bytes of the offending character, at most the length its lead announces.
  unsigned lead = static_cast<uint8_t>(s[bad]);
  size_t show = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  for (size_t k = 0; k < show && bad + k < s.size(); ++k) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%s0x%02x", k ? " " : "", static_cast<uint8_t>(s[bad + k]));
    bytes += hex;
  }
  throw SqlError(kCharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\": " + bytes);
}

}  // namespace eddy::protocol
