#pragma once
// Helpers for writing ScalarFn kernels (internal to engine/expr).
//
// A kernel receives its arguments as Columns with either `rows` values or exactly one value that
// stands for every row (a constant argument, broadcast without being copied). In<T> hides the
// difference: in[i] reads row i of either shape. prepare_output() sizes the result and gives it
// the OR of the arguments' null maps, which is what every strict function needs; kernels then
// loop over all rows (NULL slots hold default values) and only have to be careful not to raise
// an error for a NULL row.

#include <cstdint>
#include <string>
#include <vector>

#include "common/column.h"
#include "common/error.h"
#include "common/value.h"

namespace eddy::engine::kernel {

// 1 when `c` holds a value per row, 0 when it is a broadcast constant.
inline size_t stride(const Column& c, size_t rows) { return c.size() == rows ? 1 : 0; }

template <class T>
struct In {
  const T* data = nullptr;
  const uint8_t* nulls = nullptr;  // nullptr: no NULLs
  size_t step = 1;

  const T& operator[](size_t i) const { return data[i * step]; }
  bool null(size_t i) const { return nulls != nullptr && nulls[i * step] != 0; }
  bool constant() const { return step == 0; }
};

inline const uint8_t* null_map(const Column& c) { return c.has_nulls() ? c.nulls().data() : nullptr; }

inline In<int64_t> ints(const Column& c, size_t rows) {
  return {c.ints().data(), null_map(c), stride(c, rows)};
}
inline In<double> floats(const Column& c, size_t rows) {
  return {c.floats().data(), null_map(c), stride(c, rows)};
}
inline In<std::string> strings(const Column& c, size_t rows) {
  return {c.strings().data(), null_map(c), stride(c, rows)};
}
inline In<Interval> intervals(const Column& c, size_t rows) {
  return {c.intervals().data(), null_map(c), stride(c, rows)};
}

// Sizes the data vector of out's physical type to `rows` and sets its null map to the OR of the
// arguments' null maps. Returns that map, or nullptr when no row is NULL.
uint8_t* prepare_output(const std::vector<const Column*>& args, size_t rows, Column& out);

// Sizes out's data vector to `rows` with no null map (for functions that are never NULL).
void size_output(size_t rows, Column& out);

inline bool is_null_at(const uint8_t* nulls, size_t i) { return nulls != nullptr && nulls[i] != 0; }

// Marks row i of a prepared output as NULL (materializing the map if needed); returns the map.
uint8_t* set_output_null(Column& out, size_t i);

// PostgreSQL's orderings: NaN equals NaN and sorts above every other float; intervals compare
// by their length with 30-day months and 24-hour days (so '1 day' = '24 hours').
inline int cmp_float(double a, double b) {
  if (a != a) return b != b ? 0 : 1;
  if (b != b) return -1;
  return a < b ? -1 : (a > b ? 1 : 0);
}
__extension__ typedef __int128 Int128;  // __extension__: no -Wpedantic warning
inline int cmp_interval(const Interval& a, const Interval& b) {
  const Int128 x = static_cast<Int128>(int64_t{a.months} * 30 + a.days) * 86400000000LL + a.micros;
  const Int128 y = static_cast<Int128>(int64_t{b.months} * 30 + b.days) * 86400000000LL + b.micros;
  return x < y ? -1 : (x > y ? 1 : 0);
}

// Errors shared by several kernels.
[[noreturn]] void throw_out_of_range(Type t);      // "integer out of range", "bigint out of range", ...
[[noreturn]] void throw_division_by_zero();        // 22012
[[noreturn]] void throw_float_overflow();          // "value out of range: overflow"
[[noreturn]] void throw_float_underflow();         // "value out of range: underflow"

// Range of the integer type `t` (int2/int4/int8; bool and others count as int8).
int64_t int_min(TypeId t);
int64_t int_max(TypeId t);

// Orders row i of `a` against row j of `b` (same physical type, neither NULL): <0, 0, >0.
inline int compare_rows(const Column& a, size_t i, const Column& b, size_t j) {
  switch (a.type().physical()) {
    case PhysicalType::Int64: return (a.ints()[i] > b.ints()[j]) - (a.ints()[i] < b.ints()[j]);
    case PhysicalType::Float64: return cmp_float(a.floats()[i], b.floats()[j]);
    case PhysicalType::String: return a.strings()[i].compare(b.strings()[j]);
    case PhysicalType::Interval: return cmp_interval(a.intervals()[i], b.intervals()[j]);
  }
  return 0;
}

}  // namespace eddy::engine::kernel
