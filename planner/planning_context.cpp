#include "planner/planning_context.h"

namespace eddy::planner {
namespace {
thread_local PlanningContext* current = nullptr;
}

int OuterFrame::slot_for(int column) {
  for (size_t k = 0; k < columns.size(); ++k)
    if (columns[k] == column) return static_cast<int>(k);
  const ScopeColumn& c = scope->columns[static_cast<size_t>(column)];
  columns.push_back(column);
  values.push_back(engine::make_column_ref(column, c.type, c.name));
  slots->resize(columns.size());
  return static_cast<int>(columns.size() - 1);
}

PlanningScope::PlanningScope(const RelationProvider& provider) : previous_(current) {
  context_.provider = &provider;
  current = &context_;
}

PlanningScope::~PlanningScope() { current = previous_; }

PlanningContext* current_planning_context() { return current; }

}  // namespace eddy::planner
