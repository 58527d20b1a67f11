#include "common/value.h"

#include <cmath>

namespace eddy {

namespace {
template <typename T>
int cmp3(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// PostgreSQL's float8 order: NaN equals NaN and sorts above every other value; -0 equals 0.
// Without this NaN would compare equal to everything and break sorting's strict weak order.
int cmp_double(double a, double b) {
  if (std::isnan(a)) return std::isnan(b) ? 0 : 1;
  if (std::isnan(b)) return -1;
  return cmp3(a, b);
}

// Interval order as PostgreSQL's interval_cmp: 30-day months, 24-hour days, computed in 128
// bits because the span of a large interval does not fit in int64 microseconds.
__extension__ using Int128 = __int128;
int cmp_interval(const Interval& a, const Interval& b) {
  auto span = [](const Interval& iv) {
    return (Int128{iv.months} * 30 + iv.days) * Int128{86400000000LL} + iv.micros;
  };
  return cmp3(span(a), span(b));
}
}  // namespace

int compare_values(const Value& a, const Value& b) {
  if (a.is_null || b.is_null) return a.is_null == b.is_null ? 0 : (a.is_null ? 1 : -1);
  PhysicalType pa = a.type.physical(), pb = b.type.physical();
  if (pa == PhysicalType::Int64 && pb == PhysicalType::Float64) return cmp_double(static_cast<double>(a.i), b.f);
  if (pa == PhysicalType::Float64 && pb == PhysicalType::Int64) return cmp_double(a.f, static_cast<double>(b.i));
  if (pa != pb) return cmp3(static_cast<int>(pa), static_cast<int>(pb));
  switch (pa) {
    case PhysicalType::Int64: return cmp3(a.i, b.i);
    case PhysicalType::Float64: return cmp_double(a.f, b.f);
    case PhysicalType::String: return a.s.compare(b.s) < 0 ? -1 : (a.s == b.s ? 0 : 1);
    case PhysicalType::Interval: return cmp_interval(a.iv, b.iv);
  }
  return 0;
}

bool values_equal(const Value& a, const Value& b) { return compare_values(a, b) == 0; }

}  // namespace eddy
