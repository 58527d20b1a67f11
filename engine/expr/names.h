#pragma once
// How Call nodes are told apart by their `name` (internal to engine/expr): casts, operators
// (rendered infix / prefix / postfix by to_string, named "?column?") and functions.

#include <string_view>

namespace eddy::engine::names {

inline constexpr std::string_view kCast = "::";                  // CAST(x AS t), x::t
inline constexpr std::string_view kImplicitCast = "::implicit";  // inserted by type resolution

inline bool is_cast(std::string_view name) { return name == kCast || name == kImplicitCast; }

// Keyword operators: LIKE family, IS [NOT] DISTINCT FROM, IS [NOT] TRUE/FALSE/UNKNOWN.
inline bool is_keyword_operator(std::string_view n) {
  return n == "like" || n == "ilike" || n == "not like" || n == "not ilike" || n == "is distinct from" ||
         n == "is not distinct from" || n.substr(0, 3) == "is ";
}

// Symbolic names (+, =, ||, ~*, unary -) and keyword operators.
inline bool is_operator(std::string_view n) {
  if (n.empty()) return false;
  const char c = n[0];
  const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return !word || is_keyword_operator(n);
}

// Postfix operators: IS TRUE, IS NOT FALSE, ...
inline bool is_postfix(std::string_view n) {
  return n.substr(0, 3) == "is " && n != "is distinct from" && n != "is not distinct from";
}

}  // namespace eddy::engine::names
