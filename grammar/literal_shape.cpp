#include "grammar/literal_shape.h"

namespace eddy::grammar {

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
// IDENT_START and IDENT_CONT of Eddy.g4 (every byte of a non-ASCII character counts).
bool is_ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool is_ident_cont(unsigned char c) { return is_ident_start(c) || is_digit(c) || c == '$'; }
bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::optional<LiteralShape> literal_shape(std::string_view sql) {
  if (sql.size() > kMaxShapeBytes) return std::nullopt;
  LiteralShape out;
  out.key.reserve(sql.size());
  const size_t n = sql.size();
  int chars = 0;  // characters before byte i
  auto char_span = [&](size_t from, size_t to) {
    int k = 0;
    for (size_t j = from; j < to; ++j) k += is_continuation(static_cast<unsigned char>(sql[j])) ? 0 : 1;
    return k;
  };
  bool started = false;
  bool ended = false;  // a ';' was seen: only white space may follow
  size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(sql[i]);
    if (is_space(c)) {
      out.key.push_back(static_cast<char>(c));
      ++i;
      ++chars;
      continue;
    }
    if (ended) return std::nullopt;
    if (c < 0x20 || c == 0x7F) return std::nullopt;  // control characters (and so the marker)
    if (!started) {
      started = true;
      out.begin = i;
      out.position = chars + 1;
    }
    size_t j = i + 1;
    if (c == ';') {
      ended = true;
      out.key.push_back(';');
      ++i;
      ++chars;
      continue;
    }
    if ((c == '-' && j < n && sql[j] == '-') || (c == '/' && j < n && sql[j] == '*')) return std::nullopt;
    if (c == '\'' || c == '"') {  // a '...' literal or a "quoted" identifier: doubled quotes inside
      for (;;) {
        while (j < n && static_cast<unsigned char>(sql[j]) != c) ++j;
        if (j >= n) return std::nullopt;  // unterminated
        if (j + 1 < n && static_cast<unsigned char>(sql[j + 1]) == c) {
          j += 2;
          continue;
        }
        ++j;
        break;
      }
      const int length = char_span(i, j);
      if (c == '\'') {
        out.literals.push_back({LiteralToken::Kind::String, i, j, chars + 1, length});
        out.key += "\x01S";
      } else {
        out.key.append(sql.substr(i, j - i));
      }
    } else if (c == '$') {
      if (j >= n || !is_digit(static_cast<unsigned char>(sql[j]))) return std::nullopt;  // $$...$$
      while (j < n && is_digit(static_cast<unsigned char>(sql[j]))) ++j;
      out.key.append(sql.substr(i, j - i));
    } else if (is_ident_start(c)) {
      while (j < n && is_ident_cont(static_cast<unsigned char>(sql[j]))) ++j;
      if (j < n && sql[j] == '\'') return std::nullopt;  // E'...', or a word right before a quote
      out.key.append(sql.substr(i, j - i));
    } else if (is_digit(c)) {
      while (j < n && is_digit(static_cast<unsigned char>(sql[j]))) ++j;
      if (j < n) {
        const unsigned char next = static_cast<unsigned char>(sql[j]);
        if (next == '.' || next == 'e' || next == 'E' || is_ident_cont(next) || next == '\'') return std::nullopt;
      }
      out.literals.push_back({LiteralToken::Kind::Integer, i, j, chars + 1, static_cast<int>(j - i)});
      out.key += "\x01I";
    } else if (c == '.' && j < n && is_digit(static_cast<unsigned char>(sql[j]))) {
      return std::nullopt;  // .5
    } else {
      while (j < n && is_continuation(static_cast<unsigned char>(sql[j]))) ++j;
      out.key.append(sql.substr(i, j - i));
    }
    chars += char_span(i, j);
    out.end = j;
    i = j;
  }
  if (!started || out.end == 0) return std::nullopt;
  return out;
}

}  // namespace eddy::grammar
