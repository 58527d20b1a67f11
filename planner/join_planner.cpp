#include "planner/join_planner.h"

#include <algorithm>

#include "common/error.h"
#include "common/value_text.h"
#include "engine/expr/special_forms.h"
#include "planner/expression_binder.h"

namespace eddy::planner {

namespace {

catalog::RelationPtr resolve(const ast::TableRef& ref, const catalog::Catalog& catalog) {
  if (ref.kind != ast::TableRef::Kind::Named)
    throw SqlError(sqlstate::kFeatureNotSupported, "a continuous join reads two named relations", ref.position);
  const std::string& name = ref.name.back();
  if (ref.name.size() > 1 && ref.name[0] != "public" && ref.name[0] != "eddy")
    throw SqlError(sqlstate::kUndefinedTable, "relation \"" + ref.name[0] + "." + name + "\" does not exist", ref.position);
  auto rel = catalog.find(name);
  if (!rel) throw SqlError(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist", ref.position);
  return rel;
}

void split_and(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
  if (e.kind == ast::ExprKind::Binary && e.op == "and") {
    split_and(*e.args[0], out);
    split_and(*e.args[1], out);
    return;
  }
  out.push_back(&e);
}

// The column of `scope` an expression names directly, or -1.
int column_of(const ast::Expr& e, const Scope& scope) {
  if (e.kind != ast::ExprKind::ColumnRef || e.name.empty() || e.name.size() > 2) return -1;
  try {
    return scope.find(e.name.size() == 2 ? e.name[0] : "", e.name.back(), e.position);
  } catch (const SqlError&) {
    return -1;
  }
}

// Binds `e` over `scope` when every column it names is there; null otherwise.
engine::BoundExprPtr bind_if_within(const ast::Expr& e, const Scope& scope) {
  try {
    return ExpressionBinder(scope, "JOIN ON").bind(e);
  } catch (const SqlError& error) {
    if (error.sqlstate() == sqlstate::kUndefinedColumn || error.sqlstate() == sqlstate::kUndefinedTable) return nullptr;
    throw;
  }
}

// condition = condition AND more (or just `more` when there is none yet).
void and_into(engine::BoundExprPtr& condition, engine::BoundExprPtr more, int position) {
  if (!condition) {
    condition = std::move(more);
    return;
  }
  std::vector<engine::BoundExprPtr> both;
  both.push_back(std::move(condition));
  both.push_back(std::move(more));
  condition = engine::bind_operator("and", std::move(both), position);
}

// "col", "col + INTERVAL 'x'" or "col - INTERVAL 'x'": the column of `scope` and the offset.
bool column_plus_interval(const ast::Expr& e, const Scope& scope, int& column, int64_t& offset) {
  column = column_of(e, scope);
  offset = 0;
  if (column >= 0) return true;
  if (e.kind != ast::ExprKind::Binary || (e.op != "+" && e.op != "-")) return false;
  column = column_of(*e.args[0], scope);
  if (column < 0) return false;
  Scope none;
  engine::BoundExprPtr b;
  try {
    b = engine::bind_cast(ExpressionBinder(none, "JOIN ON").bind(*e.args[1]), Type::interval(), e.args[1]->position);
  } catch (const SqlError&) {
    return false;
  }
  Value v = engine::evaluate_constant(*b);
  if (v.is_null || v.iv.months != 0)
    throw SqlError(sqlstate::kInvalidParameterValue, "an interval join's time bound must be a fixed interval (no months)",
                   e.args[1]->position);
  offset = v.iv.days * kMicrosPerDay + v.iv.micros;
  if (e.op == "-") offset = -offset;
  return true;
}

std::optional<engine::WatermarkPlan> side_watermark(const catalog::Relation& stream, int ts) {
  const catalog::ColumnSchema& c = stream.columns[static_cast<size_t>(ts)];
  if (!stream.watermark_column.empty() && c.name == stream.watermark_column)
    return engine::WatermarkPlan{ts, stream.watermark_bound_micros, c.name};
  if (c.hidden && c.name == "_time") return engine::WatermarkPlan{ts, 0, c.name};
  return std::nullopt;
}

// FROM a [LEFT] JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts + lower AND a.ts + upper [AND ...].
PlannedSelect plan_stream_join(const ast::SelectStmt& select, const ast::TableRef& join, const catalog::RelationPtr& left,
                               const catalog::RelationPtr& right) {
  bool left_outer = false;
  if (join.join_type == ast::JoinType::Left) left_outer = true;
  else if (join.join_type != ast::JoinType::Inner)
    throw SqlError(sqlstate::kFeatureNotSupported, "a join of two streams is INNER or LEFT in a continuous query",
                   join.position);
  const ast::TableRef& left_ref = *join.left;
  const ast::TableRef& right_ref = *join.right;
  Scope left_scope = scope_of(*left, left_ref.alias.empty() ? left->name : left_ref.alias);
  Scope right_scope = scope_of(*right, right_ref.alias.empty() ? right->name : right_ref.alias);
  Scope scope;
  scope.columns = left_scope.columns;
  scope.columns.insert(scope.columns.end(), right_scope.columns.begin(), right_scope.columns.end());

  engine::IntervalJoinPlan plan;
  engine::IntervalJoinSpec& spec = plan.spec;
  for (const auto& c : left->columns) spec.left_types.push_back(c.type);
  for (const auto& c : right->columns) spec.right_types.push_back(c.type);
  spec.left_outer = left_outer;
  plan.right_stream = right->id;
  plan.left_name = left->name;
  plan.right_name = right->name;
  std::optional<int64_t> lower, upper;
  // right.ts - left.ts >= lo (lower) / <= hi (upper), from one comparison `x op y + offset`.
  auto bound = [&](const ast::Expr& x, const ast::Expr& y, bool x_at_least, int position) {
    int xl, xr, yl, yr;
    int64_t xlo, xro, ylo, yro;
    const bool x_left = column_plus_interval(x, left_scope, xl, xlo);
    const bool x_right = column_plus_interval(x, right_scope, xr, xro);
    const bool y_left = column_plus_interval(y, left_scope, yl, ylo);
    const bool y_right = column_plus_interval(y, right_scope, yr, yro);
    int lts, rts;
    int64_t lo_or_hi;
    bool is_lower;
    if (x_right && y_left) {  // r + xo >= l + yo  <=>  r - l >= yo - xo
      rts = xr, lts = yl, lo_or_hi = ylo - xro, is_lower = x_at_least;
    } else if (x_left && y_right) {  // l + xo >= r + yo  <=>  r - l <= xo - yo
      lts = xl, rts = yr, lo_or_hi = xlo - yro, is_lower = !x_at_least;
    } else {
      return false;
    }
    if ((spec.left_ts >= 0 && spec.left_ts != lts) || (spec.right_ts >= 0 && spec.right_ts != rts))
      throw SqlError(sqlstate::kFeatureNotSupported, "an interval join bounds one timestamp of each stream", position);
    const TypeId lt = left->columns[static_cast<size_t>(lts)].type.id, rt = right->columns[static_cast<size_t>(rts)].type.id;
    if ((lt != TypeId::Timestamp && lt != TypeId::TimestampTz) || (rt != TypeId::Timestamp && rt != TypeId::TimestampTz))
      return false;
    spec.left_ts = lts;
    spec.right_ts = rts;
    auto& slot = is_lower ? lower : upper;
    slot = slot ? (is_lower ? std::max(*slot, lo_or_hi) : std::min(*slot, lo_or_hi)) : lo_or_hi;
    return true;
  };
  std::vector<const ast::Expr*> conjuncts;
  if (join.on) split_and(*join.on, conjuncts);
  std::vector<const ast::Expr*> residual;
  for (const std::string& name : join.using_columns) {
    int l = left->column_index(name), r = right->column_index(name);
    if (l < 0 || r < 0)
      throw SqlError(sqlstate::kUndefinedColumn, "column \"" + name + "\" specified in USING clause does not exist in " +
                                                     (l < 0 ? "left" : "right") + " table", join.position);
    spec.left_keys.push_back(l);
    spec.right_keys.push_back(r);
  }
  for (const ast::Expr* c : conjuncts) {
    if (c->kind == ast::ExprKind::Binary && c->op == "=") {
      int l = column_of(*c->args[0], left_scope), r = column_of(*c->args[1], right_scope);
      if (l < 0 || r < 0) {
        l = column_of(*c->args[1], left_scope);
        r = column_of(*c->args[0], right_scope);
      }
      if (l >= 0 && r >= 0) {
        spec.left_keys.push_back(l);
        spec.right_keys.push_back(r);
        continue;
      }
    }
    if (c->kind == ast::ExprKind::Between && !c->negated &&
        bound(*c->args[0], *c->args[1], true, c->position) && bound(*c->args[0], *c->args[2], false, c->position))
      continue;
    if (c->kind == ast::ExprKind::Binary && (c->op == ">=" || c->op == "<=") &&
        bound(*c->args[0], *c->args[1], c->op == ">=", c->position))
      continue;
    residual.push_back(c);
  }
  if (spec.left_keys.empty())
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "a join of two streams needs an equality of a column of each in ON (a.k = b.k)", join.position);
  if (!lower || !upper)
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "a join of two streams needs a time bound in ON, e.g. b.ts BETWEEN a.ts AND a.ts + INTERVAL '30 minutes'",
                   join.position)
        .with_hint("Without one, every row of both streams would have to be kept forever.");
  if (*lower > *upper)
    throw SqlError(sqlstate::kInvalidParameterValue, "the join's time bound is empty (its lower end is above its upper end)",
                   join.position);
  spec.lower_micros = *lower;
  spec.upper_micros = *upper;
  if (left_outer && !residual.empty())
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "a LEFT JOIN of two streams takes only key equalities and the time bound in ON", residual[0]->position);
  plan.left_watermark = side_watermark(*left, spec.left_ts);
  plan.right_watermark = side_watermark(*right, spec.right_ts);

