#include "server/generic_plan.h"

#include <map>

#include "server/exec_internal.h"
#include "server/point_reads.h"

namespace eddy::exec {

namespace {

using Counts = std::map<int, int>;  // parameter number -> occurrences

// True when `e` is made only of what cannot be folded into a constant at planning (see the
// header); counts its parameters.
bool generic_expr(const ast::Expr& e, Counts& params) {
  using K = ast::ExprKind;
  if (e.over || e.subquery || !e.order_by.empty()) return false;
  switch (e.kind) {
    case K::Literal:
      return e.literal_kind == ast::LiteralKind::Integer || e.literal_kind == ast::LiteralKind::Decimal ||
             e.literal_kind == ast::LiteralKind::Bool || e.literal_kind == ast::LiteralKind::Null;
    case K::Param: ++params[e.param_index]; return true;
    case K::ColumnRef:
    case K::Star: return true;
    case K::Unary:
    case K::Binary:
    case K::IsNull:
    case K::IsBool:
    case K::Between:
    case K::InList:
    case K::Like:
    case K::Case:
      for (const auto& a : e.args)
        if (a && !generic_expr(*a, params)) return false;
      if (e.case_operand && !generic_expr(*e.case_operand, params)) return false;
      if (e.case_else && !generic_expr(*e.case_else, params)) return false;
      return true;
    default: return false;
  }
}

bool generic_statement(const ast::SelectStmt& s, Counts& params) {
  if (!s.with.empty() || s.set_op != ast::SetOp::None || s.distinct || !s.group_by.empty() || s.having ||
      !s.order_by.empty() || s.limit || s.offset || s.emit_on_window_close || !s.where || s.from.size() != 1 ||
      s.from[0]->kind != ast::TableRef::Kind::Named)
    return false;
  for (const auto& item : s.items)
    if (!item.expr || !generic_expr(*item.expr, params)) return false;
  return generic_expr(*s.where, params);
}

// Counts the parameter constants of a bound expression; false when it holds what a copy cannot
// be run again with (subqueries, which keep state, or references to an outer query).
bool count_bound(const engine::BoundExpr& e, Counts& params) {
  if (e.kind == engine::BoundKind::Subquery || e.kind == engine::BoundKind::OuterRef) return false;
  if (e.kind == engine::BoundKind::Constant && e.parameter > 0) ++params[e.parameter];
  for (const auto& c : e.children)
    if (!count_bound(*c, params)) return false;
  return true;
}

// A copy of `e` whose parameter constants hold `params`' values.
engine::BoundExprPtr with_parameters(const engine::BoundExpr& e, const std::vector<planner::ParameterValue>& params) {
  engine::BoundExprPtr out = e.clone();
  std::vector<engine::BoundExpr*> todo{out.get()};
  while (!todo.empty()) {
    engine::BoundExpr* node = todo.back();
    todo.pop_back();
    if (node->kind == engine::BoundKind::Constant && node->parameter > 0)
      node->value = params[static_cast<size_t>(node->parameter - 1)].value;
    for (auto& c : node->children) todo.push_back(c.get());
  }
  return out;
}

}  // namespace

std::shared_ptr<const GenericPlan> GenericPlan::derive(Database& db, const ast::SelectStmt& select,
                                                       const SelectPlan& plan,
                                                       const std::vector<planner::ParameterValue>& params) {
  Counts in_statement;
  if (params.empty() || !generic_statement(select, in_statement)) return nullptr;
  const engine::RelNode* root = plan.planned.node.get();
  if (!root || root->kind != engine::RelNode::Kind::Query || !root->input ||
      root->input->kind != engine::RelNode::Kind::Scan)
    return nullptr;
  const engine::QueryPlan& query = root->plan;
  if (query.aggregate || query.distinct || !query.order_by.empty() || query.limit || query.offset != 0 ||
      query.lookup_join || query.interval_join || !query.filter)
    return nullptr;
  const planner::PlannedPointRead* point = nullptr;
  for (const auto& p : plan.point_reads)
    if (p.scan == root->input.get()) point = &p;
  if (!point || !point->relation->relation) return nullptr;
  Counts in_plan;
  if (!count_bound(*query.filter, in_plan)) return nullptr;
  for (const auto& o : query.outputs)
    if (!count_bound(*o, in_plan)) return nullptr;
  for (const auto& v : *point->values) {
    Counts ignored;  // copies of the filter's constants
    if (!count_bound(*v, ignored)) return nullptr;
  }
  auto out = std::make_shared<GenericPlan>();
  for (size_t n = 1; n <= params.size(); ++n) {
    const planner::ParameterValue& p = params[n - 1];
    if (!p.typed) return nullptr;  // an untyped one takes its type (and value) from its context
    if (in_statement[static_cast<int>(n)] != in_plan[static_cast<int>(n)]) return nullptr;  // folded somewhere
    out->parameter_types_.push_back(p.value.type);
  }
  out->relation_ = point->relation->relation;
  out->key_columns_ = point->relation->key_columns;
  out->keyed_ = point->relation;
  for (const auto& v : *point->values) out->key_values_.push_back(v->clone());
  out->query_.input_types = query.input_types;
  out->query_.filter = query.filter->clone();
  for (const auto& o : query.outputs) out->query_.outputs.push_back(o->clone());
  out->query_.output_names = query.output_names;
  out->query_.visible_outputs = query.visible_outputs;
  out->columns_ = plan.planned.columns;
  if (point_key_columns(db, *out->relation_) != out->key_columns_) return nullptr;
  return out;
}

std::unique_ptr<SelectPlan> GenericPlan::instantiate(Database& db, const SessionState& session,
                                                     const std::vector<planner::ParameterValue>& params) const {
  if (params.size() != parameter_types_.size()) return nullptr;
  for (size_t i = 0; i < params.size(); ++i)
    if (!params[i].typed || !(params[i].value.type == parameter_types_[i])) return nullptr;
  // The same relation object (a DROP and CREATE makes another) with the same key.
  if (db.catalog().find(relation_->name) != relation_ || point_key_columns(db, *relation_) != key_columns_)
    return nullptr;
  auto plan = std::make_unique<SelectPlan>();
  plan->relations = std::make_unique<ServerRelationProvider>(db, session);
  plan->planned.columns = columns_;
  auto query = std::make_unique<engine::QueryPlan>();
  query->input_types = query_.input_types;
  query->filter = with_parameters(*query_.filter, params);
  for (const auto& o : query_.outputs) query->outputs.push_back(with_parameters(*o, params));
  query->output_names = query_.output_names;
  query->visible_outputs = query_.visible_outputs;
  plan->query = std::move(query);
  auto values = std::make_shared<std::vector<engine::BoundExprPtr>>();
  for (const auto& v : key_values_) values->push_back(with_parameters(*v, params));
  plan->input = [keyed = keyed_, values] { return planner::read_point(*keyed, *values); };
  return plan;
}

}  // namespace eddy::exec
