// compare_values() / values_equal(): the total order used by ORDER BY, min/max and group keys.

#include <catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "common/value.h"
#include "common/value_text.h"

using namespace eddy;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
int sign(int x) { return (x > 0) - (x < 0); }
}  // namespace

TEST_CASE("compare_values: integers, floats and mixed", "[compare]") {
  CHECK(compare_values(Value::int64(1), Value::int64(2)) < 0);
  CHECK(compare_values(Value::int64(2), Value::int64(1)) > 0);
  CHECK(compare_values(Value::int64(7), Value::int32(7)) == 0);
  CHECK(compare_values(Value::int64(std::numeric_limits<int64_t>::min()), Value::int64(std::numeric_limits<int64_t>::max())) < 0);
  CHECK(compare_values(Value::float64(-0.0), Value::float64(0.0)) == 0);
  CHECK(compare_values(Value::float64(1.5), Value::float64(2.5)) < 0);
  CHECK(compare_values(Value::int64(2), Value::float64(2.5)) < 0);
  CHECK(compare_values(Value::float64(2.0), Value::int64(2)) == 0);
  CHECK(compare_values(Value::numeric(3), Value::int64(2)) > 0);
  CHECK(compare_values(Value::float64(-kInf), Value::int64(std::numeric_limits<int64_t>::min())) < 0);
  CHECK(values_equal(Value::int64(5), Value::float64(5.0)));
  CHECK_FALSE(values_equal(Value::int64(5), Value::int64(6)));
}

TEST_CASE("compare_values: NaN is equal to NaN and above everything, as in PostgreSQL", "[compare]") {
  CHECK(compare_values(Value::float64(kNaN), Value::float64(kNaN)) == 0);
  CHECK(compare_values(Value::float64(kNaN), Value::float64(kInf)) > 0);
  CHECK(compare_values(Value::float64(kInf), Value::float64(kNaN)) < 0);
  CHECK(compare_values(Value::float64(kNaN), Value::int64(1)) > 0);
  CHECK(compare_values(Value::int64(1), Value::float64(kNaN)) < 0);
  CHECK(compare_values(Value::float64(kNaN), Value::null(Type::float64())) < 0);  // NULL is still last
  std::vector<Value> v = {Value::float64(kNaN), Value::float64(1), Value::float64(-kInf), Value::float64(kNaN),
                          Value::float64(kInf), Value::float64(-2)};
  std::sort(v.begin(), v.end(), [](const Value& a, const Value& b) { return compare_values(a, b) < 0; });
  CHECK(format_value(v[0]) == "-Infinity");
  CHECK(format_value(v[1]) == "-2");
  CHECK(format_value(v[2]) == "1");
  CHECK(format_value(v[3]) == "Infinity");
  CHECK(std::isnan(v[4].f));
  CHECK(std::isnan(v[5].f));
}

TEST_CASE("compare_values: NULLs sort last and equal each other", "[compare]") {
  CHECK(compare_values(Value::null(), Value::null()) == 0);
  CHECK(compare_values(Value::null(Type::int64()), Value::int64(1)) > 0);
  CHECK(compare_values(Value::int64(1), Value::null(Type::int64())) < 0);
  CHECK(compare_values(Value::text(""), Value::null(Type::text())) < 0);
  CHECK(values_equal(Value::null(Type::int64()), Value::null(Type::text())));
}

TEST_CASE("compare_values: strings by bytes, booleans, dates and timestamps", "[compare]") {
  CHECK(compare_values(Value::text("a"), Value::text("b")) < 0);
  CHECK(compare_values(Value::text("ab"), Value::text("a")) > 0);
  CHECK(compare_values(Value::text(""), Value::text("a")) < 0);
  CHECK(compare_values(Value::text("B"), Value::text("a")) < 0);  // byte order ("C" collation)
  CHECK(compare_values(Value::text("é"), Value::text("z")) > 0);
  CHECK(compare_values(Value::text("x"), Value::text("x")) == 0);
  CHECK(compare_values(Value::boolean(false), Value::boolean(true)) < 0);
  CHECK(compare_values(Value::timestamp(parse_timestamp("1969-12-31 23:59:59")), Value::timestamp(0)) < 0);
  CHECK(compare_values(Value::make_int(Type::date(), parse_date("2024-02-29")),
                       Value::make_int(Type::date(), parse_date("2024-03-01"))) < 0);
}

TEST_CASE("compare_values: intervals by their length with 30-day months", "[compare]") {
  auto iv = [](const char* s) { return Value::interval(parse_interval(s)); };
  CHECK(compare_values(iv("1 mon"), iv("30 days")) == 0);
  CHECK(compare_values(iv("1 day"), iv("24 hours")) == 0);
  CHECK(compare_values(iv("1 day"), iv("23:59:59")) > 0);
  CHECK(compare_values(iv("-1 days +02:00:00"), iv("-22:00:00")) == 0);
  CHECK(compare_values(iv("1 minute"), iv("00:00:59.999999")) > 0);
  // Spans beyond int64 microseconds still compare correctly.
  CHECK(compare_values(iv("178956970 years"), iv("177956970 years")) > 0);
  CHECK(compare_values(iv("-178956970 years"), iv("178956970 years")) < 0);
  CHECK(compare_values(iv("178956970 years"), iv("2147483647 days")) > 0);
}

TEST_CASE("compare_values: different classes order by class, consistently", "[compare]") {
  const std::vector<Value> values = {Value::int64(3), Value::float64(2.5), Value::text("a"),
                                     Value::interval({0, 1, 0}), Value::null(), Value::float64(kNaN)};
  for (const Value& a : values) {
    for (const Value& b : values) {
      CHECK(sign(compare_values(a, b)) == -sign(compare_values(b, a)));
      for (const Value& c : values) {  // transitivity
        if (compare_values(a, b) <= 0 && compare_values(b, c) <= 0) CHECK(compare_values(a, c) <= 0);
      }
    }
  }
  CHECK(compare_values(Value::int64(1), Value::text("1")) != 0);
}
