#pragma once
// The operator families (internal to engine/expr). bind_operator() resolves unknown literals
// first and then asks each family; a family binder returns nullptr, leaving `args` untouched,
// when the operand types are not its own.

#include <string_view>
#include <vector>

#include "engine/expression.h"

namespace eddy::engine::ops {

using Args = std::vector<BoundExprPtr>;

// + - * / % over numeric types (fn_arithmetic.cpp); op is one of "+-*/%".
BoundExprPtr bind_numeric_arithmetic(char op, Args& args, int position);
// Unary minus over numbers and intervals, unary plus over numbers (fn_arithmetic.cpp).
BoundExprPtr bind_unary_sign(char op, Args& args, int position);
// timestamp/date/interval arithmetic (fn_datetime_arith.cpp); op is one of "+-*/".
BoundExprPtr bind_datetime_arithmetic(char op, Args& args, int position);
// = <> < <= > >= (op already normalized, "!=" as "<>") and IS [NOT] DISTINCT FROM
// (fn_comparison.cpp).
BoundExprPtr bind_comparison(std::string_view op, Args& args, int position);
BoundExprPtr bind_distinct(bool not_distinct, Args& args, int position);
// IS [NOT] TRUE / FALSE / UNKNOWN over a boolean (fn_comparison.cpp); `op` is the full name.
BoundExprPtr bind_bool_test(std::string_view op, Args& args, int position);
// text || text, and text || anything-else through its text form (fn_string.cpp).
BoundExprPtr bind_concat_operator(Args& args, int position);
// LIKE / ILIKE (optionally negated, optional escape argument) and the regex match
// operators ~ ~* !~ !~* (fn_pattern.cpp); `op` is the normalized name.
BoundExprPtr bind_like(std::string_view op, Args& args, int position);
BoundExprPtr bind_regex(std::string_view op, Args& args, int position);
// & | # << >> over integers (fn_bitwise.cpp).
BoundExprPtr bind_bitwise(std::string_view op, Args& args, int position);

}  // namespace eddy::engine::ops
