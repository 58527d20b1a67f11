// Comparison operators over every type, IS [NOT] DISTINCT FROM, IS [NOT] TRUE/FALSE/UNKNOWN.
//
// Operands are first brought to one type: numbers to the wider numeric type (an integer
// compared with a float compares as float), date/timestamp/timestamptz to the later of the
// three, varchar/text as text. Text compares bytewise (the C collation); floats order NaN above
// everything and equal to itself; intervals compare by length ('1 day' = '24 hours').
#include "engine/expr/binding.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/operators.h"

namespace eddy::engine::ops {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

enum class Cmp { Eq, Ne, Lt, Le, Gt, Ge };

template <Cmp C>
inline bool holds(int c) {
  switch (C) {
    case Cmp::Eq: return c == 0;
    case Cmp::Ne: return c != 0;
    case Cmp::Lt: return c < 0;
    case Cmp::Le: return c <= 0;
    case Cmp::Gt: return c > 0;
    case Cmp::Ge: return c >= 0;
  }
  return false;
}

template <Cmp C>
void cmp_int(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows), b = ints(*args[1], rows);
  prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  if (b.constant()) {  // col > 10: the common case, kept a simple loop
    const int64_t y = b[0];
    for (size_t i = 0; i < rows; ++i) o[i] = holds<C>((a[i] > y) - (a[i] < y));
    return;
  }
  for (size_t i = 0; i < rows; ++i) o[i] = holds<C>((a[i] > b[i]) - (a[i] < b[i]));
}

template <Cmp C>
void cmp_float(const KArgs& args, size_t rows, Column& out) {
  auto a = floats(*args[0], rows), b = floats(*args[1], rows);
  prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) o[i] = holds<C>(kernel::cmp_float(a[i], b[i]));
}

template <Cmp C>
void cmp_string(const KArgs& args, size_t rows, Column& out) {
  auto a = strings(*args[0], rows), b = strings(*args[1], rows);
  prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  if constexpr (C == Cmp::Eq || C == Cmp::Ne) {
    for (size_t i = 0; i < rows; ++i) o[i] = (a[i] == b[i]) == (C == Cmp::Eq);
  } else {
    for (size_t i = 0; i < rows; ++i) o[i] = holds<C>(a[i].compare(b[i]));
  }
}

template <Cmp C>
void cmp_interval(const KArgs& args, size_t rows, Column& out) {
  auto a = intervals(*args[0], rows), b = intervals(*args[1], rows);
  prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) o[i] = holds<C>(kernel::cmp_interval(a[i], b[i]));
}

template <Cmp C>
ScalarFn kernel_for(PhysicalType p) {
  switch (p) {
    case PhysicalType::Int64: return &cmp_int<C>;
    case PhysicalType::Float64: return &cmp_float<C>;
    case PhysicalType::String: return &cmp_string<C>;
    case PhysicalType::Interval: return &cmp_interval<C>;
  }
  return nullptr;
}

ScalarFn comparison_kernel(std::string_view op, PhysicalType p) {
  if (op == "=") return kernel_for<Cmp::Eq>(p);
  if (op == "<>") return kernel_for<Cmp::Ne>(p);
  if (op == "<") return kernel_for<Cmp::Lt>(p);
  if (op == "<=") return kernel_for<Cmp::Le>(p);
  if (op == ">") return kernel_for<Cmp::Gt>(p);
  return kernel_for<Cmp::Ge>(p);
}

// Three-way comparison of row i of a and row j of b (same physical type, neither NULL).

template <bool kNotDistinct>
void distinct_kernel(const KArgs& args, size_t rows, Column& out) {
  const Column &a = *args[0], &b = *args[1];
  const size_t sa = stride(a, rows), sb = stride(b, rows);
  size_output(rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    const bool na = a.is_null(i * sa), nb = b.is_null(i * sb);
    bool distinct;
    if (na || nb) {
      distinct = na != nb;
    } else {
      distinct = kernel::compare_rows(a, i * sa, b, i * sb) != 0;
    }
    o[i] = distinct != kNotDistinct;
  }
}

// IS TRUE / IS NOT TRUE / IS FALSE / IS NOT FALSE / IS UNKNOWN / IS NOT UNKNOWN: never NULL.
template <int kWant, bool kNegated>  // kWant: 1 true, 0 false, -1 unknown
void bool_test(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows);
  size_output(rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    const int state = a.null(i) ? -1 : (a[i] != 0 ? 1 : 0);
    o[i] = (state == kWant) != kNegated;
  }
}

// Brings both operands to the type they are compared in; false when they do not compare.
bool unify(Args& args) {
  Type l = args[0]->type, r = args[1]->type;
  const auto cl = bind::category(l), cr = bind::category(r);
  // OIDs compare with OIDs and integers as the numbers they are (all int64 in memory).
  if ((cl == bind::Category::Oid || l.is_integer()) && (cr == bind::Category::Oid || r.is_integer()) &&
      (cl == bind::Category::Oid || cr == bind::Category::Oid))
    return true;
  if (cl != cr) return false;
  Type t;
  switch (cl) {
    case bind::Category::Numeric:
      if (l.is_integer() && r.is_integer()) return true;  // all integers are int64 in memory
      t = bind::arithmetic_result(l, r);  // float4 only against float4, as PostgreSQL resolves it
      break;
    case bind::Category::String:
      return true;  // text and varchar share their representation
    case bind::Category::DateTime:
      t = bind::common_type(l, r, "", 0);
      if (t.id != TypeId::Date && l.id != TypeId::Date && r.id != TypeId::Date) return true;  // ts ~ tstz in UTC
      break;
    case bind::Category::Bool:
    case bind::Category::Timespan:
    case bind::Category::Json:
    case bind::Category::Oid: return true;
    case bind::Category::Array:  // by their canonical text: equality only is meaningful
      return l.element() == r.element() || (l.element().is_integer() && r.element().is_integer());
    case bind::Category::Unknown: return false;
  }
  for (auto& a : args) a = bind::coerce_implicit(std::move(a), t);
  return true;
}

}  // namespace

BoundExprPtr bind_comparison(std::string_view op, Args& args, int position) {
  if (!unify(args)) return nullptr;
  const PhysicalType p = args[0]->type.physical();
  return bind::make_call(std::string(op), Type::boolean(), comparison_kernel(op, p), std::move(args), position);
}

BoundExprPtr bind_distinct(bool not_distinct, Args& args, int position) {
  if (!unify(args)) return nullptr;
  ScalarFn fn = not_distinct ? &distinct_kernel<true> : &distinct_kernel<false>;
  return bind::make_call(not_distinct ? "is not distinct from" : "is distinct from", Type::boolean(), fn,
                         std::move(args), position);
}

BoundExprPtr bind_bool_test(std::string_view op, Args& args, int position) {
  if (args[0]->type.id != TypeId::Bool) return nullptr;
  ScalarFn fn = nullptr;
  if (op == "is true") fn = &bool_test<1, false>;
  if (op == "is not true") fn = &bool_test<1, true>;
  if (op == "is false") fn = &bool_test<0, false>;
  if (op == "is not false") fn = &bool_test<0, true>;
  if (op == "is unknown") fn = &bool_test<-1, false>;
  if (op == "is not unknown") fn = &bool_test<-1, true>;
  if (fn == nullptr) return nullptr;
  return bind::make_call(std::string(op), Type::boolean(), fn, std::move(args), position);
}

}  // namespace eddy::engine::ops
