#include "planner/expression_binder.h"

#include <cerrno>
#include <cstdlib>

#include "common/error.h"
#include "engine/aggregate_spec.h"
#include "engine/expr/special_forms.h"
#include "common/value_text.h"
#include "planner/parameters.h"
#include "planner/planning_context.h"

namespace eddy::planner {

using engine::BoundExpr;
using engine::BoundExprPtr;

namespace {

std::string join_name(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

BoundExprPtr boolean_constant(bool b) { return engine::make_constant(Value::boolean(b)); }

std::vector<BoundExprPtr> single(BoundExprPtr e) {
  std::vector<BoundExprPtr> v;
  v.push_back(std::move(e));
  return v;
}

// 'pg_class'::regclass and friends: the object's OID, looked up when the query is planned (as
// PostgreSQL does for constants). Digits stand for the OID itself.
BoundExprPtr fold_object_name(Type target, const std::string& name, int position) {
  bool digits = !name.empty();
  for (char c : name) digits = digits && c >= '0' && c <= '9';
  if (digits) return engine::make_constant(parse_value(name, target));
  const PlanningContext* context = current_planning_context();
  std::optional<uint32_t> oid;
  if (context && context->provider) {
    switch (target.id) {
      case TypeId::RegClass: oid = context->provider->regclass(name); break;
      case TypeId::RegType: oid = context->provider->regtype(name); break;
      case TypeId::RegProc: oid = context->provider->regproc(name); break;
      default: oid = context->provider->regnamespace(name); break;
    }
  }
  if (!oid) {
    switch (target.id) {
      case TypeId::RegClass:
        throw SqlError(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist", position);
      case TypeId::RegType: throw SqlError(sqlstate::kUndefinedObject, "type \"" + name + "\" does not exist", position);
      case TypeId::RegProc:
        throw SqlError(sqlstate::kUndefinedFunction, "function \"" + name + "\" does not exist", position);
      default: throw SqlError(sqlstate::kUndefinedObject, "schema \"" + name + "\" does not exist", position);
    }
  }
  return engine::make_constant(Value::make_int(target, *oid));
}

}  // namespace

Type resolve_type(const ast::TypeName& name) {
  std::string_view written = name.name;
  if (written.rfind("pg_catalog.", 0) == 0) written.remove_prefix(11);  // pg_catalog.int4 is int4
  auto t = type_from_name(written, name.modifier);
  if (!t) throw SqlError(sqlstate::kUndefinedObject, "type \"" + name.name + "\" does not exist", name.position);
  return *t;
}

bool contains_aggregate(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::Function && e.over) return false;  // max(x) OVER (...) is a window call
  if (e.kind == ast::ExprKind::Function && !e.name.empty() && engine::is_aggregate_name(e.name.back()))
    return true;
  for (const auto& a : e.args)
    if (a && contains_aggregate(*a)) return true;
  if (e.case_operand && contains_aggregate(*e.case_operand)) return true;
  if (e.case_else && contains_aggregate(*e.case_else)) return true;
  return false;
}

std::string default_column_name(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::ColumnRef: return e.name.empty() ? "?column?" : e.name.back();
    case ast::ExprKind::Function: return e.name.empty() ? "?column?" : e.name.back();
    case ast::ExprKind::Cast: {
      std::string inner = default_column_name(*e.args[0]);
      if (inner != "?column?") return inner;
      auto t = type_from_name(e.type_name.name, e.type_name.modifier);
      return t ? t->pg_typname() : e.type_name.name;
    }
    case ast::ExprKind::Literal:
      if (e.literal_kind == ast::LiteralKind::Typed) {
        auto t = type_from_name(e.type_name.name, e.type_name.modifier);
        return t ? t->pg_typname() : e.type_name.name;
      }
      return "?column?";
    case ast::ExprKind::Case: return "case";
    case ast::ExprKind::Array: return "array";
    case ast::ExprKind::Exists: return "exists";
    case ast::ExprKind::Subquery:  // PostgreSQL names a scalar subquery after its one column
      if (e.subquery && !e.subquery->items.empty() && e.subquery->items[0].expr) {
        const auto& item = e.subquery->items[0];
        return item.alias.empty() ? default_column_name(*item.expr) : item.alias;
      }
      return "?column?";
    case ast::ExprKind::FieldSelect: return e.text;
    default: return "?column?";
  }
}

BoundExprPtr ExpressionBinder::bind(const ast::Expr& expr) const {
  if (intercept_) {
    if (BoundExprPtr r = intercept_(expr)) return r;
  }
  return bind_node(expr);
}

BoundExprPtr ExpressionBinder::bind_node(const ast::Expr& e) const {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Literal: return bind_literal(e);
    case K::ColumnRef: return bind_column(e);
    case K::Star:
      throw SqlError(sqlstate::kSyntaxError, "* is not allowed here", e.position);
    case K::Unary: {
      std::vector<BoundExprPtr> args;
      args.push_back(bind(*e.args[0]));
      return engine::bind_operator(e.op, std::move(args), e.position);
    }
    case K::Binary: {
      std::vector<BoundExprPtr> args;
      args.push_back(bind(*e.args[0]));
      args.push_back(bind(*e.args[1]));
      return engine::bind_operator(e.op, std::move(args), e.position);
    }
    case K::Function: return bind_function(e);
    case K::Cast: {
      Type target = resolve_type(e.type_name);
      BoundExprPtr arg = bind(*e.args[0]);
      if (target.is_oid_like() && target.id != TypeId::Oid && arg->kind == engine::BoundKind::Constant &&
          !arg->value.is_null && arg->type.physical() == PhysicalType::String)
        return fold_object_name(target, arg->value.s, e.position);
      return engine::bind_cast(std::move(arg), target, e.position);
    }
    case K::Case: return bind_case(e);
    case K::IsNull:
      return engine::bind_is_null(bind(*e.args[0]), e.negated, e.position);
    case K::IsBool: {
      std::vector<BoundExprPtr> args;
      args.push_back(bind(*e.args[0]));
      std::string op = std::string(e.negated ? "is not " : "is ") + (e.text == "false" ? "false" : "true");
      return engine::bind_operator(op, std::move(args), e.position);
    }
    case K::InList: return bind_in_list(e);
    case K::Between:
      return engine::bind_between(bind(*e.args[0]), bind(*e.args[1]), bind(*e.args[2]), e.negated, e.position);
    case K::Like: {
      std::vector<BoundExprPtr> args;
      for (const auto& a : e.args) args.push_back(bind(*a));  // pattern, and ESCAPE when given
      std::string op = e.op.empty() ? "like" : e.op;
      return engine::bind_operator(e.negated ? "not " + op : op, std::move(args), e.position);
    }
    case K::Param: {
      const auto* params = current_parameters();
      if (!params || e.param_index < 1 || e.param_index > static_cast<int>(params->size()))
        throw SqlError(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(e.param_index), e.position);
      const ParameterValue& p = (*params)[e.param_index - 1];
      BoundExprPtr c;
      if (p.is_null) c = engine::make_constant(p.typed ? Value::null(p.value.type) : Value::null());
      else if (p.typed) c = engine::make_constant(p.value);
      else c = engine::make_unknown_literal(p.text, e.position);
      c->parameter = e.param_index;  // an untyped one reports the type it is cast to (parameter_types.h)
      return c;
    }
    case K::InSubquery: {
      BoundExprPtr in = bind_subquery(e, engine::SubqueryMode::Any, "=", bind(*e.args[0]));
      return e.negated ? engine::bind_operator("not", single(std::move(in)), e.position) : std::move(in);
    }
    case K::Subquery: return bind_subquery(e, engine::SubqueryMode::Scalar, "", nullptr);
    case K::Exists: return bind_subquery(e, engine::SubqueryMode::Exists, "", nullptr);
    case K::Array: {
      if (e.subquery) return bind_subquery(e, engine::SubqueryMode::Array, "", nullptr);
      std::vector<BoundExprPtr> items;
      for (const auto& a : e.args) items.push_back(bind(*a));
      return engine::bind_array_constructor(std::move(items), e.position);
    }
    case K::AnyAll: {
      const bool all = e.text == "all";
      const ast::Expr& right = *e.args[1];
      if (right.kind == K::Subquery)
        return bind_subquery(right, all ? engine::SubqueryMode::All : engine::SubqueryMode::Any, e.op, bind(*e.args[0]));
      return engine::bind_array_any_all(e.op, all, bind(*e.args[0]), bind(right), e.position);
    }
    case K::FieldSelect: return bind_field(e);
  }
  throw SqlError(sqlstate::kInternalError, "unhandled expression", e.position);
}

