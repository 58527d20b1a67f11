// Type categories, implicit coercibility and common types, after PostgreSQL's pg_type /
// pg_cast tables and its select_common_type().
#include "common/error.h"
#include "engine/expr/binding.h"

namespace eddy::engine {
namespace bind {

bool is_unknown(const BoundExpr& e) {
  return e.kind == BoundKind::Constant && (e.unknown_literal || e.type.id == TypeId::Null);
}

Category category(Type t) {
  switch (t.id) {
    case TypeId::Null: return Category::Unknown;
    case TypeId::Bool: return Category::Bool;
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64:
    case TypeId::Float32:
    case TypeId::Float64:
    case TypeId::Numeric: return Category::Numeric;
    case TypeId::Text:
    case TypeId::Varchar: return Category::String;
    case TypeId::Timestamp:
    case TypeId::TimestampTz:
    case TypeId::Date: return Category::DateTime;
    case TypeId::Interval: return Category::Timespan;
    case TypeId::Jsonb: return Category::Json;
    case TypeId::Oid:
    case TypeId::RegClass:
    case TypeId::RegType:
    case TypeId::RegProc:
    case TypeId::RegNamespace: return Category::Oid;
    case TypeId::Name:
    case TypeId::Char: return Category::String;
    case TypeId::Int2Vector:
    case TypeId::OidVector:
    case TypeId::Array: return Category::Array;
  }
  return Category::Unknown;
}

bool is_preferred(Type t) {
  switch (t.id) {
    case TypeId::Bool:
    case TypeId::Float64:
    case TypeId::Text:
    case TypeId::TimestampTz:
    case TypeId::Interval: return true;
    default: return false;
  }
}

int numeric_rank(Type t) {
  switch (t.id) {
    case TypeId::Int16: return 1;
    case TypeId::Int32: return 2;
    case TypeId::Int64: return 3;
    case TypeId::Numeric: return 4;
    case TypeId::Float32: return 5;
    case TypeId::Float64: return 6;
    default: return 0;
  }
}

namespace {
int datetime_rank(Type t) {
  switch (t.id) {
    case TypeId::Date: return 1;
    case TypeId::Timestamp: return 2;
    case TypeId::TimestampTz: return 3;
    default: return 0;
  }
}
}  // namespace

bool can_coerce_implicitly(Type from, Type to) {
  if (from.id == TypeId::Null || from.id == to.id) return true;
  // pg_cast: integers -> oid and the reg* types, oid -> bigint, and among the OID types.
  if (to.is_oid_like()) return from.is_integer() || from.is_oid_like();
  if (from.is_oid_like()) return to.id == TypeId::Int64;
  const int nf = numeric_rank(from), nt = numeric_rank(to);
  if (nf > 0 && nt > 0) return nf < nt;
  if (category(from) == Category::String && category(to) == Category::String) return true;
  const int df = datetime_rank(from), dt = datetime_rank(to);
  return df > 0 && dt > 0 && df < dt;
}

Type arithmetic_result(Type a, Type b) {
  if (a.id == TypeId::Float32 && b.id == TypeId::Float32) return Type::float32();
  if (a.is_floating() && a.id != TypeId::Numeric) return Type::float64();
  if (b.is_floating() && b.id != TypeId::Numeric) return Type::float64();
  return numeric_rank(a) >= numeric_rank(b) ? Type(a.id) : Type(b.id);
}

Type common_type(Type a, Type b, std::string_view context, int position) {
  if (a.id == TypeId::Null) return b;
  if (b.id == TypeId::Null) return a;
  if (a.id == b.id) return a.modifier == b.modifier ? a : Type(a.id);
  if (a.is_oid_like() && b.is_oid_like()) return Type::oid_type();
  if ((a.is_oid_like() && b.is_integer()) || (a.is_integer() && b.is_oid_like())) return Type::oid_type();
  const int na = numeric_rank(a), nb = numeric_rank(b);
  if (na > 0 && nb > 0) return na >= nb ? Type(a.id) : Type(b.id);
  if (category(a) == Category::String && category(b) == Category::String) return Type::text();
  const int da = datetime_rank(a), db = datetime_rank(b);
  if (da > 0 && db > 0) return da >= db ? a : b;
  std::string msg = std::string(context);
  if (!msg.empty()) msg += " ";
  msg += "types " + Type(a.id).sql_name() + " and " + Type(b.id).sql_name() + " cannot be matched";
  throw SqlError(sqlstate::kDatatypeMismatch, msg, position);
}

Type common_type_of(const std::vector<BoundExprPtr>& exprs, std::string_view context, int position) {
  Type t = Type::null();
  for (const auto& e : exprs) {
    if (!is_unknown(*e)) t = common_type(t, e->type, context, e->position != 0 ? e->position : position);
  }
  return t.id == TypeId::Null ? Type::text() : t;
}

std::string error_type_name(const BoundExpr& e) {
  if (is_unknown(e)) return "unknown";
  return Type(e.type.id).sql_name();
}

}  // namespace bind

Type common_supertype(Type a, Type b, int position) { return bind::common_type(a, b, "", position); }

}  // namespace eddy::engine
