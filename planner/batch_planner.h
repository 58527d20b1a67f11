#pragma once
// Plans an ad-hoc (batch) SELECT into an engine::RelNode tree: FROM items (Eddy relations and
// system tables through the RelationProvider, subqueries, table functions, joins of every
// kind), set operations, window functions, set-returning functions in the select list, and
// subqueries in expressions (correlated ones through OuterFrames). The single-input stages are
// planned by plan_select_over (select_planner.h).
//
// Requires a PlanningScope on the thread (planning_context.h).

#include <optional>
#include <string>
#include <vector>

#include "engine/relation_plan.h"
#include "grammar/ast.h"
#include "planner/point_read.h"
#include "planner/scope.h"

namespace eddy::planner {

struct PlannedRelation {
  engine::RelNodePtr node;
  // The node's output columns. Hidden ones are the fields of composite-valued columns
  // ("keys.x"): readable as (keys).x, never sent to the client.
  std::vector<ScopeColumn> columns;
  // A FROM item that is one stored relation read by key (point_read.h): how to.
  std::optional<KeyedRelation> keyed;
};

// Throws SqlError (42P01 unknown relation, 42703 unknown column, 42601 set operations of
// different widths, 0A000 for what Eddy does not do, ...).
PlannedRelation plan_relation(const ast::SelectStmt& select);

}  // namespace eddy::planner
