#pragma once
// Turns a SELECT into an engine::QueryPlan: binds names against the catalog, finds the
// aggregates, the GROUP BY keys and the tumbling WINDOW, and lays out the stages
// (filter -> pre-aggregation -> hash aggregate -> having -> outputs -> order/limit).

#include <functional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "engine/query_plan.h"
#include "grammar/ast.h"
#include "planner/scope.h"

namespace eddy::planner {

struct PlannedSelect {
  engine::QueryPlan plan;
  catalog::RelationPtr source;  // the relation in FROM (the stream of a join); null when there is no FROM
  catalog::RelationPtr joined;  // a continuous join's other relation (the table), or null
};

// Scope of one relation: all its columns (hidden built-ins included), qualified by `alias`.
Scope scope_of(const catalog::Relation& relation, const std::string& alias);

// `continuous`: the plan will maintain a materialized view incrementally (LIMIT/OFFSET and
// DISTINCT are refused there, ORDER BY is ignored as PostgreSQL ignores it for view contents).
// Throws SqlError: 42P01 unknown relation, 42703 unknown column, 42803 grouping errors,
// 0A000 for what this version does not do yet (joins, subqueries in FROM, sliding and session
// windows), naming it.
PlannedSelect plan_select(const ast::SelectStmt& select, const catalog::Catalog& catalog,
                          bool continuous);

// What the batch planner changes when it has already applied parts of a SELECT below.
struct SelectOptions {
  bool skip_where = false;          // WHERE was applied by an input node
  bool skip_order_limit = false;    // ORDER BY / LIMIT / OFFSET belong to an enclosing set operation
  // Consulted first for every expression node (window and set-returning calls computed below).
  std::function<engine::BoundExprPtr(const ast::Expr&)> intercept;
};

// Continuous queries: binds the window's watermark (the stream's WATERMARK column, or _time)
// and EMIT ON WINDOW CLOSE. `stream` is the stream the query reads (null: none); its columns
// start at `stream_offset` in the plan's input layout. Throws 0A000 for EMIT ON WINDOW CLOSE
// without a window or a watermark.
void plan_event_time(engine::QueryPlan& plan, const ast::SelectStmt& select, const catalog::Relation* stream,
                     int stream_offset);

// Plans over an explicit input scope (no FROM resolution).
engine::QueryPlan plan_select_over(const ast::SelectStmt& select, const Scope& scope,
                                   bool continuous, const SelectOptions& options = {});

}  // namespace eddy::planner
