#pragma once
// A single SQL value: used for literals, group keys, snapshot rows and protocol parameters.
// The hot path works on Columns (column.h), not on Values.

#include <cstdint>
#include <string>
#include <vector>

#include "common/type.h"

namespace eddy {

// PostgreSQL's interval: months and days are kept apart from the time part because their length
// in microseconds is not fixed.
struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
  friend bool operator==(const Interval&, const Interval&) = default;
  // Length assuming 30-day months and 24-hour days (PostgreSQL's interval comparison rule).
  int64_t approx_micros() const { return (int64_t(months) * 30 + days) * 86400000000LL + micros; }
};

struct Value {
  Type type;
  bool is_null = true;
  int64_t i = 0;    // Int64 physical class (see type.h)
  double f = 0;     // Float64 physical class
  std::string s;    // String physical class
  Interval iv;      // Interval physical class

  static Value null(Type t = Type::null()) { Value v; v.type = t; return v; }
  static Value boolean(bool b) { return make_int(Type::boolean(), b ? 1 : 0); }
  static Value int64(int64_t x) { return make_int(Type::int64(), x); }
  static Value int32(int64_t x) { return make_int(Type::int32(), x); }
  static Value float64(double x) { Value v; v.type = Type::float64(); v.is_null = false; v.f = x; return v; }
  static Value numeric(double x) { Value v = float64(x); v.type = Type::numeric(); return v; }
  static Value text(std::string x) { Value v; v.type = Type::text(); v.is_null = false; v.s = std::move(x); return v; }
  static Value timestamp(int64_t micros) { return make_int(Type::timestamp(), micros); }
  static Value interval(Interval x) { Value v; v.type = Type::interval(); v.is_null = false; v.iv = x; return v; }
  static Value make_int(Type t, int64_t x) { Value v; v.type = t; v.is_null = false; v.i = x; return v; }

  bool as_bool() const { return i != 0; }
};

using Row = std::vector<Value>;

// Total order used by ORDER BY and by min/max: NULLs sort last (PostgreSQL's default for ASC).
// Values of different physical classes compare by class. Returns <0, 0, >0.
int compare_values(const Value& a, const Value& b);
bool values_equal(const Value& a, const Value& b);

}  // namespace eddy
