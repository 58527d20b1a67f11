#include "planner/select_planner.h"

#include <map>

#include "common/error.h"
#include "common/value_text.h"
#include "engine/aggregate_spec.h"
#include "engine/expr/special_forms.h"
#include "planner/expression_binder.h"
#include "planner/join_planner.h"

namespace eddy::planner {

using engine::BoundExprPtr;

namespace {

bool is_function(const ast::Expr& e, const char* name) {
  return e.kind == ast::ExprKind::Function && !e.name.empty() && e.name.back() == name;
}

// LIMIT / OFFSET: nullopt for NULL (PostgreSQL: LIMIT NULL is no limit, OFFSET NULL is 0, which a
// NULL $n parameter also relies on).
std::optional<int64_t> constant_int(const ast::Expr& e, const Scope& scope, const char* clause) {
  ExpressionBinder binder(scope, clause);
  BoundExprPtr b = engine::bind_cast(binder.bind(e), Type::int64(), e.position);
  Value v = engine::evaluate_constant(*b);
  if (v.is_null) return std::nullopt;
  if (v.i < 0)
    throw SqlError(sqlstate::kInvalidParameterValue, std::string(clause) + " must not be negative", e.position);
  return v.i;
}

int64_t window_size_micros(const ast::Expr& e, const Scope& scope) {
  ExpressionBinder binder(scope, "WINDOW()");
  BoundExprPtr b = engine::bind_cast(binder.bind(e), Type::interval(), e.position);
  Value v = engine::evaluate_constant(*b);
  if (v.is_null || v.iv.months != 0)
    throw SqlError(sqlstate::kInvalidParameterValue,
                   "window size must be a fixed interval (no months or years)", e.position);
  int64_t micros = v.iv.days * kMicrosPerDay + v.iv.micros;
  if (micros <= 0)
    throw SqlError(sqlstate::kInvalidParameterValue, "window size must be positive", e.position);
  return micros;
}

// State shared while planning one aggregating SELECT.
struct AggregateBuilder {
  const Scope& input;
  engine::AggregatePlan plan;
  std::vector<std::string> key_strings;  // canonical text of each GROUP BY key
  std::map<std::string, int> aggregate_index;
  bool has_window = false;
  int agg_base = 0;  // output column of the first aggregate

  int output_of_key(size_t k) const { return static_cast<int>(k); }

  BoundExprPtr add_aggregate(const ast::Expr& e) {
    const std::string& name = e.name.back();
    const bool two_args = name == "string_agg";
    if (!e.star_arg && e.args.size() != (two_args ? 2u : 1u))
      throw SqlError(sqlstate::kUndefinedFunction,
                     "function " + name + (two_args ? " takes two arguments" : " takes exactly one argument"), e.position);
    // DISTINCT: exact multisets for count/sum/avg; min, max and approx_count_distinct give the
    // same result with or without it.
    const bool distinct_kept = name == "count" || name == "sum" || name == "avg";
    const bool distinct_moot = name == "min" || name == "max" || name == "approx_count_distinct";
    if (e.distinct && !distinct_kept && !distinct_moot)
      throw SqlError(sqlstate::kFeatureNotSupported, name + "(DISTINCT ...) is not supported", e.position);
    std::string separator;
    if (two_args) {  // string_agg(x, delimiter): the delimiter must be a constant here
      Scope none;
      ExpressionBinder constant_binder(none, "string_agg delimiter");
      Value d = engine::evaluate_constant(*engine::bind_cast(constant_binder.bind(*e.args[1]), Type::text(), e.args[1]->position));
      separator = d.is_null ? "" : d.s;
    }
    BoundExprPtr arg;
    Type arg_type = Type::null();
    std::string canonical = name + "(*)";
    if (!e.star_arg) {
      if (contains_aggregate(*e.args[0]))
        throw SqlError(sqlstate::kGroupingError, "aggregate function calls cannot be nested", e.args[0]->position);
      ExpressionBinder binder(input, "aggregate arguments");
      arg = binder.bind(*e.args[0]);
      arg_type = arg->type;
      canonical = name + "(" + std::string(e.distinct && distinct_kept ? "DISTINCT " : "") + arg->to_string() + ")";
    }
    auto spec = engine::resolve_aggregate(name, e.star_arg, arg_type, e.position);
    spec->separator = separator;
    spec->distinct = e.distinct && distinct_kept;
    if (two_args) canonical += "/" + separator;
    // ORDER BY inside the call: kept where the order changes the result, bound (so that its
    // names are checked) and dropped elsewhere, as PostgreSQL does.
    std::vector<BoundExprPtr> order_exprs;
    for (const auto& o : e.order_by) {
      if (contains_aggregate(*o.expr))
        throw SqlError(sqlstate::kGroupingError, "aggregate function calls cannot be nested", o.expr->position);
      ExpressionBinder binder(input, "aggregate ORDER BY");
      BoundExprPtr key = binder.bind(*o.expr);
      if (key->type.id == TypeId::Null || key->unknown_literal) key = engine::bind_cast(std::move(key), Type::text(), o.expr->position);
      if (!engine::is_order_sensitive(spec->kind)) continue;
      engine::AggregateOrderKey k;
      k.type = key->type;
      k.descending = o.descending;
      k.nulls_first = o.nulls_first.value_or(o.descending);
      canonical += std::string(order_exprs.empty() ? " ORDER BY " : ", ") + key->to_string() + (k.descending ? " DESC" : "") +
                   (k.nulls_first ? " NULLS FIRST" : " NULLS LAST");
      spec->order_by.push_back(k);
      order_exprs.push_back(std::move(key));
    }
    auto it = aggregate_index.find(canonical);
    int index;
    if (it != aggregate_index.end()) {
      index = it->second;
    } else {
      if (arg) {
        if (arg->type.id == TypeId::Null || arg->unknown_literal) arg = engine::bind_cast(std::move(arg), Type::text(), e.position);
        spec->input = static_cast<int>(plan.pre_exprs.size());
        spec->input_type = arg->type;
        plan.pre_exprs.push_back(std::move(arg));
      }
      for (size_t k = 0; k < order_exprs.size(); ++k) {
        spec->order_by[k].input = static_cast<int>(plan.pre_exprs.size());
        plan.pre_exprs.push_back(std::move(order_exprs[k]));
      }
      index = static_cast<int>(plan.aggregates.size());
      plan.aggregates.push_back(*spec);
      aggregate_index[canonical] = index;
    }
    return engine::make_column_ref(agg_base + index, spec->result_type, name);
  }