  PlannedSelect out;
  out.plan = plan_select_over(select, scope, true);
  for (const ast::Expr* c : residual)  // inner join: the rest of ON filters the pairs
    and_into(out.plan.filter,
             engine::coerce_to_boolean(ExpressionBinder(scope, "JOIN ON").bind(*c), "JOIN ON", c->position),
             c->position);
  // A window on one side's join timestamp closes by the watermark derived from both sides.
  engine::AggregatePlan* ap = out.plan.aggregate ? &*out.plan.aggregate : nullptr;
  if (ap && ap->window && plan.left_watermark && plan.right_watermark) {
    const engine::BoundExpr& ts = *ap->pre_exprs[static_cast<size_t>(ap->window->ts_input)];
    const int width = static_cast<int>(left->columns.size());
    if (ts.kind == engine::BoundKind::ColumnRef && (ts.column == spec.left_ts || ts.column == width + spec.right_ts)) {
      plan.window_side = ts.column == spec.left_ts ? 0 : 1;
      ap->watermark = engine::WatermarkPlan{ts.column, 0, ts.column == spec.left_ts ? plan.left_watermark->column_name
                                                                                    : plan.right_watermark->column_name};
    }
  }
  if (select.emit_on_window_close) {
    if (!ap || !ap->window)
      throw SqlError(sqlstate::kFeatureNotSupported, "EMIT ON WINDOW CLOSE needs a WINDOW() or SESSION_WINDOW() in GROUP BY",
                     select.position);
    if (!ap->watermark)
      throw SqlError(sqlstate::kFeatureNotSupported,
                     "EMIT ON WINDOW CLOSE over a join of two streams needs watermarks on both join timestamps and a "
                     "window on one of them",
                     select.position);
    ap->emit_on_close = true;
  }
  out.plan.interval_join = std::move(plan);
  out.source = left;
  out.joined = right;
  return out;
}

}  // namespace

