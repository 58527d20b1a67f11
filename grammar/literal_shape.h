#pragma once
// The shape of a one-statement query string: its text with every integer and '...' string
// literal replaced by a marker, and where those literals are. Two strings of one shape lex into
// the same token types in the same order (only the literals' contents differ), so they parse
// into the same tree but for those literals' values and the positions after them: what the
// parse cache (parse_cache.h) relies on.
//
// A small hand-written scanner that follows Eddy.g4's lexer rules for what it accepts and
// refuses (nullopt) everything it is not sure to lex exactly as ANTLR does: comments, decimal
// numbers, E'...', $$...$$, a quote right after a word, control characters, more than one
// statement, unterminated quotes, texts over kMaxShapeBytes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eddy::grammar {

inline constexpr size_t kMaxShapeBytes = 4096;

struct LiteralToken {
  enum class Kind { Integer, String };
  Kind kind = Kind::Integer;
  size_t begin = 0;   // bytes [begin, end) of the token, quotes included
  size_t end = 0;
  int position = 0;   // 1-based character offset of its first character (AST positions)
  int chars = 0;      // its length in characters
};

struct LiteralShape {
  std::string key;  // the text, each literal replaced by "\x01I" or "\x01S"
  std::vector<LiteralToken> literals;
  // The statement's own text (bytes [begin, end)): from its first character to its last,
  // without surrounding white space and the trailing ';'. `position`: the 1-based character
  // offset of `begin`.
  size_t begin = 0;
  size_t end = 0;
  int position = 0;
};

// The shape of `sql`, or nullopt when the scanner does not take it (see above). `sql` must be
// valid UTF-8 (positions count code points).
std::optional<LiteralShape> literal_shape(std::string_view sql);

}  // namespace eddy::grammar