  // The intercept for expressions evaluated after aggregation (select list, HAVING, ORDER BY).
  BoundExprPtr intercept(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::Function && !e.name.empty() && engine::is_aggregate_name(e.name.back()))
      return add_aggregate(e);
    if (e.kind == ast::ExprKind::ColumnRef && e.name.size() == 1 && has_window &&
        (e.name[0] == "window_start" || e.name[0] == "window_end") && input.find("", e.name[0], e.position) < 0) {
      int col = static_cast<int>(plan.key_inputs.size()) + (e.name[0] == "window_end" ? 1 : 0);
      return engine::make_column_ref(col, Type::timestamp(), e.name[0]);
    }
    if (e.kind == ast::ExprKind::Literal || contains_aggregate(e)) return nullptr;
    ExpressionBinder binder(input, "GROUP BY");
    BoundExprPtr bound;
    try {
      bound = binder.bind(e);
    } catch (const SqlError& error) {
      // An expression over window_start / window_end (not input columns) is no GROUP BY key:
      // its parts are bound one by one instead.
      if (has_window && error.sqlstate() == sqlstate::kUndefinedColumn) return nullptr;
      throw;
    }
    std::string text = bound->to_string();
    for (size_t k = 0; k < key_strings.size(); ++k)
      if (key_strings[k] == text) return engine::make_column_ref(output_of_key(k), plan.key_types[k], text);
    if (e.kind == ast::ExprKind::ColumnRef) {
      std::string name;
      for (const auto& p : e.name) name += (name.empty() ? "" : ".") + p;
      throw SqlError(sqlstate::kGroupingError,
                     "column \"" + name + "\" must appear in the GROUP BY clause or be used in an aggregate function",
                     e.position);
    }
    return nullptr;
  }
};

// Resolves a GROUP BY item that names a select-list entry by ordinal or alias.
const ast::Expr& group_item_target(const ast::Expr& item, const ast::SelectStmt& select, const Scope& scope) {
  if (item.kind == ast::ExprKind::Literal && item.literal_kind == ast::LiteralKind::Integer) {
    long n = std::stol(item.text);
    if (n < 1 || n > static_cast<long>(select.items.size()))
      throw SqlError(sqlstate::kInvalidColumnReference, "GROUP BY position " + item.text + " is not in select list", item.position);
    return *select.items[n - 1].expr;
  }
  if (item.kind == ast::ExprKind::ColumnRef && item.name.size() == 1 && scope.find("", item.name[0], item.position) < 0) {
    for (const auto& si : select.items)
      if (si.alias == item.name[0]) return *si.expr;
  }
  return item;
}

}  // namespace

