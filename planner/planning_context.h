#pragma once
// What the expression binder needs beyond its own scope while a batch query is planned: the
// relations (to plan subqueries) and the scopes of the enclosing queries (to resolve correlated
// column references). Held per thread, like the $n parameters (parameters.h), so that binding
// code deep in the select planner needs no extra arguments.
//
// Without a PlanningScope on the thread (materialized views, INSERT VALUES) subqueries are
// refused with 0A000.

#include <memory>
#include <string>
#include <vector>

#include "engine/expression.h"
#include "grammar/ast.h"
#include "engine/relation_plan.h"
#include "planner/point_read.h"
#include "planner/relation_provider.h"
#include "planner/scope.h"

namespace eddy::planner {

// One enclosing query level: its scope, and the correlation values its subquery reads.
struct OuterFrame {
  const Scope* scope = nullptr;
  engine::OuterSlots slots = std::make_shared<std::vector<Value>>();
  std::vector<int> columns;                   // scope column of each slot
  std::vector<engine::BoundExprPtr> values;   // over `scope`: the value of each slot
  // The slot for scope column `column` (made on first use).
  int slot_for(int column);
};

struct PlannedPointRead {
  const engine::RelNode* scan = nullptr;
  std::shared_ptr<const KeyedRelation> relation;
  std::shared_ptr<const std::vector<engine::BoundExprPtr>> values;  // per key column
};

struct PlanningContext {
  const RelationProvider* provider = nullptr;
  std::vector<OuterFrame*> frames;  // innermost last
  // WITH queries in scope, innermost last; a name in FROM finds the last one first.
  std::vector<const ast::CommonTableExpr*> ctes;
  // With `explain_point_reads` (EXPLAIN sets it), the point reads planned so far
  // (point_read.h), as EXPLAIN lists them.
  bool explain_point_reads = false;
  std::vector<std::string> point_reads;
  // Every point read planned, with the Scan node it reads for (what a generic plan of a prepared
  // statement is made of: server/generic_plan.h).
  std::vector<PlannedPointRead> planned_point_reads;
};

class PlanningScope {
 public:
  explicit PlanningScope(const RelationProvider& provider);
  ~PlanningScope();
  PlanningScope(const PlanningScope&) = delete;
  PlanningScope& operator=(const PlanningScope&) = delete;

 private:
  PlanningContext context_;
  PlanningContext* previous_;
};

// The context in force on this thread, or nullptr.
PlanningContext* current_planning_context();

}  // namespace eddy::planner
