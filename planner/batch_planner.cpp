#include "planner/batch_planner.h"

#include <map>

#include "common/error.h"
#include "engine/expr/special_forms.h"
#include "engine/table_functions.h"
#include "planner/expression_binder.h"
#include "planner/planning_context.h"
#include "planner/select_planner.h"

namespace eddy::planner {

using engine::BoundExprPtr;
using engine::RelNode;
using engine::RelNodePtr;

namespace {

RelNodePtr query_node(RelNodePtr input, engine::QueryPlan plan) {
  auto node = std::make_unique<RelNode>();
  node->kind = RelNode::Kind::Query;
  node->types = plan.output_types();
  node->input = std::move(input);
  node->plan = std::move(plan);
  return node;
}

// A Query node computing `exprs` over the input (all of them visible).
RelNodePtr project(RelNodePtr input, std::vector<BoundExprPtr> exprs, std::vector<std::string> names) {
  engine::QueryPlan plan;
  plan.input_types = input->types;
  plan.outputs = std::move(exprs);
  plan.output_names = std::move(names);
  plan.visible_outputs = plan.outputs.size();
  return query_node(std::move(input), std::move(plan));
}

std::string relation_label(const std::vector<std::string>& name) {
  std::string out;
  for (const auto& p : name) out += (out.empty() ? "" : ".") + p;
  return out;
}

void apply_column_aliases(std::vector<ScopeColumn>& columns, const ast::TableRef& ref) {
  size_t k = 0;
  for (auto& c : columns) {
    if (c.hidden) continue;
    if (k >= ref.column_aliases.size()) break;
    c.name = ref.column_aliases[k++];
  }
  if (k < ref.column_aliases.size())
    throw SqlError(sqlstate::kInvalidColumnReference,
                   "table \"" + ref.alias + "\" has " + std::to_string(k) + " columns available but " +
                       std::to_string(ref.column_aliases.size()) + " columns specified",
                   ref.position);
}

PlannedRelation plan_from_item(const ast::TableRef& ref);

// A WITH query named in FROM: planned in place (inlined), seeing only the WITH queries before it.
std::optional<PlannedRelation> plan_cte(const ast::TableRef& ref) {
  PlanningContext* context = current_planning_context();
  if (ref.name.size() != 1) return std::nullopt;
  for (size_t i = context->ctes.size(); i-- > 0;) {
    const ast::CommonTableExpr* cte = context->ctes[i];
    if (cte->name != ref.name[0]) continue;
    std::vector<const ast::CommonTableExpr*> later(context->ctes.begin() + static_cast<std::ptrdiff_t>(i), context->ctes.end());
    context->ctes.resize(i);
    PlannedRelation out;
    try {
      out = plan_relation(*cte->query);
    } catch (...) {
      context->ctes.insert(context->ctes.end(), later.begin(), later.end());
      throw;
    }
    context->ctes.insert(context->ctes.end(), later.begin(), later.end());
    const std::string qualifier = ref.alias.empty() ? cte->name : ref.alias;
    for (auto& c : out.columns) c.qualifier = qualifier;
    ast::TableRef renamed;
    renamed.alias = cte->name;
    renamed.column_aliases = cte->columns;
    renamed.position = cte->position;
    apply_column_aliases(out.columns, renamed);
    apply_column_aliases(out.columns, ref);
    return out;
  }
  return std::nullopt;
}

PlannedRelation plan_named(const ast::TableRef& ref) {
  if (auto cte = plan_cte(ref)) return std::move(*cte);
  PlanningContext* context = current_planning_context();
  auto found = context->provider->find(ref.name, ref.position);
  if (!found)
    throw SqlError(sqlstate::kUndefinedTable, "relation \"" + relation_label(ref.name) + "\" does not exist", ref.position);
  PlannedRelation out;
  auto node = std::make_unique<RelNode>();
  node->kind = RelNode::Kind::Scan;
  node->read = found->read;
  const std::string qualifier = ref.alias.empty() ? ref.name.back() : ref.alias;
  for (size_t i = 0; i < found->columns.size(); ++i) {
    const auto& c = found->columns[i];
    const int16_t attnum = i < found->attnums.size() ? found->attnums[i] : 0;
    out.columns.push_back({qualifier, c.name, c.type, c.hidden, attnum > 0 ? found->oid : 0, attnum});
    node->types.push_back(c.type);
  }
  out.node = std::move(node);
  apply_column_aliases(out.columns, ref);
  if (!found->key_columns.empty() && found->read_key) {
    KeyedRelation keyed;
    keyed.relation = found->relation;
    keyed.name = relation_label(ref.name);
    keyed.key_columns = found->key_columns;
    for (const auto& c : found->columns) {
      keyed.types.push_back(c.type);
      keyed.column_names.push_back(c.name);
    }
    keyed.read_key = found->read_key;
    out.keyed = std::move(keyed);
  }
  return out;
}

PlannedRelation plan_function(const ast::TableRef& ref) {
  const std::string& name = ref.name.back();
  if (!engine::is_table_function(name))
    throw SqlError(sqlstate::kFeatureNotSupported, "function " + name + "() is not supported in FROM", ref.position);
  Scope none;
  ExpressionBinder binder(none, "functions in FROM");
  std::vector<BoundExprPtr> args;
  for (const auto& a : ref.args) args.push_back(binder.bind(*a));
  engine::TableFunctionDef def = engine::resolve_table_function(name, args, ref.position);
  auto node = std::make_unique<RelNode>();
  node->kind = RelNode::Kind::Function;
  node->types = def.types;
  node->calls.push_back({def.fn, std::move(args), def.types});
  PlannedRelation out;
  out.node = std::move(node);
  const std::string qualifier = ref.alias.empty() ? name : ref.alias;
  for (size_t i = 0; i < def.types.size(); ++i) {
    // A one-column function is named after its alias, as in PostgreSQL.
    std::string column = def.types.size() == 1 && !ref.alias.empty() ? ref.alias : def.names[i];
    out.columns.push_back({qualifier, column, def.types[i], false});
  }
  apply_column_aliases(out.columns, ref);
  return out;
}

PlannedRelation plan_join(const ast::TableRef& ref) {
  PlannedRelation left = plan_from_item(*ref.left);
  PlannedRelation right = plan_from_item(*ref.right);
  PlannedRelation out;
  out.columns = left.columns;
  out.columns.insert(out.columns.end(), right.columns.begin(), right.columns.end());
  Scope scope{out.columns};
  BoundExprPtr condition;
  if (ref.on) {
    ExpressionBinder binder(scope, "JOIN/ON");
    condition = engine::coerce_to_boolean(binder.bind(*ref.on), "JOIN/ON", ref.on->position);
  } else if (!ref.using_columns.empty()) {
    Scope left_scope{left.columns}, right_scope{right.columns};
    std::vector<BoundExprPtr> equalities;
    for (const auto& name : ref.using_columns) {
      int l = left_scope.find("", name, ref.position);
      int r = right_scope.find("", name, ref.position);
      if (l < 0 || r < 0)
        throw SqlError(sqlstate::kUndefinedColumn,
                       "column \"" + name + "\" specified in USING clause does not exist in " +
                           (l < 0 ? "left" : "right") + " table",
                       ref.position);
      const size_t ri = left.columns.size() + static_cast<size_t>(r);
      std::vector<BoundExprPtr> pair;
      pair.push_back(engine::make_column_ref(l, out.columns[static_cast<size_t>(l)].type, name));
      pair.push_back(engine::make_column_ref(static_cast<int>(ri), out.columns[ri].type, name));
      equalities.push_back(engine::bind_operator("=", std::move(pair), ref.position));
      out.columns[ri].hidden = true;  // USING merges the pair: * shows it once
      out.columns[ri].name = "";      // and the unqualified name means the left one
    }
    condition = std::move(equalities[0]);
    for (size_t i = 1; i < equalities.size(); ++i) {
      std::vector<BoundExprPtr> both;
      both.push_back(std::move(condition));
      both.push_back(std::move(equalities[i]));
      condition = engine::bind_operator("and", std::move(both), ref.position);
    }
  }
  engine::JoinKind kind = engine::JoinKind::Inner;
  switch (ref.join_type) {
    case ast::JoinType::Left: kind = engine::JoinKind::Left; break;
    case ast::JoinType::Right: kind = engine::JoinKind::Right; break;
    case ast::JoinType::Full: kind = engine::JoinKind::Full; break;
    default: break;
  }
  out.node = engine::make_join(std::move(left.node), std::move(right.node), kind, std::move(condition));
  if (!ref.alias.empty())
    for (auto& c : out.columns) c.qualifier = ref.alias;
  return out;
}

PlannedRelation plan_from_item(const ast::TableRef& ref) {
  switch (ref.kind) {
    case ast::TableRef::Kind::Named: return plan_named(ref);
    case ast::TableRef::Kind::Function: return plan_function(ref);
    case ast::TableRef::Kind::Join: return plan_join(ref);
    case ast::TableRef::Kind::Subquery: {
      PlannedRelation sub = plan_relation(*ref.subquery);
      for (auto& c : sub.columns) c.qualifier = ref.alias;
      apply_column_aliases(sub.columns, ref);
      return sub;
    }
  }
  throw SqlError(sqlstate::kInternalError, "unknown FROM item", ref.position);
}

PlannedRelation plan_from(const std::vector<ast::TableRefPtr>& from) {
  if (from.empty()) {
    PlannedRelation none;
    none.node = std::make_unique<RelNode>();
    none.node->kind = RelNode::Kind::OneRow;
    return none;
  }
  PlannedRelation out = plan_from_item(*from[0]);
  for (size_t i = 1; i < from.size(); ++i) {
    PlannedRelation next = plan_from_item(*from[i]);
    out.keyed.reset();
    out.columns.insert(out.columns.end(), next.columns.begin(), next.columns.end());
    out.node = engine::make_join(std::move(out.node), std::move(next.node), engine::JoinKind::Inner, nullptr);
  }
  return out;
}

// ---- window and set-returning calls in the select list ----------------------------------------

bool is_window_call(const ast::Expr& e) { return e.kind == ast::ExprKind::Function && e.over != nullptr; }
bool is_srf_call(const ast::Expr& e) {
  return e.kind == ast::ExprKind::Function && !e.over && !e.name.empty() && engine::is_table_function(e.name.back());
}

// Window and set-returning calls of an expression, outside subqueries.
void collect_calls(const ast::Expr& e, std::vector<const ast::Expr*>& windows, std::vector<const ast::Expr*>& srfs) {
  if (is_window_call(e)) {
    windows.push_back(&e);
    return;
  }
  if (is_srf_call(e)) srfs.push_back(&e);
  for (const auto& a : e.args)
    if (a) collect_calls(*a, windows, srfs);
  if (e.case_operand) collect_calls(*e.case_operand, windows, srfs);
  if (e.case_else) collect_calls(*e.case_else, windows, srfs);
}

struct ComputedCalls {
  std::map<const ast::Expr*, std::vector<int>> columns;  // call -> its output columns in the scope
  std::map<const ast::Expr*, std::vector<std::string>> field_names;
};

// Wraps `input` so that WHERE is applied, then window calls, then set-returning calls, each
// adding columns to `scope`; returns how the calls map to those columns.
ComputedCalls compute_calls(const ast::SelectStmt& select, RelNodePtr& input, Scope& scope,
                            const std::vector<const ast::Expr*>& windows, const std::vector<const ast::Expr*>& srfs) {
  ComputedCalls out;
  if (select.where) {
    ExpressionBinder binder(scope, "WHERE");
    engine::QueryPlan filter;
    filter.input_types = input->types;
    filter.filter = engine::coerce_to_boolean(binder.bind(*select.where), "WHERE", select.where->position);
    for (size_t i = 0; i < scope.columns.size(); ++i) {
      filter.outputs.push_back(engine::make_column_ref(static_cast<int>(i), scope.columns[i].type));
      filter.output_names.push_back(scope.columns[i].name);
    }
    filter.visible_outputs = filter.outputs.size();
    if (input->kind == RelNode::Kind::Join) {
      std::vector<BoundExprPtr> conjuncts;
      engine::split_conjunction(std::move(filter.filter), conjuncts);
      input = engine::push_down_conjuncts(std::move(input), std::move(conjuncts));
    } else {
      input = query_node(std::move(input), std::move(filter));
    }
  }
  if (!windows.empty()) {
    auto node = std::make_unique<RelNode>();
    node->kind = RelNode::Kind::Window;
    node->types = input->types;
    ExpressionBinder binder(scope, "window definition");
    for (const ast::Expr* call : windows) {
      const std::string& name = call->name.back();
      engine::WindowCall w;
      if (name == "row_number") w.function = engine::WindowFunction::RowNumber;
      else if (name == "rank") w.function = engine::WindowFunction::Rank;
      else if (name == "dense_rank") w.function = engine::WindowFunction::DenseRank;
      else
        throw SqlError(sqlstate::kFeatureNotSupported, "window function " + name + "() is not supported", call->position);
      if (!call->args.empty())
        throw SqlError(sqlstate::kUndefinedFunction, "function " + name + " takes no arguments", call->position);
      for (const auto& p : call->over->partition_by) w.partition_by.push_back(binder.bind(*p));
      for (const auto& o : call->over->order_by) {
        engine::SortKey key;
        key.output = static_cast<int>(w.order_by.size());
        key.descending = o.descending;
        key.nulls_first = o.nulls_first.value_or(o.descending);
        w.order_by.push_back(binder.bind(*o.expr));
        w.order.push_back(key);
      }
      node->windows.push_back(std::move(w));
      out.columns[call] = {static_cast<int>(scope.columns.size())};
      scope.columns.push_back({"", "?" + name + "?", Type::int64(), true});  // reached through the intercept only
      node->types.push_back(Type::int64());
    }
    node->input = std::move(input);
    input = std::move(node);
  }
  if (!srfs.empty()) {
    auto node = std::make_unique<RelNode>();
    node->kind = RelNode::Kind::ProjectSet;
    node->types = input->types;
    ExpressionBinder binder(scope, "set-returning function arguments");
    std::map<std::string, std::vector<int>> same;  // identical calls run once, in lockstep
    for (const ast::Expr* call : srfs) {
      std::vector<BoundExprPtr> args;
      std::string key = call->name.back() + "(";
      for (const auto& a : call->args) {
        args.push_back(binder.bind(*a));
        key += args.back()->to_string() + ",";
      }
      engine::TableFunctionDef def = engine::resolve_table_function(call->name.back(), args, call->position);
      out.field_names[call] = def.names;
      if (auto it = same.find(key); it != same.end()) {
        out.columns[call] = it->second;
        continue;
      }
      std::vector<int> columns;
      for (size_t i = 0; i < def.types.size(); ++i) {
        columns.push_back(static_cast<int>(scope.columns.size()));
        scope.columns.push_back({"", "?" + def.names[i] + "?", def.types[i], true});
        node->types.push_back(def.types[i]);
      }
      node->calls.push_back({def.fn, std::move(args), def.types});
      same[key] = columns;
      out.columns[call] = columns;
    }
    node->input = std::move(input);
    input = std::move(node);
  }
  return out;
}

// The text of a composite value, PostgreSQL's record output: (1,2).
BoundExprPtr record_text(const std::vector<int>& columns, const Scope& scope, int position) {
  auto text = [](std::string s) { return engine::make_constant(Value::text(std::move(s))); };
  BoundExprPtr out = text("(");
  for (size_t i = 0; i < columns.size(); ++i) {
    const ScopeColumn& c = scope.columns[static_cast<size_t>(columns[i])];
    std::vector<BoundExprPtr> field;
    field.push_back(engine::bind_cast(engine::make_column_ref(columns[i], c.type, c.name), Type::text(), position));
    field.push_back(text(""));
    std::vector<BoundExprPtr> value;
    value.push_back(engine::bind_function("coalesce", std::move(field), position));
    std::vector<BoundExprPtr> cat;
    cat.push_back(std::move(out));
    cat.push_back(std::move(value[0]));
    out = engine::bind_operator("||", std::move(cat), position);
    std::vector<BoundExprPtr> sep;
    sep.push_back(std::move(out));
    sep.push_back(text(i + 1 < columns.size() ? "," : ")"));
    out = engine::bind_operator("||", std::move(sep), position);
  }
  return out;
}

PlannedRelation plan_simple(const ast::SelectStmt& select, bool with_order_limit) {
  if (select.emit_on_window_close)
    throw SqlError(sqlstate::kFeatureNotSupported, "EMIT ON WINDOW CLOSE only applies to materialized views", select.position);
  PlannedRelation from = plan_from(select.from);
  Scope scope{from.columns};
  RelNodePtr input = std::move(from.node);

  std::vector<const ast::Expr*> windows, srfs;
  for (const auto& item : select.items)
    if (item.expr) collect_calls(*item.expr, windows, srfs);
  for (const auto& o : select.order_by) collect_calls(*o.expr, windows, srfs);
  SelectOptions options;
  options.skip_order_limit = !with_order_limit;
  ComputedCalls calls;
  if (!windows.empty() || !srfs.empty()) {
    bool aggregating = !select.group_by.empty() || select.having;
    for (const auto& item : select.items)
      if (item.expr && contains_aggregate(*item.expr)) aggregating = true;
    if (aggregating)
      throw SqlError(sqlstate::kFeatureNotSupported,
                     "window and set-returning functions together with aggregation are not supported", select.position);
    calls = compute_calls(select, input, scope, windows, srfs);
    options.skip_where = true;
  }
  const Scope& final_scope = scope;
  options.intercept = [&calls, &final_scope](const ast::Expr& e) -> BoundExprPtr {
    if (e.kind == ast::ExprKind::FieldSelect) {
      auto it = calls.columns.find(e.args[0].get());
      if (it == calls.columns.end()) return nullptr;
      const auto& names = calls.field_names[e.args[0].get()];
      for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == e.text) {
          int c = it->second[i];
          return engine::make_column_ref(c, final_scope.columns[static_cast<size_t>(c)].type, e.text);
        }
      throw SqlError(sqlstate::kUndefinedColumn, "column \"" + e.text + "\" not found in data type record", e.position);
    }
    auto it = calls.columns.find(&e);
    if (it == calls.columns.end()) return nullptr;
    if (it->second.size() == 1) {
      int c = it->second[0];
      return engine::make_column_ref(c, final_scope.columns[static_cast<size_t>(c)].type, e.name.back());
    }
    return record_text(it->second, final_scope, e.position);
  };
  engine::QueryPlan plan = plan_select_over(select, scope, false, options);
  // WHERE fixes the key of the one relation read: read only that key.
  if (from.keyed && plan.filter && input->kind == RelNode::Kind::Scan) {
    PlanningContext* context = current_planning_context();
    auto keyed = std::make_shared<const KeyedRelation>(std::move(*from.keyed));
    if (auto point = plan_point_read(keyed, *plan.filter, context->explain_point_reads)) {
      input->read = std::move(point->read);
      if (context->explain_point_reads) context->point_reads.push_back(std::move(point->description));
      context->planned_point_reads.push_back({input.get(), std::move(keyed), std::move(point->values)});
    }
  }