// A continuous query's window closes by a watermark when its timestamp is the stream's
// WATERMARK column (its bound) or the built-in _time (bound 0): docs/streaming.md.
void plan_event_time(engine::QueryPlan& plan, const ast::SelectStmt& select, const catalog::Relation* source,
                     int stream_offset) {
  engine::AggregatePlan* ap = plan.aggregate ? &*plan.aggregate : nullptr;
  if (ap && ap->window && source && source->kind == catalog::RelationKind::Stream) {
    const engine::BoundExpr& ts = *ap->pre_exprs[static_cast<size_t>(ap->window->ts_input)];
    const int column = ts.column - stream_offset;  // in the stream's own layout
    if (ts.kind == engine::BoundKind::ColumnRef && column >= 0 && static_cast<size_t>(column) < source->columns.size()) {
      const catalog::ColumnSchema& c = source->columns[static_cast<size_t>(column)];
      if (!source->watermark_column.empty() && c.name == source->watermark_column)
        ap->watermark = engine::WatermarkPlan{column, source->watermark_bound_micros, c.name};
      else if (c.hidden && c.name == "_time")
        ap->watermark = engine::WatermarkPlan{column, 0, c.name};
    }
  }
  if (!select.emit_on_window_close) return;
  if (!ap || !ap->window)
    throw SqlError(sqlstate::kFeatureNotSupported, "EMIT ON WINDOW CLOSE needs a WINDOW() or SESSION_WINDOW() in GROUP BY",
                   select.position);
  if (!ap->watermark)
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "EMIT ON WINDOW CLOSE needs a watermark on the window's timestamp column", select.position)
        .with_hint("Declare one in CREATE STREAM, e.g. WATERMARK FOR ts AS ts - INTERVAL '10 seconds', or window on _time.");
  ap->emit_on_close = true;
}

Scope scope_of(const catalog::Relation& relation, const std::string& alias) {
  Scope s;
  for (const auto& c : relation.columns) s.columns.push_back({alias, c.name, c.type, c.hidden});
  return s;
}

