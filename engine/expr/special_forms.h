#pragma once
// Binders for the SQL constructs that are not plain function calls or operators, for the
// planner: they check and unify operand types PostgreSQL's way and build the BoundKind nodes
// the evaluator knows (Case, InList, IsNull, And/Or). CAST, COALESCE, NULLIF, GREATEST and
// LEAST go through bind_cast / bind_function; NOT LIKE through bind_operator("not like").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expression.h"

namespace eddy::engine {

// An untyped string literal ('abc'): a text Constant with unknown_literal set.
BoundExprPtr make_unknown_literal(std::string text, int position = 0);

// CASE WHEN c1 THEN r1 ... [ELSE e] END. Conditions must be boolean (an unknown literal is read
// as one; anything else: 42804 "argument of CASE/WHEN must be type boolean, not type integer");
// results are brought to their common type (42804 "CASE types integer and text cannot be
// matched"); all-unknown results are text. For CASE x WHEN v ..., pass conditions built with
// bind_operator("=", {x->clone(), v}).
BoundExprPtr bind_case(std::vector<BoundExprPtr> conditions, std::vector<BoundExprPtr> results,
                       BoundExprPtr else_result, int position);

// x [NOT] IN (items...): the operands are unified as for `=`; 42883 when they do not compare.
BoundExprPtr bind_in_list(BoundExprPtr lhs, std::vector<BoundExprPtr> items, bool negated, int position);

// x IS [NOT] NULL.
BoundExprPtr bind_is_null(BoundExprPtr arg, bool negated, int position);

// x [NOT] BETWEEN lo AND hi, as (x >= lo AND x <= hi), negated (x < lo OR x > hi).
BoundExprPtr bind_between(BoundExprPtr x, BoundExprPtr lo, BoundExprPtr hi, bool negated, int position);

// Arrays (fn_array_ops.cpp): ARRAY[items] (their common type; 0A000 for nested arrays);
// array[i] (NULL outside the bounds; 42804 for a non-array); array || array, array || element,
// element || array; x op ANY|ALL (array) for = <> < <= > >= (elements are read as x's type).
BoundExprPtr bind_array_constructor(std::vector<BoundExprPtr> items, int position);
BoundExprPtr bind_subscript(BoundExprPtr array, BoundExprPtr index, int position);
BoundExprPtr bind_array_concat(BoundExprPtr left, BoundExprPtr right, int position);
BoundExprPtr bind_array_any_all(std::string_view op, bool all, BoundExprPtr lhs, BoundExprPtr array, int position);

// A WHERE / HAVING / ON / JOIN condition: must be boolean (unknown literals are read as one,
// NULL becomes a boolean NULL). Throws 42804 "argument of WHERE must be type boolean, not type
// integer" with `clause` naming the construct.
BoundExprPtr coerce_to_boolean(BoundExprPtr arg, std::string_view clause, int position);

// now(), current_timestamp, current_date, localtimestamp read this clock. By default it is the
// wall clock at bind time; a statement that binds several expressions can pin one value for
// all of them (PostgreSQL: now() is the transaction's start time) by holding a
// StatementTimeScope on the binding thread.
class StatementTimeScope {
 public:
  explicit StatementTimeScope(int64_t micros_since_epoch);
  StatementTimeScope();  // pins the current wall clock
  ~StatementTimeScope();
  StatementTimeScope(const StatementTimeScope&) = delete;
  StatementTimeScope& operator=(const StatementTimeScope&) = delete;

 private:
  std::optional<int64_t> previous_;
};
int64_t statement_time_micros();

}  // namespace eddy::engine
