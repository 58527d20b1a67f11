#pragma once
// Generic plans of prepared statements (PostgreSQL's term): a named prepared SELECT that reads
// one key of one relation by its parameters (`SELECT id, n FROM v WHERE id = $1`) is planned
// once, at its first execution; later executions put their parameters into a copy of that plan
// instead of planning again. Anything else, and the unnamed statement (usually run once, as in
// PostgreSQL), is planned at every execution, as before.
//
// A plan is generic only when nothing in it depends on the parameters' values but the constants
// they were bound as, so that putting other values there gives exactly the plan the planner
// would have made for them:
//   - the statement is `SELECT <expressions> FROM <one relation> WHERE <condition>` without
//     GROUP BY, HAVING, DISTINCT, ORDER BY, LIMIT, OFFSET, WITH or set operations, whose
//     expressions use only columns, parameters, integer / decimal / boolean / NULL literals,
//     operators, IS [NOT] NULL / TRUE / FALSE, BETWEEN, IN lists, LIKE and CASE (no function
//     calls, casts, string or typed literals, subqueries: those may be folded into constants
//     at planning, e.g. now() or 'today');
//   - its WHERE made a point read (planner/point_read.h) of that relation;
//   - every parameter was typed (a declared or inferred type other than text, or binary) and
//     each of its occurrences is still a constant marked with its number in the bound plan
//     (none was folded into another value).
// An execution uses the generic plan only when its parameters have the same types as those it
// was made with and the relation is the same catalog object with the same key; otherwise it
// plans as usual.

#include <memory>
#include <vector>

#include "engine/query_plan.h"
#include "grammar/ast.h"
#include "planner/parameters.h"
#include "planner/planning_context.h"
#include "planner/scope.h"
#include "server/output_column.h"

namespace eddy {

class Database;
struct SessionState;

namespace exec {

struct SelectPlan;

class GenericPlan {
 public:
  // The generic plan `plan` (just made for `select` with `params`, not run yet) makes, or
  // nullptr when it is not one (see above).
  static std::shared_ptr<const GenericPlan> derive(Database& db, const ast::SelectStmt& select, const SelectPlan& plan,
                                                   const std::vector<planner::ParameterValue>& params);

  // The plan for an execution with `params`, or nullptr when this one does not apply to them
  // (other parameter types, the relation dropped or changed): plan as usual then.
  std::unique_ptr<SelectPlan> instantiate(Database& db, const SessionState& session,
                                          const std::vector<planner::ParameterValue>& params) const;

 private:
  catalog::RelationPtr relation_;
  std::vector<int> key_columns_;
  std::shared_ptr<const planner::KeyedRelation> keyed_;
  std::vector<engine::BoundExprPtr> key_values_;  // per key column, with marked parameter constants
  engine::QueryPlan query_;                       // over the relation's columns; marked constants too
  std::vector<planner::ScopeColumn> columns_;
  std::vector<Type> parameter_types_;             // of every parameter, as they were typed
};

}  // namespace exec
}  // namespace eddy
