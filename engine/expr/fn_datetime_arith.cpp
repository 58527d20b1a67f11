// Date/time arithmetic operators, with PostgreSQL's result types:
//   timestamp[tz] +/- interval -> timestamp[tz]     date +/- interval -> timestamp
//   date +/- integer -> date                         date - date -> integer (days)
//   timestamp - timestamp -> interval (days and time, "1 day 02:00:00", never months)
//   interval +/- interval, interval * number, number * interval, interval / number, - interval
#include <cmath>

#include "common/value_text.h"
#include "engine/expr/binding.h"
#include "engine/expr/datetime_util.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/operators.h"

namespace eddy::engine::ops {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

[[noreturn]] void interval_out_of_range() { throw_out_of_range(Type::interval()); }

// ts +/- interval; kSwap: the interval comes first (interval + timestamp).
template <int kSign, bool kSwap>
void ts_interval(const KArgs& args, size_t rows, Column& out) {
  auto t = ints(*args[kSwap ? 1 : 0], rows);
  auto iv = intervals(*args[kSwap ? 0 : 1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) o[i] = is_null_at(nulls, i) ? 0 : dt::add_interval(t[i], iv[i], kSign);
}

template <int kSign, bool kSwap>
void date_int(const KArgs& args, size_t rows, Column& out) {
  auto d = ints(*args[kSwap ? 1 : 0], rows);
  auto n = ints(*args[kSwap ? 0 : 1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    const int64_t r = d[i] + kSign * n[i];
    if ((r < -2440588 || r >= 2145042906) && !is_null_at(nulls, i)) {  // PostgreSQL's date range
      throw SqlError(sqlstate::kDatetimeFieldOverflow, "date out of range");
    }
    o[i] = r;
  }
}

void date_minus_date(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows), b = ints(*args[1], rows);
  prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) o[i] = a[i] - b[i];
}

// PostgreSQL's timestamp_mi: the difference in days and time (justify_hours), no months.
void ts_minus_ts(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows), b = ints(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  Interval* o = out.intervals().data();
  for (size_t i = 0; i < rows; ++i) {
    int64_t diff = 0;
    if (__builtin_sub_overflow(a[i], b[i], &diff) && !is_null_at(nulls, i)) interval_out_of_range();
    o[i] = Interval{0, static_cast<int32_t>(diff / kMicrosPerDay), diff % kMicrosPerDay};
  }
}

template <int kSign>
void interval_plus(const KArgs& args, size_t rows, Column& out) {
  auto a = intervals(*args[0], rows), b = intervals(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  Interval* o = out.intervals().data();
  for (size_t i = 0; i < rows; ++i) {
    Interval r;
    bool overflow = __builtin_add_overflow(a[i].months, kSign * int64_t{b[i].months}, &r.months);
    overflow |= __builtin_add_overflow(a[i].days, kSign * int64_t{b[i].days}, &r.days);
    overflow |= kSign > 0 ? __builtin_add_overflow(a[i].micros, b[i].micros, &r.micros)
                          : __builtin_sub_overflow(a[i].micros, b[i].micros, &r.micros);
    if (overflow && !is_null_at(nulls, i)) interval_out_of_range();
    o[i] = r;
  }
}

// PostgreSQL's interval_mul / interval_div: fractional months spill into days (30 per month),
// fractional days into time.
Interval scale_interval(const Interval& span, double factor, bool divide) {
  if (divide && factor == 0.0) throw_division_by_zero();
  auto scaled = [&](double x) { return divide ? x / factor : x * factor; };
  auto ts_round = [](double x) { return std::rint(x * 1e6) / 1e6; };
  auto to_int32 = [](double x) {
    if (std::isnan(x) || x > 2147483647.0 || x < -2147483648.0) interval_out_of_range();
    return static_cast<int32_t>(x);
  };
  Interval r;
  r.months = to_int32(scaled(span.months));
  r.days = to_int32(scaled(span.days));
  double month_remainder_days = ts_round((scaled(span.months) - r.months) * 30.0);
  double sec_remainder =
      ts_round((scaled(span.days) - r.days + month_remainder_days - static_cast<int>(month_remainder_days)) * 86400.0);
  if (std::fabs(sec_remainder) >= 86400.0) {
    const int whole = static_cast<int>(sec_remainder / 86400.0);
    if (__builtin_add_overflow(r.days, whole, &r.days)) interval_out_of_range();
    sec_remainder -= whole * 86400.0;
  }
  if (__builtin_add_overflow(r.days, static_cast<int32_t>(month_remainder_days), &r.days)) interval_out_of_range();
  const double time = std::rint(scaled(static_cast<double>(span.micros)) + sec_remainder * 1e6);
  if (std::isnan(time) || !(time >= -9223372036854775808.0 && time < 9223372036854775808.0)) interval_out_of_range();
  r.micros = static_cast<int64_t>(time);
  return r;
}

// interval * number, number * interval (kSwap), interval / number (kDivide).
template <bool kSwap, bool kDivide>
void interval_scale(const KArgs& args, size_t rows, Column& out) {
  auto iv = intervals(*args[kSwap ? 1 : 0], rows);
  auto f = floats(*args[kSwap ? 0 : 1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  Interval* o = out.intervals().data();
  for (size_t i = 0; i < rows; ++i) o[i] = is_null_at(nulls, i) ? Interval{} : scale_interval(iv[i], f[i], kDivide);
}

bool is_ts(Type t) { return t.id == TypeId::Timestamp || t.id == TypeId::TimestampTz; }
bool is_small_int(Type t) { return t.id == TypeId::Int16 || t.id == TypeId::Int32; }

BoundExprPtr call(char op, Type result, ScalarFn fn, Args& args, int position) {
  return bind::make_call(std::string(1, op), result, fn, std::move(args), position);
}

}  // namespace

BoundExprPtr bind_datetime_arithmetic(char op, Args& args, int position) {
  const Type l = args[0]->type, r = args[1]->type;
  const bool liv = l.id == TypeId::Interval, riv = r.id == TypeId::Interval;
  const bool ldate = l.id == TypeId::Date, rdate = r.id == TypeId::Date;
  switch (op) {
    case '+':
      if (is_ts(l) && riv) return call(op, l, &ts_interval<1, false>, args, position);
      if (liv && is_ts(r)) return call(op, r, &ts_interval<1, true>, args, position);
      if (ldate && riv) {
        args[0] = bind::coerce_implicit(std::move(args[0]), Type::timestamp());
        return call(op, Type::timestamp(), &ts_interval<1, false>, args, position);
      }
      if (liv && rdate) {
        args[1] = bind::coerce_implicit(std::move(args[1]), Type::timestamp());
        return call(op, Type::timestamp(), &ts_interval<1, true>, args, position);
      }
      if (ldate && is_small_int(r)) return call(op, l, &date_int<1, false>, args, position);
      if (is_small_int(l) && rdate) return call(op, r, &date_int<1, true>, args, position);
      if (liv && riv) return call(op, l, &interval_plus<1>, args, position);
      return nullptr;
    case '-':
      if (is_ts(l) && riv) return call(op, l, &ts_interval<-1, false>, args, position);
      if (ldate && riv) {
        args[0] = bind::coerce_implicit(std::move(args[0]), Type::timestamp());
        return call(op, Type::timestamp(), &ts_interval<-1, false>, args, position);
      }
      if (ldate && is_small_int(r)) return call(op, l, &date_int<-1, false>, args, position);
      if (ldate && rdate) return call(op, Type::int32(), &date_minus_date, args, position);
      if (bind::category(l) == bind::Category::DateTime && bind::category(r) == bind::Category::DateTime) {
        const Type t = bind::common_type(l, r, "", position);
        for (auto& a : args) a = bind::coerce_implicit(std::move(a), t);
        return call(op, Type::interval(), &ts_minus_ts, args, position);
      }
      if (liv && riv) return call(op, l, &interval_plus<-1>, args, position);
      return nullptr;
    case '*':
      if (liv && r.is_numeric()) {
        args[1] = bind::coerce_implicit(std::move(args[1]), Type::float64());
        return call(op, l, &interval_scale<false, false>, args, position);
      }
      if (l.is_numeric() && riv) {
        args[0] = bind::coerce_implicit(std::move(args[0]), Type::float64());
        return call(op, r, &interval_scale<true, false>, args, position);
      }
      return nullptr;
    case '/':
      if (liv && r.is_numeric()) {
        args[1] = bind::coerce_implicit(std::move(args[1]), Type::float64());
        return call(op, l, &interval_scale<false, true>, args, position);
      }
      return nullptr;
    default: return nullptr;
  }
}

}  // namespace eddy::engine::ops
