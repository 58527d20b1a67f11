#include "grammar/sql_text.h"

#include <cstdint>
#include <cstdio>

#include "common/error.h"

namespace eddy::grammar {

namespace {

constexpr const char* kUntranslatableCharacter = "22021";
constexpr const char* kInvalidEscapeSequence = "22025";

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Number of characters (not bytes) in UTF-8 text.
int char_count(std::string_view text) {
  int n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Length of the UTF-8 sequence that `lead` starts (1 for a byte that starts none).
std::size_t sequence_length(unsigned char lead) {
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads exactly `digits` hex digits at body[i..]; returns false when they are not there.
bool read_hex(std::string_view body, std::size_t i, int digits, uint32_t& value) {
  if (i + digits > body.size()) return false;
  value = 0;
  for (int k = 0; k < digits; ++k) {
    int h = hex_value(body[i + k]);
    if (h < 0) return false;
    value = value * 16 + static_cast<uint32_t>(h);
  }
  return true;
}

// Removes the delimiters (`open` characters at the front, one at the back) and collapses
// doubled `quote` characters.
std::string strip_doubled(std::string_view token, std::size_t open, char quote) {
  std::string out;
  if (token.size() < open + 1) return out;
  std::string_view body = token.substr(open, token.size() - open - 1);
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    out += body[i];
    if (body[i] == quote && i + 1 < body.size() && body[i + 1] == quote) ++i;
  }
  return out;
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string unquote_identifier(std::string_view token) { return strip_doubled(token, 1, '"'); }

std::string unquote_string(std::string_view token) { return strip_doubled(token, 1, '\''); }

std::string unquote_dollar_string(std::string_view token) {
  if (token.size() < 4) return {};
  return std::string(token.substr(2, token.size() - 4));
}

std::string unescape_string(std::string_view token, int position) {
  std::string out;
  if (token.size() < 3) return out;
  std::string_view body = token.substr(2, token.size() - 3);  // after E' and before '
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\'') {  // '' inside E'...'
      out += '\'';
      ++i;
      continue;
    }
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'x': {
        uint32_t v = 0;
        int n = 0;
        while (n < 2 && i + 1 < body.size() && hex_value(body[i + 1]) >= 0) {
          v = v * 16 + static_cast<uint32_t>(hex_value(body[++i]));
          ++n;
        }
        if (n == 0) out += 'x'; else out += static_cast<char>(v);
        break;
      }
      case 'u':
      case 'U': {
        int digits = e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        if (!read_hex(body, i + 1, digits, cp) || cp == 0 || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
          int at = position + 2 + char_count(body.substr(0, i - 1));  // the backslash
          throw SqlError(kInvalidEscapeSequence, "invalid Unicode escape", at)
              .with_hint("Unicode escapes must be \\XXXX or \\+XXXXXX.");
        }
        i += static_cast<std::size_t>(digits);
        append_utf8(out, cp);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          uint32_t v = static_cast<uint32_t>(e - '0');
          for (int n = 1; n < 3 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7';
               ++n) {
            v = v * 8 + static_cast<uint32_t>(body[++i] - '0');
          }
          out += static_cast<char>(v & 0xFF);
        } else {
          out += e;  // \\, \', and any other character stand for themselves
        }
    }
  }
  check_utf8(out);  // \xff or \377 alone is not UTF-8
  return out;
}

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c == 0) return i;  // PostgreSQL refuses NUL in text
      ++i;
      continue;
    }
    std::size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

void check_utf8(std::string_view text) {
  std::size_t bad = find_invalid_utf8(text);
  if (bad == std::string_view::npos) return;
  std::string bytes;
  std::size_t end = bad + sequence_length(static_cast<unsigned char>(text[bad]));
  for (std::size_t k = bad; k < text.size() && k < end; ++k) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%s0x%02x", bytes.empty() ? "" : " ",
                  static_cast<unsigned char>(text[k]));
    bytes += hex;
  }
  throw SqlError(kUntranslatableCharacter,
                 "invalid byte sequence for encoding \"UTF8\": " + bytes);
}

}  // namespace eddy::grammar
