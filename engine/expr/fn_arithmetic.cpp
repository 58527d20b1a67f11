// Numeric arithmetic with PostgreSQL's result types and errors:
//   int2/int4/int8: the wider operand type; overflow raises 22003 "integer out of range" (or
//   smallint/bigint); `/` truncates toward zero; `/` and `%` by zero raise 22012.
//   float4 op float4 is float4 (rounded to single precision), any other float mix is float8;
//   an infinite result from finite operands is 22003 "value out of range: overflow".
//   numeric (a double in this version) when no float is involved.
#include <cmath>

#include "common/error.h"
#include "engine/expr/binding.h"
#include "engine/expr/cast_kernels.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/operators.h"

namespace eddy::engine::ops {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

template <char Op>
void int_arith(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows), b = ints(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  const TypeId t = out.type().id;
  const int64_t lo = int_min(t), hi = int_max(t);
  int64_t* o = out.ints().data();
  bool bad = false;
  for (size_t i = 0; i < rows; ++i) {
    const int64_t x = a[i], y = b[i];
    int64_t r = 0;
    bool overflow = false;
    if constexpr (Op == '+') {
      overflow = __builtin_add_overflow(x, y, &r);
    } else if constexpr (Op == '-') {
      overflow = __builtin_sub_overflow(x, y, &r);
    } else if constexpr (Op == '*') {
      overflow = __builtin_mul_overflow(x, y, &r);
    } else {
      if (y == 0) {
        if (!is_null_at(nulls, i)) throw_division_by_zero();
      } else if (y == -1) {  // x / -1 overflows for the minimum; x % -1 is 0
        if constexpr (Op == '/') overflow = __builtin_sub_overflow(int64_t{0}, x, &r);
      } else {
        r = Op == '/' ? x / y : x % y;
      }
    }
    bad |= (overflow || r < lo || r > hi) && !is_null_at(nulls, i);
    o[i] = r;
  }
  if (bad) throw_out_of_range(out.type());
}

template <char Op>
void float_arith(const KArgs& args, size_t rows, Column& out) {
  auto a = floats(*args[0], rows), b = floats(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  const TypeId t = out.type().id;
  double* o = out.floats().data();
  bool overflow = false, underflow = false;
  for (size_t i = 0; i < rows; ++i) {
    const double x = a[i], y = b[i];
    double r;
    if constexpr (Op == '+') {
      r = x + y;
    } else if constexpr (Op == '-') {
      r = x - y;
    } else if constexpr (Op == '*') {
      r = x * y;
    } else {
      if (y == 0.0 && !std::isnan(x) && !is_null_at(nulls, i)) throw_division_by_zero();
      r = Op == '/' ? x / y : std::fmod(x, y);
    }
    if (t == TypeId::Float32) r = static_cast<double>(static_cast<float>(r));
    if (is_null_at(nulls, i)) {
      o[i] = 0;
      continue;
    }
    overflow |= std::isinf(r) && !std::isinf(x) && !std::isinf(y);
    if constexpr (Op == '*') underflow |= r == 0.0 && x != 0.0 && y != 0.0;
    if constexpr (Op == '/') underflow |= r == 0.0 && x != 0.0 && !std::isinf(y);
    o[i] = r;
  }
  if (overflow) throw_out_of_range(out.type());
  if (underflow && t != TypeId::Numeric) throw_float_underflow();
}

void int_negate(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  const int64_t lo = int_min(out.type().id);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    if (a[i] == lo && !is_null_at(nulls, i)) throw_out_of_range(out.type());
    o[i] = a[i] == lo ? 0 : -a[i];
  }
}

void float_negate(const KArgs& args, size_t rows, Column& out) {
  auto a = floats(*args[0], rows);
  prepare_output(args, rows, out);
  double* o = out.floats().data();
  for (size_t i = 0; i < rows; ++i) o[i] = -a[i];
}

void interval_negate(const KArgs& args, size_t rows, Column& out) {
  auto a = intervals(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  Interval* o = out.intervals().data();
  for (size_t i = 0; i < rows; ++i) {
    const Interval& x = a[i];
    const bool overflow = x.months == INT32_MIN || x.days == INT32_MIN || x.micros == INT64_MIN;
    if (overflow && !is_null_at(nulls, i)) throw_out_of_range(Type::interval());
    o[i] = overflow ? Interval{} : Interval{-x.months, -x.days, -x.micros};
  }
}

template <char Op>
ScalarFn arith_kernel(bool integer) {
  return integer ? &int_arith<Op> : &float_arith<Op>;
}

ScalarFn pick_kernel(char op, bool integer) {
  switch (op) {
    case '+': return arith_kernel<'+'>(integer);
    case '-': return arith_kernel<'-'>(integer);
    case '*': return arith_kernel<'*'>(integer);
    case '/': return arith_kernel<'/'>(integer);
    default: return arith_kernel<'%'>(integer);
  }
}

}  // namespace

BoundExprPtr bind_numeric_arithmetic(char op, Args& args, int position) {
  const Type l = args[0]->type, r = args[1]->type;
  if (!l.is_numeric() || !r.is_numeric()) return nullptr;
  Type t = bind::arithmetic_result(l, r);
  if (op == '%' && !t.is_integer()) {
    // PostgreSQL has % for integers and numeric only.
    const bool any_float = (l.is_floating() && l.id != TypeId::Numeric) || (r.is_floating() && r.id != TypeId::Numeric);
    if (any_float) return nullptr;
    t = Type::numeric();
  }
  for (auto& a : args) a = bind::coerce_implicit(std::move(a), t);
  return bind::make_call(std::string(1, op), t, pick_kernel(op, t.is_integer()), std::move(args), position);
}

BoundExprPtr bind_unary_sign(char op, Args& args, int position) {
  const Type t = args[0]->type;
  ScalarFn fn = nullptr;
  if (op == '+') {
    if (t.is_numeric()) fn = &casts::relabel;
  } else if (t.is_integer()) {
    fn = &int_negate;
  } else if (t.is_floating()) {
    fn = &float_negate;
  } else if (t.id == TypeId::Interval) {
    fn = &interval_negate;
  }
  if (fn == nullptr) return nullptr;
  const bool constant = args[0]->kind == BoundKind::Constant;
  auto call = bind::make_call(std::string(1, op), t, fn, std::move(args), position);
  if (!constant) return call;
  try {  // fold -5 into a constant, as PostgreSQL's planner does (EXPLAIN shows -5, not (- 5))
    auto folded = make_constant(evaluate_constant(*call));
    folded->position = position;
    return folded;
  } catch (const SqlError&) {
    return call;  // e.g. -(-2147483648): fails if and when evaluated
  }
}

}  // namespace eddy::engine::ops
