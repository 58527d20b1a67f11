#include "planner/expression_binder.h"

#include <cerrno>
#include <cstdlib>

#include "common/error.h"
#include "engine/aggregate_spec.h"

namespace eddy::planner {

using engine::BoundExpr;
using engine::BoundExprPtr;
using engine::BoundKind;

namespace {

std::string join_name(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

BoundExprPtr make_node(BoundKind kind, Type type, int position) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = type;
  e->position = position;
  return e;
}

BoundExprPtr boolean_constant(bool b) { return engine::make_constant(Value::boolean(b)); }

}  // namespace

Type resolve_type(const ast::TypeName& name) {
  auto t = type_from_name(name.name, name.modifier);
  if (!t) throw SqlError(sqlstate::kUndefinedObject, "type \"" + name.name + "\" does not exist", name.position);
  return *t;
}

bool contains_aggregate(const ast::Expr& e) {
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
    case K::Cast: return engine::bind_cast(bind(*e.args[0]), resolve_type(e.type_name), e.position);
    case K::Case: return bind_case(e);
    case K::IsNull: {
      auto n = make_node(BoundKind::IsNull, Type::boolean(), e.position);
      n->children.push_back(bind(*e.args[0]));
      n->negated = e.negated;
      return n;
    }
    case K::IsBool: {
      // x IS TRUE = coalesce(x, false); x IS FALSE = coalesce(NOT x, false); NOT negates.
      BoundExprPtr x = engine::bind_cast(bind(*e.args[0]), Type::boolean(), e.position);
      if (e.text == "false") {
        std::vector<BoundExprPtr> a;
        a.push_back(std::move(x));
        x = engine::bind_operator("not", std::move(a), e.position);
      }
      auto c = make_node(BoundKind::Coalesce, Type::boolean(), e.position);
      c->children.push_back(std::move(x));
      c->children.push_back(boolean_constant(false));
      if (!e.negated) return c;
      std::vector<BoundExprPtr> a;
      a.push_back(std::move(c));
      return engine::bind_operator("not", std::move(a), e.position);
    }
    case K::InList: return bind_in_list(e);
    case K::Between: {
      // x BETWEEN a AND b  =  x >= a AND x <= b
      std::vector<BoundExprPtr> lo, hi, both;
      lo.push_back(bind(*e.args[0]));
      lo.push_back(bind(*e.args[1]));
      hi.push_back(bind(*e.args[0]));
      hi.push_back(bind(*e.args[2]));
      both.push_back(engine::bind_operator(">=", std::move(lo), e.position));
      both.push_back(engine::bind_operator("<=", std::move(hi), e.position));
      BoundExprPtr r = engine::bind_operator("and", std::move(both), e.position);
      if (!e.negated) return r;
      std::vector<BoundExprPtr> a;
      a.push_back(std::move(r));
      return engine::bind_operator("not", std::move(a), e.position);
    }
    case K::Like: {
      std::vector<BoundExprPtr> args;
      args.push_back(bind(*e.args[0]));
      args.push_back(bind(*e.args[1]));
      BoundExprPtr r = engine::bind_operator(e.op.empty() ? "like" : e.op, std::move(args), e.position);
      if (!e.negated) return r;
      std::vector<BoundExprPtr> a;
      a.push_back(std::move(r));
      return engine::bind_operator("not", std::move(a), e.position);
    }
    case K::Param:
      throw SqlError(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(e.param_index), e.position);
    case K::InSubquery:
    case K::Subquery:
    case K::Exists:
      throw SqlError(sqlstate::kFeatureNotSupported, "subqueries are not supported yet", e.position);
    case K::Array:
    case K::AnyAll:
      throw SqlError(sqlstate::kFeatureNotSupported, "arrays are not supported yet", e.position);
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
    case L::String: {
      BoundExprPtr c = engine::make_constant(Value::text(e.text));
      c->unknown_literal = true;
      c->position = e.position;
      return c;
    }
    case L::Typed: {
      BoundExprPtr c = engine::make_constant(Value::text(e.text));
      c->unknown_literal = true;
      c->position = e.position;
      return engine::bind_cast(std::move(c), resolve_type(e.type_name), e.position);
    }
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
  if (idx < 0)
    throw SqlError(sqlstate::kUndefinedColumn, "column \"" + join_name(e.name) + "\" does not exist", e.position);
  return engine::make_column_ref(idx, scope_.columns[idx].type, name);
}

BoundExprPtr ExpressionBinder::bind_function(const ast::Expr& e) const {
  const std::string& name = e.name.back();
  if (engine::is_aggregate_name(name))
    throw SqlError(sqlstate::kGroupingError, "aggregate functions are not allowed in " + clause_, e.position);
  if (name == "window" || name == "session_window")
    throw SqlError(sqlstate::kSyntaxError, name + "() is only allowed in GROUP BY", e.position);
  if (e.distinct)
    throw SqlError(sqlstate::kWrongObjectType, "DISTINCT specified, but " + name + " is not an aggregate function", e.position);
  std::vector<BoundExprPtr> args;
  for (const auto& a : e.args) args.push_back(bind(*a));
  return engine::bind_function(name, std::move(args), e.position);
}

BoundExprPtr ExpressionBinder::bind_case(const ast::Expr& e) const {
  auto node = make_node(BoundKind::Case, Type::null(), e.position);
  std::vector<BoundExprPtr> thens;
  for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
    BoundExprPtr when;
    if (e.case_operand) {
      std::vector<BoundExprPtr> eq;
      eq.push_back(bind(*e.case_operand));
      eq.push_back(bind(*e.args[i]));
      when = engine::bind_operator("=", std::move(eq), e.args[i]->position);
    } else {
      when = engine::bind_cast(bind(*e.args[i]), Type::boolean(), e.args[i]->position);
    }
    node->children.push_back(std::move(when));
    thens.push_back(bind(*e.args[i + 1]));
  }
  BoundExprPtr otherwise = e.case_else ? bind(*e.case_else) : engine::make_constant(Value::null());
  Type result = otherwise->type;
  for (const auto& t : thens) result = engine::common_supertype(result, t->type, e.position);
  if (result.id == TypeId::Null) result = Type::text();
  for (size_t i = 0; i < thens.size(); ++i) {
    BoundExprPtr t = thens[i]->type == result ? std::move(thens[i]) : engine::bind_cast(std::move(thens[i]), result, e.position);
    node->children.insert(node->children.begin() + static_cast<long>(2 * i + 1), std::move(t));
  }
  node->children.push_back(otherwise->type == result ? std::move(otherwise) : engine::bind_cast(std::move(otherwise), result, e.position));
  node->has_else = true;
  node->type = result;
  return node;
}

BoundExprPtr ExpressionBinder::bind_in_list(const ast::Expr& e) const {
  // x IN (a, b)  =  x = a OR x = b, which keeps SQL's NULL semantics.
  BoundExprPtr result;
  for (size_t i = 1; i < e.args.size(); ++i) {
    std::vector<BoundExprPtr> eq;
    eq.push_back(bind(*e.args[0]));
    eq.push_back(bind(*e.args[i]));
    BoundExprPtr cmp = engine::bind_operator("=", std::move(eq), e.args[i]->position);
    if (!result) {
      result = std::move(cmp);
    } else {
      std::vector<BoundExprPtr> both;
      both.push_back(std::move(result));
      both.push_back(std::move(cmp));
      result = engine::bind_operator("or", std::move(both), e.position);
    }
  }
  if (!result) return boolean_constant(e.negated);
  if (!e.negated) return result;
  std::vector<BoundExprPtr> a;
  a.push_back(std::move(result));
  return engine::bind_operator("not", std::move(a), e.position);
}

}  // namespace eddy::planner