PlannedSelect plan_continuous_join(const ast::SelectStmt& select, const catalog::Catalog& catalog) {
  const ast::TableRef& join = *select.from[0];
  const ast::TableRef& left_ref = *join.left;
  const ast::TableRef& right_ref = *join.right;
  if (left_ref.kind == ast::TableRef::Kind::Join || right_ref.kind == ast::TableRef::Kind::Join)
    throw SqlError(sqlstate::kFeatureNotSupported, "a continuous query joins two relations, not more", join.position);
  catalog::RelationPtr left = resolve(left_ref, catalog);
  catalog::RelationPtr right = resolve(right_ref, catalog);
  using K = catalog::RelationKind;
  const bool left_stream = left->kind == K::Stream, right_stream = right->kind == K::Stream;
  if (left_stream && right_stream) return plan_stream_join(select, join, left, right);
  if (!left_stream && !right_stream)
    throw SqlError(sqlstate::kFeatureNotSupported, "a continuous join needs a stream on one side", join.position)
        .with_hint("Join a stream with a table; a view reads a stream in this version.");
  const catalog::Relation& stream = left_stream ? *left : *right;
  const catalog::Relation& table = left_stream ? *right : *left;
  const ast::TableRef& stream_ref = left_stream ? left_ref : right_ref;
  const ast::TableRef& table_ref = left_stream ? right_ref : left_ref;
  if (table.kind != K::Table || (table.connector != "eddy" && !table.connector.empty()))
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "a stream can be joined with an Eddy-kept table only, not with " +
                       std::string(catalog::relation_kind_name(table.kind)) + " \"" + table.name + "\"" +
                       (table.kind == K::Table ? " (USING " + table.connector + ")" : ""),
                   table_ref.position);
  // Which joins keep every stream row: inner, stream LEFT JOIN table, table RIGHT JOIN stream.
  bool left_outer = false;
  switch (join.join_type) {
    case ast::JoinType::Inner: break;
    case ast::JoinType::Left:
    case ast::JoinType::Right:
      if ((join.join_type == ast::JoinType::Left) != left_stream)
        throw SqlError(sqlstate::kFeatureNotSupported,
                       "an outer join that keeps the table's unmatched rows is not supported in a continuous query",
                       join.position)
            .with_hint("Keep the stream's rows instead: stream LEFT JOIN table.");
      left_outer = true;
      break;
    default:
      throw SqlError(sqlstate::kFeatureNotSupported, "FULL and CROSS joins are not supported in a continuous query",
                     join.position);
  }

  const std::string stream_alias = stream_ref.alias.empty() ? stream.name : stream_ref.alias;
  const std::string table_alias = table_ref.alias.empty() ? table.name : table_ref.alias;
  Scope stream_scope = scope_of(stream, stream_alias);
  Scope table_scope = scope_of(table, table_alias);
  Scope scope;
  const Scope& first = left_stream ? stream_scope : table_scope;
  const Scope& second = left_stream ? table_scope : stream_scope;
  scope.columns = first.columns;
  scope.columns.insert(scope.columns.end(), second.columns.begin(), second.columns.end());

  engine::LookupJoinPlan lookup;
  lookup.table = table.id;
  lookup.table_name = table.name;
  for (const auto& c : table.columns) lookup.table_types.push_back(c.type);
  lookup.stream_first = left_stream;
  lookup.left_outer = left_outer;

  // ON (or USING): equalities of a table column with an expression over the stream are the
  // lookup keys; the rest is a condition over the joined row.
  std::vector<const ast::Expr*> conjuncts;
  if (join.on) split_and(*join.on, conjuncts);
  std::vector<engine::BoundExprPtr> residual;
  auto add_key = [&](int table_column, engine::BoundExprPtr stream_expr, int position) {
    const Type want = table.columns[static_cast<size_t>(table_column)].type;
    if (stream_expr->type.physical() != want.physical() || stream_expr->unknown_literal)
      stream_expr = engine::bind_cast(std::move(stream_expr), want, position);
    lookup.table_keys.push_back(table_column);
    lookup.stream_keys.push_back(std::move(stream_expr));
  };
  for (const std::string& name : join.using_columns) {
    int t = table.column_index(name), s = stream.column_index(name);
    if (t < 0 || s < 0)
      throw SqlError(sqlstate::kUndefinedColumn, "column \"" + name + "\" specified in USING clause does not exist in " +
                                                     (t < 0 ? "right" : "left") + " table", join.position);
    add_key(t, engine::make_column_ref(s, stream.columns[static_cast<size_t>(s)].type, name), join.position);
  }
  for (const ast::Expr* c : conjuncts) {
    if (c->kind == ast::ExprKind::Binary && c->op == "=") {
      bool placed = false;
      for (int side = 0; side < 2 && !placed; ++side) {
        const int t = column_of(*c->args[side], table_scope);
        if (t < 0) continue;
        if (engine::BoundExprPtr s = bind_if_within(*c->args[1 - side], stream_scope)) {
          add_key(t, std::move(s), c->position);
          placed = true;
        }
      }
      if (placed) continue;
    }
    residual.push_back(engine::coerce_to_boolean(ExpressionBinder(scope, "JOIN ON").bind(*c), "JOIN ON", c->position));
  }
  if (lookup.table_keys.empty())
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "a stream-table join needs an equality between a column of \"" + table.name +
                       "\" and the stream's columns in ON",
                   join.position);
  for (auto& r : residual) and_into(lookup.condition, std::move(r), join.position);
  // Point lookups when the keys are the table's primary key.
  std::vector<int> pk = table.primary_key_columns();
  if (!pk.empty() && pk.size() == lookup.table_keys.size()) {
    std::vector<int> order;
    for (int k : pk) {
      auto it = std::find(lookup.table_keys.begin(), lookup.table_keys.end(), k);
      if (it == lookup.table_keys.end()) break;
      order.push_back(static_cast<int>(it - lookup.table_keys.begin()));
    }
    if (order.size() == pk.size()) {
      std::vector<engine::BoundExprPtr> keys;
      for (int i : order) keys.push_back(std::move(lookup.stream_keys[static_cast<size_t>(i)]));
      lookup.stream_keys = std::move(keys);
      lookup.table_keys = pk;
      lookup.primary_key_lookup = true;
    }
  }

  PlannedSelect out;
  out.plan = plan_select_over(select, scope, true);
  for (const auto& c : stream.columns) out.plan.stream_types.push_back(c.type);
  out.plan.lookup_join = std::move(lookup);
  out.source = left_stream ? left : right;
  out.joined = left_stream ? right : left;
  plan_event_time(out.plan, select, out.source.get(), left_stream ? 0 : static_cast<int>(table.columns.size()));
  return out;
}

}  // namespace eddy::planner
