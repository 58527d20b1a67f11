// CASE, IN lists, IS NULL, BETWEEN, boolean conditions and the statement clock.
#include "common/error.h"
#include "common/value_text.h"
#include "engine/expr/binding.h"
#include "engine/expr/special_forms.h"

namespace eddy::engine {
namespace {

thread_local std::optional<int64_t> t_statement_time;

BoundExprPtr node(BoundKind kind, Type type, int position) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = type;
  e->position = position;
  return e;
}

}  // namespace

BoundExprPtr make_unknown_literal(std::string text, int position) {
  auto e = make_constant(Value::text(std::move(text)));
  e->unknown_literal = true;
  e->position = position;
  return e;
}

BoundExprPtr coerce_to_boolean(BoundExprPtr arg, std::string_view clause, int position) {
  if (bind::is_unknown(*arg)) return bind::coerce_implicit(std::move(arg), Type::boolean());
  if (arg->type.id == TypeId::Bool) return arg;
  throw SqlError(sqlstate::kDatatypeMismatch,
                 "argument of " + std::string(clause) + " must be type boolean, not type " + arg->type.sql_name(),
                 arg->position != 0 ? arg->position : position);
}

BoundExprPtr bind_case(std::vector<BoundExprPtr> conditions, std::vector<BoundExprPtr> results,
                       BoundExprPtr else_result, int position) {
  auto e = node(BoundKind::Case, Type::text(), position);
  std::vector<BoundExprPtr> all_results = std::move(results);
  if (else_result) all_results.push_back(std::move(else_result));
  const Type t = bind::common_type_of(all_results, "CASE", position);
  e->type = t;
  const size_t pairs = conditions.size();
  for (size_t i = 0; i < pairs; ++i) {
    e->children.push_back(coerce_to_boolean(std::move(conditions[i]), "CASE/WHEN", position));
    e->children.push_back(bind::coerce_implicit(std::move(all_results[i]), t));
  }
  if (all_results.size() > pairs) {
    e->has_else = true;
    e->children.push_back(bind::coerce_implicit(std::move(all_results.back()), t));
  }
  return e;
}

BoundExprPtr bind_in_list(BoundExprPtr lhs, std::vector<BoundExprPtr> items, bool negated, int position) {
  Type t = bind::is_unknown(*lhs) ? Type::null() : lhs->type;
  for (const auto& item : items) {
    if (bind::is_unknown(*item)) continue;
    // Like `=`: OIDs and integers compare with each other.
    const bool oid_mix = (t.is_oid_like() || t.is_integer()) && (item->type.is_oid_like() || item->type.is_integer());
    const bool ok = t.id == TypeId::Null || oid_mix || bind::category(t) == bind::category(item->type);
    if (!ok) {
      std::vector<BoundExprPtr> pair;
      pair.push_back(lhs->clone());
      pair.push_back(item->clone());
      bind::throw_undefined_operator(bind::operator_signature("=", pair), position);
    }
    t = bind::common_type(t, item->type, "IN", position);
  }
  if (t.id == TypeId::Null) t = Type::text();
  if (t.id == TypeId::Varchar) t = Type::text();
  auto e = node(BoundKind::InList, Type::boolean(), position);
  e->negated = negated;
  e->children.push_back(bind::coerce_implicit(std::move(lhs), t));
  for (auto& item : items) e->children.push_back(bind::coerce_implicit(std::move(item), t));
  return e;
}

BoundExprPtr bind_is_null(BoundExprPtr arg, bool negated, int position) {
  auto e = node(BoundKind::IsNull, Type::boolean(), position);
  e->negated = negated;
  if (bind::is_unknown(*arg)) arg = bind::coerce_implicit(std::move(arg), Type::text());
  e->children.push_back(std::move(arg));
  return e;
}

BoundExprPtr bind_between(BoundExprPtr x, BoundExprPtr lo, BoundExprPtr hi, bool negated, int position) {
  std::vector<BoundExprPtr> low, high;
  low.push_back(x->clone());
  low.push_back(std::move(lo));
  high.push_back(std::move(x));
  high.push_back(std::move(hi));
  std::vector<BoundExprPtr> both;
  both.push_back(bind_operator(negated ? "<" : ">=", std::move(low), position));
  both.push_back(bind_operator(negated ? ">" : "<=", std::move(high), position));
  return bind_operator(negated ? "or" : "and", std::move(both), position);
}

StatementTimeScope::StatementTimeScope(int64_t micros) : previous_(t_statement_time) { t_statement_time = micros; }
StatementTimeScope::StatementTimeScope() : StatementTimeScope(now_micros()) {}
StatementTimeScope::~StatementTimeScope() { t_statement_time = previous_; }

int64_t statement_time_micros() { return t_statement_time ? *t_statement_time : now_micros(); }

}  // namespace eddy::engine
