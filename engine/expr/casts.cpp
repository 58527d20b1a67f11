// Which casts exist (PostgreSQL's pg_cast, in its three contexts) and how cast nodes are built.
//
//   implicit    numeric widening (int2 < int4 < int8 < numeric < float4 < float8),
//               varchar <-> text, date -> timestamp -> timestamptz
//   assignment  + numeric narrowing (range-checked), timestamptz -> timestamp, timestamp -> date,
//               anything -> text/varchar (its output text; varchar(n) raises 22001 if too long)
//   explicit    + text -> anything (its input function), bool <-> integer,
//               varchar(n) truncates
#include "common/error.h"
#include "engine/expr/binding.h"
#include "engine/expr/cast_kernels.h"
#include "engine/expr/names.h"
#include "engine/expr/parameter_types.h"

namespace eddy::engine {
namespace bind {
namespace {

ScalarFn to_text_fn(bool explicit_cast) {
  return explicit_cast ? &casts::to_text_explicit : &casts::to_text_assignment;
}

bool representation_kept(Type from, Type to) {
  if (from.is_integer() && to.is_integer()) return numeric_rank(from) <= numeric_rank(to);
  const bool plain_strings = (from.id == TypeId::Text || from.id == TypeId::Varchar || from.id == TypeId::Name) &&
                             (to.id == TypeId::Text || (to.id == TypeId::Varchar && to.modifier < 0));
  if (from.is_oid_like() && (to.is_oid_like() || to.id == TypeId::Int64)) return true;
  if (from.is_integer() && to.is_oid_like()) return true;
  return plain_strings;
}

}  // namespace

ScalarFn find_cast(Type from, Type to, CastContext ctx) {
  const bool is_explicit = ctx == CastContext::Explicit;
  const bool assign = ctx != CastContext::Implicit;
  if (from.id == TypeId::Null) return &casts::null_to_any;
  const Category cf = category(from), ct = category(to);
  // The reg* types print and read names (regclassout / regclassin), not numbers.
  const bool from_reg = from.is_oid_like() && from.id != TypeId::Oid, to_reg = to.is_oid_like() && to.id != TypeId::Oid;
  if (from_reg && ct == Category::String) return assign ? &casts::reg_to_text : nullptr;
  if (to_reg && cf == Category::String) return is_explicit ? &casts::text_to_reg : nullptr;
  if (ct == Category::String) {
    if (to.id == TypeId::Varchar && to.modifier >= 0 && !(from.id == TypeId::Varchar && from.modifier >= 0 && from.modifier <= to.modifier)) {
      return (cf == Category::String || assign) ? to_text_fn(is_explicit) : nullptr;
    }
    if (cf == Category::String) return &casts::relabel;
    return assign ? to_text_fn(is_explicit) : nullptr;
  }
  if (from.id == to.id) return &casts::relabel;
  if (cf == Category::String) return is_explicit ? &casts::from_text : nullptr;
  if (ct == Category::Oid || cf == Category::Oid) {
    if (cf == Category::Oid && ct == Category::Oid) return &casts::relabel;
    if (ct == Category::Oid && from.is_integer()) return &casts::relabel;
    if (cf == Category::Oid && to.id == TypeId::Int64) return &casts::relabel;
    if (cf == Category::Oid && to.is_integer()) return assign ? &casts::int_to_int : nullptr;
    return nullptr;
  }
  if (cf == Category::Array && ct == Category::Array) {
    if (from.element() != to.element() && !(from.element().is_integer() && to.element().is_integer()) &&
        !(from.element().is_oid_like() && to.element().is_oid_like()))
      return nullptr;
    return from.id == to.id ? &casts::relabel : &casts::array_to_array;
  }
  if (cf == Category::Numeric && ct == Category::Numeric) {
    const bool widening = numeric_rank(from) < numeric_rank(to);
    if (!widening && !assign) return nullptr;
    if (from.is_integer() && to.is_integer()) return widening ? &casts::relabel : &casts::int_to_int;
    if (from.is_integer()) return &casts::int_to_float;
    if (to.is_integer()) return from.id == TypeId::Numeric ? &casts::numeric_to_int : &casts::float_to_int;
    return &casts::float_to_float;
  }
  if (cf == Category::DateTime && ct == Category::DateTime) {
    if (from.id == TypeId::Date) return &casts::date_to_timestamp;
    if (to.id == TypeId::Date) return assign ? &casts::timestamp_to_date : nullptr;
    if (from.id == TypeId::Timestamp) return &casts::relabel;
    return assign ? &casts::relabel : nullptr;  // timestamptz -> timestamp
  }
  if (is_explicit && from.id == TypeId::Bool && to.id == TypeId::Int32) return &casts::relabel;
  if (is_explicit && from.id == TypeId::Int32 && to.id == TypeId::Bool) return &casts::int_to_bool;
  return nullptr;
}

BoundExprPtr build_cast(BoundExprPtr arg, Type target, CastContext ctx, int position) {
  const bool unknown = is_unknown(*arg);
  if (unknown && arg->parameter != 0) note_parameter_type(arg->parameter, target);
  Type from = arg->type;
  if (unknown) {
    from = arg->value.is_null ? Type::null() : Type::text();
    arg->type = from;
  }
  CastContext lookup = ctx;
  if (unknown && category(target) != Category::String) lookup = CastContext::Explicit;
  if (unknown && category(target) == Category::String && ctx == CastContext::Implicit) lookup = CastContext::Assignment;
  ScalarFn fn = find_cast(from, target, lookup);
  if (fn == nullptr) {
    throw SqlError("42846", "cannot cast type " + Type(from.id).sql_name() + " to " + target.sql_name(), position);
  }
  const bool is_constant = arg->kind == BoundKind::Constant;
  const int arg_position = arg->position;
  std::vector<BoundExprPtr> kids;
  kids.push_back(std::move(arg));
  auto node = make_call(std::string(ctx == CastContext::Explicit ? names::kCast : names::kImplicitCast), target, fn,
                        std::move(kids), position);
  if (!is_constant) return node;
  try {
    auto folded = make_constant(evaluate_constant(*node));
    folded->type = target;
    folded->position = arg_position != 0 ? arg_position : position;
    const std::string& inner = node->children[0]->name;
    const bool strong = !inner.empty() && inner.rfind("::", 0) != 0;
    folded->name = (ctx == CastContext::Explicit && !strong) ? "::" + std::string(target.pg_typname()) : inner;
    return folded;
  } catch (SqlError& err) {
    if (!unknown) return node;  // a typed constant fails when (and if) a row needs it
    if (err.position() == 0) err.with_position(arg_position != 0 ? arg_position : position);
    throw;
  }
}

BoundExprPtr coerce_implicit(BoundExprPtr e, Type target) {
  if (!is_unknown(*e) && (e->type == target || representation_kept(e->type, target))) return e;
  const int position = e->position;
  return build_cast(std::move(e), target, CastContext::Implicit, position);
}

}  // namespace bind

BoundExprPtr bind_cast(BoundExprPtr arg, Type target, int position) {
  return bind::build_cast(std::move(arg), target, bind::CastContext::Explicit, position);
}

BoundExprPtr coerce_to(BoundExprPtr arg, Type target, std::string_view column_name, int position) {
  if (!bind::is_unknown(*arg)) {
    if (arg->type == target) return arg;
    if (bind::find_cast(arg->type, target, bind::CastContext::Assignment) == nullptr) {
      throw SqlError(sqlstate::kDatatypeMismatch,
                     "column \"" + std::string(column_name) + "\" is of type " + target.sql_name() +
                         " but expression is of type " + arg->type.sql_name(),
                     position)
          .with_hint("You will need to rewrite or cast the expression.");
    }
  }
  return bind::build_cast(std::move(arg), target, bind::CastContext::Assignment, position);
}

}  // namespace eddy::engine
