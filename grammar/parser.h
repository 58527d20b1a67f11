#pragma once
// The SQL front door: text in, Eddy's AST out. ANTLR stays behind this header.

#include <string_view>
#include <vector>

#include "grammar/ast.h"

namespace eddy {

// Parses a query string holding zero or more statements separated by ';' (an empty string or
// only white space, comments and ';' gives an empty vector). Each Statement carries its own text
// and 1-based start position.
//
// Throws SqlError with SQLSTATE 42601 and PostgreSQL's message form on the first error:
//   syntax error at or near "STREM"       (position: 1-based offset of that token)
//   syntax error at end of input          (position: one past the last character)
// May be called from any thread; keeps no state between calls.
std::vector<ast::Statement> parse_sql(std::string_view sql);

}  // namespace eddy