BoundExprPtr ExpressionBinder::bind_literal(const ast::Expr& e) const {
  using L = ast::LiteralKind;
  switch (e.literal_kind) {
    case L::Null: return engine::make_constant(Value::null());
    case L::Bool: return boolean_constant(e.text == "true");
    case L::Integer: {
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(e.text.c_str(), &end, 10);
      if (errno == ERANGE) return engine::make_constant(Value::numeric(std::strtod(e.text.c_str(), nullptr)));
      if (v >= INT32_MIN && v <= INT32_MAX) return engine::make_constant(Value::int32(v));
      return engine::make_constant(Value::int64(v));
    }
    case L::Decimal: return engine::make_constant(Value::numeric(std::strtod(e.text.c_str(), nullptr)));
    case L::String: return engine::make_unknown_literal(e.text, e.position);
    case L::Typed:
      return engine::bind_cast(engine::make_unknown_literal(e.text, e.position), resolve_type(e.type_name), e.position);
  }
  return engine::make_constant(Value::null());
}

BoundExprPtr ExpressionBinder::bind_column(const ast::Expr& e) const {
  std::string qualifier, name;
  if (e.name.size() == 1) {
    name = e.name[0];
  } else if (e.name.size() >= 2) {
    qualifier = e.name[e.name.size() - 2];
    name = e.name.back();
  }
  int idx = scope_.find(qualifier, name, e.position);
  if (idx >= 0) return engine::make_column_ref(idx, scope_.columns[idx].type, name);
  if (BoundExprPtr outer = bind_outer_column(qualifier, name, e.position)) return outer;
  if (e.name.size() == 1) {
    // A bare relation alias standing for its one column: FROM generate_series(1, 3) s ... s
    int only = -1, count = 0;
    for (size_t i = 0; i < scope_.columns.size(); ++i)
      if (scope_.columns[i].qualifier == name && !scope_.columns[i].hidden) {
        only = static_cast<int>(i);
        ++count;
      }
    if (count == 1) return engine::make_column_ref(only, scope_.columns[only].type, name);
  }
  throw SqlError(sqlstate::kUndefinedColumn, "column \"" + join_name(e.name) + "\" does not exist", e.position);
}