engine::QueryPlan plan_select_over(const ast::SelectStmt& select, const Scope& scope, bool continuous,
                                   const SelectOptions& options) {
  engine::QueryPlan plan;
  for (const auto& c : scope.columns) plan.input_types.push_back(c.type);
  if (select.where && !options.skip_where) {
    if (contains_aggregate(*select.where))
      throw SqlError(sqlstate::kGroupingError, "aggregate functions are not allowed in WHERE", select.where->position);
    ExpressionBinder binder(scope, "WHERE", options.intercept);
    plan.filter = engine::coerce_to_boolean(binder.bind(*select.where), "WHERE", select.where->position);
  }

  bool aggregating = !select.group_by.empty() || (select.having != nullptr);
  for (const auto& item : select.items)
    if (item.expr && contains_aggregate(*item.expr)) aggregating = true;

  AggregateBuilder builder{scope, {}, {}, {}, false, 0};
  ExpressionBinder::Intercept intercept;
  if (aggregating) {
    ExpressionBinder key_binder(scope, "GROUP BY");
    std::optional<engine::WindowSpec> window;
    BoundExprPtr window_ts;
    for (const auto& raw : select.group_by) {
      const ast::Expr& item = group_item_target(*raw, select, scope);
      const bool session = is_function(item, "session_window");
      if (session || is_function(item, "window")) {
        const char* fn = session ? "SESSION_WINDOW()" : "WINDOW()";
        if (session ? item.args.size() != 2 : (item.args.size() != 2 && item.args.size() != 3))
          throw SqlError(sqlstate::kSyntaxError,
                         session ? "SESSION_WINDOW() takes a timestamp and a gap"
                                 : "WINDOW() takes a timestamp, a size and optionally a slide",
                         item.position);
        if (window)
          throw SqlError(sqlstate::kGroupingError, "only one window may appear in GROUP BY", item.position);
        window_ts = key_binder.bind(*item.args[0]);
        if (window_ts->type.id != TypeId::Timestamp && window_ts->type.id != TypeId::TimestampTz)
          throw SqlError(sqlstate::kDatatypeMismatch,
                         std::string(fn) + " needs a timestamp, but its first argument is of type " +
                             window_ts->type.sql_name(),
                         item.args[0]->position);
        engine::WindowSpec spec;
        spec.size_micros = window_size_micros(*item.args[1], scope);
        if (session) {
          spec.kind = engine::WindowKind::Session;
        } else if (item.args.size() == 3) {
          spec.kind = engine::WindowKind::Sliding;
          spec.slide_micros = window_size_micros(*item.args[2], scope);
          if (spec.size_micros % spec.slide_micros != 0)
            throw SqlError(sqlstate::kInvalidParameterValue, "a sliding window's size must be a multiple of its slide",
                           item.args[2]->position);
          if (spec.size_micros / spec.slide_micros > 1000)
            throw SqlError(sqlstate::kInvalidParameterValue,
                           "a sliding window's size may be at most 1000 times its slide (each row joins size/slide windows)",
                           item.args[2]->position);
        }
        window = spec;
        continue;
      }
      if (contains_aggregate(item))
        throw SqlError(sqlstate::kGroupingError, "aggregate functions are not allowed in GROUP BY", item.position);
      BoundExprPtr key = key_binder.bind(item);
      if (key->unknown_literal) key = engine::bind_cast(std::move(key), Type::text(), item.position);
      builder.key_strings.push_back(key->to_string());
      builder.plan.key_inputs.push_back(static_cast<int>(builder.plan.pre_exprs.size()));
      builder.plan.key_types.push_back(key->type);
      builder.plan.pre_exprs.push_back(std::move(key));
    }
    if (window) {
      window->ts_input = static_cast<int>(builder.plan.pre_exprs.size());
      builder.plan.pre_exprs.push_back(std::move(window_ts));
      builder.plan.window = window;
      builder.has_window = true;
    }
    builder.agg_base = static_cast<int>(builder.plan.key_inputs.size()) + (window ? 2 : 0);
    intercept = [&builder, &options](const ast::Expr& e) {
      if (options.intercept)
        if (auto r = options.intercept(e)) return r;
      return builder.intercept(e);
    };
  } else {
    intercept = options.intercept;
  }

  Scope empty_scope;
  ExpressionBinder output_binder(aggregating ? empty_scope : scope, "SELECT", intercept);
  for (const auto& item : select.items) {
    if (item.expr->kind == ast::ExprKind::Star) {
      if (aggregating) throw SqlError(sqlstate::kGroupingError, "SELECT * is not allowed with GROUP BY", item.expr->position);
      bool any = false;
      for (size_t i = 0; i < scope.columns.size(); ++i) {
        const ScopeColumn& c = scope.columns[i];
        if (c.hidden || (!item.expr->name.empty() && c.qualifier != item.expr->name.back())) continue;
        plan.outputs.push_back(engine::make_column_ref(static_cast<int>(i), c.type, c.name));
        plan.output_names.push_back(c.name);
        any = true;
      }
      if (!any && !item.expr->name.empty())
        throw SqlError(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + item.expr->name.back() + "\"", item.expr->position);
      continue;
    }
    BoundExprPtr out = output_binder.bind(*item.expr);
    if (out->unknown_literal || out->type.id == TypeId::Null) out = engine::bind_cast(std::move(out), Type::text(), item.expr->position);
    plan.outputs.push_back(std::move(out));
    plan.output_names.push_back(item.alias.empty() ? default_column_name(*item.expr) : item.alias);
  }
  plan.visible_outputs = plan.outputs.size();

  if (select.having) {
    ExpressionBinder having_binder(empty_scope, "HAVING", intercept);
    builder.plan.having = engine::coerce_to_boolean(having_binder.bind(*select.having), "HAVING", select.having->position);
  }

  if (!continuous && !options.skip_order_limit) {
    for (const auto& o : select.order_by) {
      engine::SortKey key;
      key.descending = o.descending;
      key.nulls_first = o.nulls_first.value_or(o.descending);
      const ast::Expr& e = *o.expr;
      key.output = -1;
      if (e.kind == ast::ExprKind::Literal && e.literal_kind == ast::LiteralKind::Integer) {
        long n = std::stol(e.text);
        if (n < 1 || n > static_cast<long>(plan.visible_outputs))
          throw SqlError(sqlstate::kInvalidColumnReference, "ORDER BY position " + e.text + " is not in select list", e.position);
        key.output = static_cast<int>(n - 1);
      } else if (e.kind == ast::ExprKind::ColumnRef && e.name.size() == 1) {
        for (size_t i = 0; i < plan.visible_outputs; ++i)
          if (plan.output_names[i] == e.name[0]) { key.output = static_cast<int>(i); break; }
      }
      if (key.output < 0) {
        BoundExprPtr b = output_binder.bind(e);
        std::string text = b->to_string();
        for (size_t i = 0; i < plan.outputs.size() && key.output < 0; ++i)
          if (plan.outputs[i]->to_string() == text) key.output = static_cast<int>(i);
        if (key.output < 0) {
          if (select.distinct)
            throw SqlError(sqlstate::kInvalidColumnReference, "for SELECT DISTINCT, ORDER BY expressions must appear in select list", e.position);
          key.output = static_cast<int>(plan.outputs.size());
          plan.outputs.push_back(std::move(b));
          plan.output_names.push_back("?order?");
        }
      }
      plan.order_by.push_back(key);
    }
  }
  Scope no_columns;
  if (select.limit && !options.skip_order_limit) {
    if (continuous) throw SqlError(sqlstate::kFeatureNotSupported, "LIMIT is not supported in a materialized view", select.limit->position);
    if (!(select.limit->kind == ast::ExprKind::Literal && select.limit->literal_kind == ast::LiteralKind::Null))
      plan.limit = constant_int(*select.limit, no_columns, "LIMIT");
  }
  if (select.offset && !options.skip_order_limit) {
    if (continuous) throw SqlError(sqlstate::kFeatureNotSupported, "OFFSET is not supported in a materialized view", select.offset->position);
    plan.offset = constant_int(*select.offset, no_columns, "OFFSET").value_or(0);
  }
  if (select.distinct) {
    if (continuous) throw SqlError(sqlstate::kFeatureNotSupported, "SELECT DISTINCT is not supported in a materialized view yet", select.position);
    plan.distinct = true;
  }
  if (aggregating) plan.aggregate = std::move(builder.plan);
  return plan;
}

