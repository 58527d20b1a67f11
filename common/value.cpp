#include "common/value.h"

namespace eddy {

namespace {
template <typename T>
int cmp3(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}
}  // namespace

int compare_values(const Value& a, const Value& b) {
  if (a.is_null || b.is_null) return a.is_null == b.is_null ? 0 : (a.is_null ? 1 : -1);
  PhysicalType pa = a.type.physical(), pb = b.type.physical();
  if (pa == PhysicalType::Int64 && pb == PhysicalType::Float64) return cmp3(static_cast<double>(a.i), b.f);
  if (pa == PhysicalType::Float64 && pb == PhysicalType::Int64) return cmp3(a.f, static_cast<double>(b.i));
  if (pa != pb) return cmp3(static_cast<int>(pa), static_cast<int>(pb));
  switch (pa) {
    case PhysicalType::Int64: return cmp3(a.i, b.i);
    case PhysicalType::Float64: return cmp3(a.f, b.f);
    case PhysicalType::String: return a.s.compare(b.s) < 0 ? -1 : (a.s == b.s ? 0 : 1);
    case PhysicalType::Interval: return cmp3(a.iv.approx_micros(), b.iv.approx_micros());
  }
  return 0;
}

bool values_equal(const Value& a, const Value& b) { return compare_values(a, b) == 0; }

}  // namespace eddy