  PlannedRelation out;
  for (size_t i = 0; i < plan.visible_outputs; ++i) {
    out.columns.push_back({"", plan.output_names[i], plan.outputs[i]->type, false});
    // A base column passed through (also as a GROUP BY key) keeps its origin, as PostgreSQL
    // reports it in RowDescription.
    const engine::BoundExpr* e = plan.outputs[i].get();
    if (plan.aggregate && e->kind == engine::BoundKind::ColumnRef && e->column >= 0 &&
        static_cast<size_t>(e->column) < plan.aggregate->key_inputs.size())
      e = plan.aggregate->pre_exprs[static_cast<size_t>(plan.aggregate->key_inputs[static_cast<size_t>(e->column)])].get();
    else if (plan.aggregate)
      e = nullptr;
    if (e && e->kind == engine::BoundKind::ColumnRef && e->column >= 0 && static_cast<size_t>(e->column) < scope.columns.size()) {
      out.columns.back().table_oid = scope.columns[static_cast<size_t>(e->column)].table_oid;
      out.columns.back().column_number = scope.columns[static_cast<size_t>(e->column)].column_number;
    }
  }
  // A composite-valued output exposes its fields as hidden columns "<name>.<field>".
  std::vector<BoundExprPtr> fields;
  size_t item_index = 0;
  for (const auto& item : select.items) {
    if (item.expr->kind == ast::ExprKind::Star) {
      item_index = SIZE_MAX;  // positions no longer line up with items; composites after * are rare
      break;
    }
    auto it = calls.columns.find(item.expr.get());
    if (it != calls.columns.end() && it->second.size() > 1) {
      const auto& names = calls.field_names[item.expr.get()];
      for (size_t f = 0; f < names.size(); ++f) {
        int c = it->second[f];
        fields.push_back(engine::make_column_ref(c, scope.columns[static_cast<size_t>(c)].type, names[f]));
        out.columns.push_back({"", plan.output_names[item_index] + "." + names[f], fields.back()->type, true});
      }
    }
    ++item_index;
  }
  if (!fields.empty()) {
    const int shift = static_cast<int>(fields.size());
    for (auto& key : plan.order_by)
      if (key.output >= static_cast<int>(plan.visible_outputs)) key.output += shift;
    plan.outputs.insert(plan.outputs.begin() + static_cast<std::ptrdiff_t>(plan.visible_outputs),
                        std::make_move_iterator(fields.begin()), std::make_move_iterator(fields.end()));
    plan.output_names.insert(plan.output_names.begin() + static_cast<std::ptrdiff_t>(plan.visible_outputs),
                             static_cast<size_t>(shift), "?field?");
    plan.visible_outputs += fields.size();
  }
  if (plan.filter && input->kind == RelNode::Kind::Join) {  // WHERE into the joins below
    std::vector<BoundExprPtr> conjuncts;
    engine::split_conjunction(std::move(plan.filter), conjuncts);
    input = engine::push_down_conjuncts(std::move(input), std::move(conjuncts));
  }
  out.node = query_node(std::move(input), std::move(plan));
  return out;
}

int64_t constant_count(const ast::Expr& e, const char* clause) {
  Scope none;
  ExpressionBinder binder(none, clause);
  BoundExprPtr b = engine::bind_cast(binder.bind(e), Type::int64(), e.position);
  Value v = engine::evaluate_constant(*b);
  if (v.is_null) return -1;
  if (v.i < 0) throw SqlError(sqlstate::kInvalidParameterValue, std::string(clause) + " must not be negative", e.position);
  return v.i;
}

// Brings a side of a set operation to the column types of the whole.
PlannedRelation cast_columns(PlannedRelation side, const std::vector<Type>& types, int position) {
  bool same = true;
  for (size_t i = 0; i < types.size(); ++i) same = same && side.columns[i].type == types[i];
  if (same) return side;
  std::vector<BoundExprPtr> exprs;
  std::vector<std::string> names;
  for (size_t i = 0; i < types.size(); ++i) {
    BoundExprPtr ref = engine::make_column_ref(static_cast<int>(i), side.columns[i].type, side.columns[i].name);
    exprs.push_back(side.columns[i].type == types[i] ? std::move(ref) : engine::bind_cast(std::move(ref), types[i], position));
    names.push_back(side.columns[i].name);
    side.columns[i].type = types[i];
  }
  side.node = project(std::move(side.node), std::move(exprs), std::move(names));
  return side;
}

PlannedRelation visible_only(PlannedRelation r) {
  bool any_hidden = false;
  for (const auto& c : r.columns) any_hidden = any_hidden || c.hidden;
  if (!any_hidden) return r;
  std::vector<BoundExprPtr> exprs;
  std::vector<std::string> names;
  std::vector<ScopeColumn> kept;
  for (size_t i = 0; i < r.columns.size(); ++i) {
    if (r.columns[i].hidden) continue;
    exprs.push_back(engine::make_column_ref(static_cast<int>(i), r.columns[i].type, r.columns[i].name));
    names.push_back(r.columns[i].name);
    kept.push_back(r.columns[i]);
  }
  r.node = project(std::move(r.node), std::move(exprs), std::move(names));
  r.columns = std::move(kept);
  return r;
}

PlannedRelation plan_set_operation(const ast::SelectStmt& select) {
  PlannedRelation left = visible_only(plan_simple(select, false));
  PlannedRelation right = visible_only(plan_relation(*select.set_rhs));
  const char* name = select.set_op == ast::SetOp::Intersect ? "INTERSECT"
                     : select.set_op == ast::SetOp::Except  ? "EXCEPT"
                                                            : "UNION";
  if (left.columns.size() != right.columns.size())
    throw SqlError(sqlstate::kSyntaxError, std::string("each ") + name + " query must have the same number of columns",
                   select.set_rhs->position);
  std::vector<Type> types;
  for (size_t i = 0; i < left.columns.size(); ++i) {
    Type l = left.columns[i].type, r = right.columns[i].type;
    types.push_back(l.id == TypeId::Null ? r : r.id == TypeId::Null ? l
                                                                    : engine::common_supertype(l, r, select.set_rhs->position));
  }
  left = cast_columns(std::move(left), types, select.position);
  right = cast_columns(std::move(right), types, select.set_rhs->position);
  auto node = std::make_unique<RelNode>();
  node->kind = RelNode::Kind::SetOp;
  node->types = types;
  node->set_op = select.set_op == ast::SetOp::Intersect ? engine::SetOpKind::Intersect
                 : select.set_op == ast::SetOp::Except  ? engine::SetOpKind::Except
                                                        : engine::SetOpKind::Union;
  node->all = select.set_op == ast::SetOp::UnionAll;
  node->left = std::move(left.node);
  node->right = std::move(right.node);
  PlannedRelation out;
  out.columns = left.columns;
  for (auto& c : out.columns) {
    c.qualifier.clear();
    c.table_oid = 0;  // a set operation's column comes from no one table
    c.column_number = 0;
  }
  out.node = std::move(node);
  if (select.order_by.empty() && !select.limit && !select.offset) return out;

  // ORDER BY / LIMIT of the whole: by output column name or position, or an expression of them.
  engine::QueryPlan plan;
  plan.input_types = out.node->types;
  Scope scope{out.columns};
  for (size_t i = 0; i < out.columns.size(); ++i) {
    plan.outputs.push_back(engine::make_column_ref(static_cast<int>(i), out.columns[i].type, out.columns[i].name));
    plan.output_names.push_back(out.columns[i].name);
  }
  plan.visible_outputs = plan.outputs.size();
  ExpressionBinder binder(scope, "ORDER BY");
  for (const auto& o : select.order_by) {
    engine::SortKey key;
    key.descending = o.descending;
    key.nulls_first = o.nulls_first.value_or(o.descending);
    const ast::Expr& e = *o.expr;
    if (e.kind == ast::ExprKind::Literal && e.literal_kind == ast::LiteralKind::Integer) {
      long n = std::stol(e.text);
      if (n < 1 || n > static_cast<long>(out.columns.size()))
        throw SqlError(sqlstate::kInvalidColumnReference, "ORDER BY position " + e.text + " is not in select list", e.position);
      key.output = static_cast<int>(n - 1);
    } else {
      key.output = static_cast<int>(plan.outputs.size());
      plan.outputs.push_back(binder.bind(e));
      plan.output_names.push_back("?order?");
    }
    plan.order_by.push_back(key);
  }
  if (select.limit && !(select.limit->kind == ast::ExprKind::Literal && select.limit->literal_kind == ast::LiteralKind::Null)) {
    int64_t n = constant_count(*select.limit, "LIMIT");
    if (n >= 0) plan.limit = n;
  }
  if (select.offset) plan.offset = std::max<int64_t>(0, constant_count(*select.offset, "OFFSET"));
  out.node = query_node(std::move(out.node), std::move(plan));
  return out;
}

}  // namespace

PlannedRelation plan_relation(const ast::SelectStmt& select) {
  if (select.with.empty()) {
    if (select.set_op != ast::SetOp::None) return plan_set_operation(select);
    return plan_simple(select, true);
  }
  if (select.with_recursive)
    throw SqlError(sqlstate::kFeatureNotSupported, "WITH RECURSIVE is not supported", select.with[0].position);
  PlanningContext* context = current_planning_context();
  const size_t base = context->ctes.size();
  for (const auto& cte : select.with) {
    for (size_t i = base; i < context->ctes.size(); ++i)
      if (context->ctes[i]->name == cte.name)
        throw SqlError("42712", "WITH query name \"" + cte.name + "\" specified more than once", cte.position);
    context->ctes.push_back(&cte);
  }
  PlannedRelation out;
  try {
    out = select.set_op != ast::SetOp::None ? plan_set_operation(select) : plan_simple(select, true);
  } catch (...) {
    context->ctes.resize(base);
    throw;
  }
  context->ctes.resize(base);
  return out;
}

}  // namespace eddy::planner