PlannedSelect plan_select(const ast::SelectStmt& select, const catalog::Catalog& catalog, bool continuous) {
  if (!select.with.empty())
    throw SqlError(sqlstate::kFeatureNotSupported, "WITH is not supported in a continuous query yet", select.with[0].position);
  if (select.set_op != ast::SetOp::None)
    throw SqlError(sqlstate::kFeatureNotSupported, "UNION, INTERSECT and EXCEPT are not supported yet", select.position);
  PlannedSelect out;
  Scope scope;
  if (select.from.size() > 1)
    throw SqlError(sqlstate::kFeatureNotSupported, "joins are not supported yet", select.from[1]->position)
        .with_hint("Write the join with JOIN ... ON.");
  if (!select.from.empty()) {
    const ast::TableRef& ref = *select.from[0];
    if (ref.kind == ast::TableRef::Kind::Join) {
      if (!continuous) throw SqlError(sqlstate::kFeatureNotSupported, "joins are not supported here", ref.position);
      return plan_continuous_join(select, catalog);
    }
    if (ref.kind != ast::TableRef::Kind::Named)
      throw SqlError(sqlstate::kFeatureNotSupported, "subqueries and functions in FROM are not supported yet", ref.position);
    const std::string& name = ref.name.back();
    if (ref.name.size() > 1 && ref.name[0] != "public" && ref.name[0] != "eddy")
      throw SqlError(sqlstate::kUndefinedTable, "relation \"" + ref.name[0] + "." + name + "\" does not exist", ref.position);
    out.source = catalog.find(name);
    if (!out.source) throw SqlError(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist", ref.position);
    scope = scope_of(*out.source, ref.alias.empty() ? name : ref.alias);
  }
  out.plan = plan_select_over(select, scope, continuous);
  if (continuous && out.source && out.source->kind == catalog::RelationKind::MaterializedView) {
    // A view over a view reads its changes: rows are retracted as well as inserted.
    out.plan.reads_view = true;
    if (out.plan.aggregate) {
      for (auto& spec : out.plan.aggregate->aggregates) {
        spec.retractable = true;
        if (engine::is_append_only(spec))  // a view's rows change: its changes retract
          throw SqlError(sqlstate::kFeatureNotSupported,
                         spec.name + "() over a materialized view is not supported: it cannot take rows back",
                         select.position)
              .with_hint(spec.name == "approx_count_distinct" ? "Use count(DISTINCT ...)."
                                                              : "Add ORDER BY inside the call, or aggregate the stream.");
      }
      if (out.plan.aggregate->window && out.plan.aggregate->window->kind == engine::WindowKind::Session)
        throw SqlError(sqlstate::kFeatureNotSupported, "SESSION_WINDOW() over a materialized view is not supported",
                       select.position)
            .with_hint("Session windows need append-only input: apply them to the stream.");
    }
  }
  if (continuous) plan_event_time(out.plan, select, out.source.get(), 0);
  return out;
}

}  // namespace eddy::planner
