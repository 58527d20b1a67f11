// ExpressionBinder's subqueries, correlated references and composite fields.
#include <atomic>

#include "common/error.h"
#include "engine/expr/special_forms.h"
#include "planner/batch_planner.h"
#include "planner/expression_binder.h"
#include "planner/planning_context.h"

namespace eddy::planner {

using engine::BoundExprPtr;

namespace {

int next_subplan_number() {
  static std::atomic<int> n{0};
  return ++n;
}

}  // namespace

BoundExprPtr ExpressionBinder::bind_subquery(const ast::Expr& e, engine::SubqueryMode mode, const std::string& op,
                                             BoundExprPtr tested) const {
  PlanningContext* context = current_planning_context();
  if (!context || !context->provider)
    throw SqlError(sqlstate::kFeatureNotSupported, "subqueries are not supported in " + clause_ + " here", e.position);
  OuterFrame frame;
  frame.scope = &scope_;
  context->frames.push_back(&frame);
  PlannedRelation planned;
  try {
    planned = plan_relation(*e.subquery);
  } catch (...) {
    context->frames.pop_back();
    throw;
  }
  context->frames.pop_back();
  std::vector<int> visible;
  for (size_t i = 0; i < planned.columns.size(); ++i)
    if (!planned.columns[i].hidden) visible.push_back(static_cast<int>(i));
  if (mode != engine::SubqueryMode::Exists && visible.size() != 1)
    throw SqlError(sqlstate::kSyntaxError,
                   visible.size() > 1 ? "subquery has too many columns" : "subquery must return a column", e.position);

  auto plan = std::make_shared<engine::SubqueryPlan>();
  plan->mode = mode;
  plan->slots = frame.slots;
  Type column_type = visible.empty() ? Type::null() : planned.columns[static_cast<size_t>(visible[0])].type;
  if (!visible.empty() && visible[0] != 0) {  // keep only the visible column, first
    engine::QueryPlan project;
    project.input_types = planned.node->types;
    project.outputs.push_back(engine::make_column_ref(visible[0], column_type));
    project.output_names.push_back(planned.columns[static_cast<size_t>(visible[0])].name);
    project.visible_outputs = 1;
    auto wrap = std::make_unique<engine::RelNode>();
    wrap->kind = engine::RelNode::Kind::Query;
    wrap->types = {column_type};
    wrap->input = std::move(planned.node);
    wrap->plan = std::move(project);
    planned.node = std::move(wrap);
  }
  plan->root = std::move(planned.node);

  auto node = std::make_unique<engine::BoundExpr>();
  node->kind = engine::BoundKind::Subquery;
  node->position = e.position;
  node->name = "(SubPlan " + std::to_string(next_subplan_number()) + ")";
  switch (mode) {
    case engine::SubqueryMode::Scalar: node->type = column_type; break;
    case engine::SubqueryMode::Exists: node->type = Type::boolean(); break;
    case engine::SubqueryMode::Array:
      if (column_type.is_array())
        throw SqlError(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported", e.position);
      node->type = Type::array_of(column_type.id == TypeId::Null ? Type::text() : column_type);
      break;
    case engine::SubqueryMode::Any:
    case engine::SubqueryMode::All: {
      node->type = Type::boolean();
      std::vector<BoundExprPtr> pair;
      Type tested_type = tested->unknown_literal ? column_type : tested->type;
      if (tested->unknown_literal) tested = engine::bind_cast(std::move(tested), column_type, e.position);
      pair.push_back(engine::make_column_ref(0, tested_type));
      pair.push_back(engine::make_column_ref(1, column_type));
      plan->compare = engine::bind_operator(op, std::move(pair), e.position);
      node->children.push_back(std::move(tested));
      break;
    }
  }
  for (auto& value : frame.values) node->children.push_back(std::move(value));
  node->subquery = std::move(plan);
  return node;
}

BoundExprPtr ExpressionBinder::bind_outer_column(const std::string& qualifier, const std::string& name,
                                                 int position) const {
  PlanningContext* context = current_planning_context();
  if (!context) return nullptr;
  for (auto it = context->frames.rbegin(); it != context->frames.rend(); ++it) {
    OuterFrame& frame = **it;
    if (frame.scope == &scope_) continue;
    int idx = frame.scope->find(qualifier, name, position);
    if (idx < 0) continue;
    int slot = frame.slot_for(idx);
    auto ref = std::make_unique<engine::BoundExpr>();
    ref->kind = engine::BoundKind::OuterRef;
    ref->type = frame.scope->columns[static_cast<size_t>(idx)].type;
    ref->column = slot;
    ref->slots = frame.slots;
    ref->name = name;
    ref->position = position;
    return ref;
  }
  return nullptr;
}

BoundExprPtr ExpressionBinder::bind_field(const ast::Expr& e) const {
  const ast::Expr& base = *e.args[0];
  if (base.kind == ast::ExprKind::ColumnRef && !base.name.empty()) {
    std::string qualifier = base.name.size() >= 2 ? base.name[base.name.size() - 2] : "";
    std::string field = base.name.back() + "." + e.text;
    int idx = scope_.find(qualifier, field, e.position);
    if (idx >= 0) return engine::make_column_ref(idx, scope_.columns[static_cast<size_t>(idx)].type, e.text);
  }
  BoundExprPtr value = bind(base);
  throw SqlError("42809", "column notation ." + e.text + " applied to type " + value->type.sql_name() +
                              ", which is not a composite type", e.position);
}

}  // namespace eddy::planner
