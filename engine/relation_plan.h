#pragma once
// Batch relational plans: what an ad-hoc SELECT with joins, subqueries, set operations,
// set-returning and window functions becomes. Each node produces its whole result as one Batch
// (ad-hoc queries read tables, views and system catalogs, whose contents fit in memory); the
// single-input stages (filter, aggregation, projection, DISTINCT, ORDER BY, LIMIT) are the
// QueryPlan that materialized views also use.
//
//   Scan ─┐
//   Scan ─┴► Join ─► Query ─► SetOp ─► Query ...      subqueries in expressions: SubqueryPlan
//
// Nodes are immutable once planned, except Scan's per-statement cache: a plan is executed by
// one thread, for one statement.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/column.h"
#include "engine/expression.h"
#include "engine/query_plan.h"

namespace eddy::engine {

struct RelNode;
using RelNodePtr = std::unique_ptr<RelNode>;

enum class JoinKind { Inner, Left, Right, Full };
enum class SetOpKind { Union, Intersect, Except };
enum class WindowFunction { RowNumber, Rank, DenseRank };

// A table function (FROM generate_series(1, 3), unnest(a)) or a set-returning call in a
// select list: the rows for one set of argument values. `types` are the output columns.
using TableFunction = Batch (*)(const std::vector<Value>& args, const std::vector<Type>& types);

struct SetReturningCall {
  TableFunction fn = nullptr;
  std::vector<BoundExprPtr> args;  // over the node's input (ProjectSet) or no columns (Function)
  std::vector<Type> types;
};

struct WindowCall {
  WindowFunction function = WindowFunction::RowNumber;
  std::vector<BoundExprPtr> partition_by;  // over the input
  std::vector<BoundExprPtr> order_by;      // over the input
  std::vector<SortKey> order;              // order[k].output indexes order_by
};

struct RelNode {
  enum class Kind {
    Scan,        // read(): a relation's rows, read once per statement
    OneRow,      // one row of no columns (SELECT without FROM)
    Join,        // left x right where condition; equi keys hashed
    Query,       // plan over input
    SetOp,       // left op right (columns already of the same types)
    Function,    // a table function in FROM
    ProjectSet,  // input rows, each repeated for the rows its set-returning calls produce
    Window,      // input columns plus one column per window call
  };
  Kind kind = Kind::OneRow;
  std::vector<Type> types;  // the output columns

  // Scan
  std::function<Batch()> read;
  mutable std::optional<Batch> cache;

  // Join (left, right), SetOp (left, right)
  RelNodePtr left, right;
  JoinKind join = JoinKind::Inner;
  BoundExprPtr condition;  // over left ++ right columns; null for a cross join
  // Equality conjuncts split out of `condition` for hashing (filled by make_join):
  std::vector<BoundExprPtr> left_keys;   // over left's columns
  std::vector<BoundExprPtr> right_keys;  // over right's columns
  BoundExprPtr residual;                 // the rest of the condition, over left ++ right
  SetOpKind set_op = SetOpKind::Union;
  bool all = false;

  // Query, ProjectSet, Window
  RelNodePtr input;
  QueryPlan plan;
  std::vector<SetReturningCall> calls;  // Function (exactly one), ProjectSet
  std::vector<WindowCall> windows;
};

// Builds a join node, splitting `condition` into hashable equality keys and a residual.
RelNodePtr make_join(RelNodePtr left, RelNodePtr right, JoinKind kind, BoundExprPtr condition);

// Splits a condition at its top-level ANDs.
void split_conjunction(BoundExprPtr condition, std::vector<BoundExprPtr>& out);
// Applies `conjuncts` (over node's output columns) as low as inner joins allow: into join
// conditions (hashable equalities become keys) or onto one side; a filter node where they
// cannot go further (relational/push_down.cpp).
RelNodePtr push_down_conjuncts(RelNodePtr node, std::vector<BoundExprPtr> conjuncts);

// Ad-hoc query results live in memory: an intermediate result above this many values (rows x
// columns) fails with 54000 instead of exhausting the server's memory.
inline constexpr size_t kMaxResultCells = 100'000'000;
// Throws that 54000 error when `rows` rows of `columns` columns would exceed the bound.
void check_result_size(size_t rows, size_t columns);

// Executes a plan. Throws SqlError on runtime errors.
Batch execute_relation(const RelNode& node);

// ---- subqueries in expressions -------------------------------------------------------------
enum class SubqueryMode {
  Scalar,  // (SELECT x ...): its one value, NULL when no row; 21000 when more than one
  Exists,  // EXISTS (SELECT ...)
  Any,     // x op ANY (SELECT y ...), x IN (SELECT y ...)
  All,     // x op ALL (SELECT y ...)
  Array,   // ARRAY(SELECT y ...)
};

// The plan behind a BoundKind::Subquery node. The node's children are [tested operand (Any and
// All only), correlation values...]; before each run the evaluator copies the correlation
// values of the current outer row into `slots`, which the subquery's OuterRef nodes read.
// Without correlation (or when all correlation values are constant) it runs once per batch.
struct SubqueryPlan {
  SubqueryMode mode = SubqueryMode::Scalar;
  RelNodePtr root;  // one output column (Exists: any)
  OuterSlots slots;
  BoundExprPtr compare;  // Any/All: the comparison over [tested value, subquery value]
};

}  // namespace eddy::engine
