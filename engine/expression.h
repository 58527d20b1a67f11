#pragma once
// Bound scalar expressions and their vectorized evaluation.
//
// The planner turns AST expressions into BoundExprs: names are resolved to input column indexes,
// every node has its result type, and every function or operator has been resolved to one
// implementation. Evaluation runs a whole Batch at a time: each node produces one Column, and
// the per-row loops inside an implementation are typed and free of virtual calls and
// allocation (strings aside).
//
// NULL handling follows SQL: most functions are strict (NULL in, NULL out); AND/OR use
// three-valued logic; CASE/COALESCE evaluate lazily by row selection.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/column.h"
#include "common/type.h"
#include "common/value.h"

namespace eddy::engine {

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;
struct SubqueryPlan;  // engine/relation_plan.h

// The values of the outer row a correlated subquery is running for: the subquery's OuterRef
// nodes read them, the Subquery node of the outer query fills them row by row.
using OuterSlots = std::shared_ptr<std::vector<Value>>;

// A resolved scalar implementation: reads `args` and appends exactly `rows` values to `out`,
// whose type is already set to the call's result type. Each argument has either `rows` rows or
// exactly ONE row that stands for every row (a constant argument, broadcast without copying:
// `col + 1`, `col = 'a'`); when every argument is constant the evaluator calls with rows == 1
// and the result is constant too. engine/expr/kernel_util.h has the helpers (In<T>,
// prepare_output) that hide the difference.
using ScalarFn = void (*)(const std::vector<const Column*>& args, size_t rows, Column& out);

enum class BoundKind {
  Constant,   // value
  ColumnRef,  // column: index into the input batch
  Call,       // fn over children (operators, functions and casts all end up here)
  And,        // children, three-valued logic
  Or,         // children, three-valued logic
  Not,        // children[0]
  IsNull,     // children[0]; negated for IS NOT NULL
  Case,       // children: [when1, then1, when2, then2, ..., else?]; has_else says if last is ELSE
  Coalesce,   // children
  InList,     // children[0] IN (children[1..]); negated for NOT IN
  OuterRef,   // slots[column]: a column of the enclosing query's current row (correlation)
  Subquery,   // subquery runs over children = [tested operand?, correlation values...]
};

struct BoundExpr {
  BoundKind kind = BoundKind::Constant;
  Type type;
  int position = 0;  // 1-based offset in the statement, for runtime errors

  Value value;                          // Constant
  bool unknown_literal = false;         // Constant: an untyped string literal ('...'), which
                                        // takes the type its context needs (PostgreSQL's unknown)
  int parameter = 0;                    // Constant: the $n it stands for (0: none); see
                                        // expr/parameter_types.h
  int column = -1;                      // ColumnRef
  ScalarFn fn = nullptr;                // Call
  std::string name;                     // Call: the function or operator name, for EXPLAIN;
                                        // ColumnRef: the column's name; Constant: the output
                                        // column name it implies, if any (expr/column_name.h)
  std::vector<BoundExprPtr> children;
  bool negated = false;                 // IsNull, InList
  bool has_else = false;                // Case
  OuterSlots slots;                     // OuterRef
  std::shared_ptr<const SubqueryPlan> subquery;  // Subquery (immutable, shared by clones)

  BoundExprPtr clone() const;
  // Renders the expression for EXPLAIN and for default column names.
  std::string to_string() const;
};

// More binders (CASE, IN, IS NULL, BETWEEN, boolean conditions, the statement clock) are in
// engine/expr/special_forms.h; PostgreSQL's default output column names in
// engine/expr/column_name.h.
BoundExprPtr make_constant(Value v);
BoundExprPtr make_column_ref(int column, Type type, std::string name = {});

// Resolves a function call by name (lower case) over bound arguments, PostgreSQL's way:
// implicit numeric widening (int2 < int4 < int8 < numeric < float8), unknown literals adopt
// the type the overload needs. Throws SqlError 42883 "function f(bigint, text) does not exist"
// naming the argument types, with `position`. Aggregates are not handled here (the planner
// does them); neither are WINDOW()/SESSION_WINDOW().
BoundExprPtr bind_function(std::string_view name, std::vector<BoundExprPtr> args, int position);

// Resolves an operator ("+", "-", "*", "/", "%", "||", "=", "<>", "<", "<=", ">", ">=",
// "and", "or", "not", unary "-"/"+", "like", "ilike", "~", "~*", "!~", "!~*"), including
// timestamp/interval arithmetic. Throws 42883 "operator does not exist: text + integer".
BoundExprPtr bind_operator(std::string_view op, std::vector<BoundExprPtr> args, int position);

// CAST(x AS t) / x::t. Throws 42846 "cannot cast type X to Y" when no cast exists. Casting an
// unknown literal parses its text as the target type at bind time (errors 22P02 etc.).
BoundExprPtr bind_cast(BoundExprPtr arg, Type target, int position);

// Implicit assignment coercion (INSERT values into a column of type `target`): numeric
// widening/narrowing with range checks, unknown literals parsed, text to varchar(n) checked.
// Throws 42804 "column \"c\" is of type bigint but expression is of type text" when the types
// do not fit; `column_name` is used in that message.
BoundExprPtr coerce_to(BoundExprPtr arg, Type target, std::string_view column_name, int position);

// The type both sides are brought to for comparison / CASE / UNION / COALESCE, or throws 42804.
Type common_supertype(Type a, Type b, int position);

// Evaluates over a batch; the result has batch.rows() rows. Runtime errors (division by zero
// 22012, out of range 22003, bad casts 22P02) throw SqlError.
Column evaluate(const BoundExpr& expr, const Batch& batch);
// Evaluates an expression that reads no columns (a constant folding helper).
Value evaluate_constant(const BoundExpr& expr);
// Evaluates a boolean predicate; returns the indexes of rows where it is TRUE (not NULL).
std::vector<uint32_t> evaluate_filter(const BoundExpr& predicate, const Batch& batch);

}  // namespace eddy::engine