BoundExprPtr ExpressionBinder::bind_function(const ast::Expr& e) const {
  const std::string& name = e.name.back();
  if (e.over)  // the batch planner computes the window calls it supports before binding
    throw SqlError(sqlstate::kFeatureNotSupported, "window function " + name + "() is not supported in " + clause_,
                   e.position);
  if (engine::is_aggregate_name(name))
    throw SqlError(sqlstate::kGroupingError, "aggregate functions are not allowed in " + clause_, e.position);
  if (name == "window" || name == "session_window")
    throw SqlError(sqlstate::kSyntaxError, name + "() is only allowed in GROUP BY", e.position);
  if (e.distinct)
    throw SqlError(sqlstate::kWrongObjectType, "DISTINCT specified, but " + name + " is not an aggregate function", e.position);
  if (!e.order_by.empty())
    throw SqlError(sqlstate::kWrongObjectType, "ORDER BY specified, but " + name + " is not an aggregate function", e.position);
  std::vector<BoundExprPtr> args;
  for (const auto& a : e.args) args.push_back(bind(*a));
  return engine::bind_function(name, std::move(args), e.position);
}

BoundExprPtr ExpressionBinder::bind_case(const ast::Expr& e) const {
  std::vector<BoundExprPtr> conditions, results;
  for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
    if (e.case_operand) {
      std::vector<BoundExprPtr> eq;
      eq.push_back(bind(*e.case_operand));
      eq.push_back(bind(*e.args[i]));
      conditions.push_back(engine::bind_operator("=", std::move(eq), e.args[i]->position));
    } else {
      conditions.push_back(bind(*e.args[i]));
    }
    results.push_back(bind(*e.args[i + 1]));
  }
  return engine::bind_case(std::move(conditions), std::move(results), e.case_else ? bind(*e.case_else) : nullptr,
                           e.position);
}

BoundExprPtr ExpressionBinder::bind_in_list(const ast::Expr& e) const {
  std::vector<BoundExprPtr> items;
  for (size_t i = 1; i < e.args.size(); ++i) items.push_back(bind(*e.args[i]));
  return engine::bind_in_list(bind(*e.args[0]), std::move(items), e.negated, e.position);
}

}  // namespace eddy::planner
