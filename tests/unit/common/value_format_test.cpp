// Text output: format_value(), the format_* helpers and append_value_text() over Columns.
// Expected texts are PostgreSQL 15's (checked against a live server when these were written).

#include <catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "common/column.h"
#include "common/datetime_limits.h"
#include "common/value_text.h"

using namespace eddy;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

int64_t ts(int64_t y, unsigned m, unsigned d, int64_t hh = 0, int64_t mi = 0, int64_t ss = 0, int64_t us = 0) {
  return days_from_civil(y, m, d) * kMicrosPerDay + hh * kMicrosPerHour + mi * kMicrosPerMinute +
         ss * kMicrosPerSecond + us;
}
}  // namespace

TEST_CASE("format_value: booleans, integers, text", "[format]") {
  CHECK(format_value(Value::boolean(true)) == "t");
  CHECK(format_value(Value::boolean(false)) == "f");
  CHECK(format_value(Value::make_int(Type::int16(), -32768)) == "-32768");
  CHECK(format_value(Value::int32(2147483647)) == "2147483647");
  CHECK(format_value(Value::int64(0)) == "0");
  CHECK(format_value(Value::int64(kInt64Max)) == "9223372036854775807");
  CHECK(format_value(Value::int64(kInt64Min)) == "-9223372036854775808");
  CHECK(format_value(Value::text("")) == "");
  CHECK(format_value(Value::text("héllo\twörld")) == "héllo\twörld");
  Value j = Value::text("{\"a\": 1}");
  j.type = Type::jsonb();
  CHECK(format_value(j) == "{\"a\": 1}");
  CHECK(format_value(Value::null(Type::int64())) == "");
  CHECK(format_value(Value::null()) == "");
}

TEST_CASE("format_float8: shortest round-trip with PostgreSQL's notation switch", "[format][float]") {
  CHECK(format_float8(0.1) == "0.1");
  CHECK(format_float8(1e100) == "1e+100");
  CHECK(format_float8(123456789012345680.0) == "1.2345678901234568e+17");
  CHECK(format_float8(0) == "0");
  CHECK(format_float8(-0.0) == "-0");
  CHECK(format_float8(1) == "1");
  CHECK(format_float8(-2.5) == "-2.5");
  CHECK(format_float8(100) == "100");
  CHECK(format_float8(1e14) == "100000000000000");          // exponent 14: positional
  CHECK(format_float8(999999999999999.0) == "999999999999999");
  CHECK(format_float8(1e15) == "1e+15");                    // exponent 15: scientific
  CHECK(format_float8(123456789012345.6) == "123456789012345.6");
  CHECK(format_float8(0.0001) == "0.0001");                 // exponent -4: positional
  CHECK(format_float8(0.00001) == "1e-05");                 // exponent -5: scientific
  CHECK(format_float8(0.00001234) == "1.234e-05");
  CHECK(format_float8(1.5e-7) == "1.5e-07");
  CHECK(format_float8(1.0 / 3) == "0.3333333333333333");
  CHECK(format_float8(2.0 / 3) == "0.6666666666666666");
  CHECK(format_float8(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_float8(5e-324) == "5e-324");
  CHECK(format_float8(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
  CHECK(format_float8(std::numeric_limits<double>::min()) == "2.2250738585072014e-308");
  CHECK(format_float8(9007199254740993.0) == "9.007199254740992e+15");
  CHECK(format_float8(1e23) == "9.999999999999999e+22");  // 1e23 is exactly halfway: Ryu's form
  CHECK(format_float8(kInf) == "Infinity");
  CHECK(format_float8(-kInf) == "-Infinity");
  CHECK(format_float8(kNaN) == "NaN");
  CHECK(format_float8(-kNaN) == "NaN");
}

TEST_CASE("format_float4: shortest round-trip as a float", "[format][float]") {
  CHECK(format_float4(0.1) == "0.1");
  CHECK(format_float4(0.1f) == "0.1");
  CHECK(format_float4(1.0 / 3) == "0.33333334");
  CHECK(format_float4(999999) == "999999");
  CHECK(format_float4(1e6) == "1e+06");  // float4 switches at exponent 6
  CHECK(format_float4(1234567) == "1.234567e+06");
  CHECK(format_float4(123456789) == "1.2345679e+08");
  CHECK(format_float4(0.0001) == "0.0001");
  CHECK(format_float4(1e-5) == "1e-05");
  CHECK(format_float4(3.4e38) == "3.4e+38");
  CHECK(format_float4(-0.0) == "-0");
  CHECK(format_float4(2.15e9) == "2.1500001e+09");  // halfway between two floats: Ryu's form
  CHECK(format_float4(1e300) == "Infinity");         // out of float range
  CHECK(format_float4(-kInf) == "-Infinity");
  CHECK(format_float4(kNaN) == "NaN");
}

TEST_CASE("format_numeric: positional, integral values without a fraction", "[format][numeric]") {
  CHECK(format_numeric(0) == "0");
  CHECK(format_numeric(-0.0) == "0");
  CHECK(format_numeric(42) == "42");
  CHECK(format_numeric(-42) == "-42");
  CHECK(format_numeric(2.5) == "2.5");
  CHECK(format_numeric(0.1) == "0.1");
  CHECK(format_numeric(1.0 / 3) == "0.3333333333333333");  // at most 17 significant digits
  CHECK(format_numeric(1e20) == "100000000000000000000");
  CHECK(format_numeric(9007199254740992.0) == "9007199254740992");
  CHECK(format_numeric(123456789012345680.0) == "123456789012345680");
  CHECK(format_numeric(1e-10) == "0.0000000001");
  CHECK(format_numeric(1e23) == "100000000000000000000000");  // no halfway rule for numeric
  CHECK(format_numeric(kNaN) == "NaN");
  CHECK(format_numeric(kInf) == "Infinity");
  CHECK(format_numeric(-kInf) == "-Infinity");
  CHECK(format_value(Value::numeric(12.75)) == "12.75");
  Value r = Value::float64(0.1);
  r.type = Type::float32();
  CHECK(format_value(r) == "0.1");
}

TEST_CASE("format_timestamp and format_timestamptz", "[format][datetime]") {
  CHECK(format_timestamp(0) == "1970-01-01 00:00:00");
  CHECK(format_timestamptz(0) == "1970-01-01 00:00:00+00");
  CHECK(format_timestamp(-1) == "1969-12-31 23:59:59.999999");
  CHECK(format_timestamp(-kMicrosPerDay) == "1969-12-31 00:00:00");
  CHECK(format_timestamp(-kMicrosPerDay - 1) == "1969-12-30 23:59:59.999999");
  CHECK(format_timestamp(ts(2026, 11, 20, 10)) == "2026-11-20 10:00:00");
  CHECK(format_timestamp(ts(2026, 11, 20, 10, 0, 0, 123456)) == "2026-11-20 10:00:00.123456");
  CHECK(format_timestamp(ts(2026, 11, 20, 10, 0, 0, 500000)) == "2026-11-20 10:00:00.5");
  CHECK(format_timestamp(ts(2026, 11, 20, 10, 0, 0, 120)) == "2026-11-20 10:00:00.00012");
  CHECK(format_timestamp(ts(2026, 11, 20, 23, 59, 59, 999999)) == "2026-11-20 23:59:59.999999");
  CHECK(format_timestamp(ts(2024, 2, 29, 12, 30, 5)) == "2024-02-29 12:30:05");
  CHECK(format_timestamp(ts(2000, 2, 29)) == "2000-02-29 00:00:00");
  CHECK(format_timestamp(ts(1900, 3, 1)) == "1900-03-01 00:00:00");
  CHECK(format_timestamp(ts(999, 1, 2)) == "0999-01-02 00:00:00");
  CHECK(format_timestamp(ts(10000, 1, 1)) == "10000-01-01 00:00:00");
  CHECK(format_timestamp(ts(1, 1, 1)) == "0001-01-01 00:00:00");
  CHECK(format_timestamp(ts(0, 12, 31, 23, 59, 59)) == "0001-12-31 23:59:59 BC");
  CHECK(format_timestamptz(ts(0, 1, 1)) == "0001-01-01 00:00:00+00 BC");
  CHECK(format_timestamp(kMinTimestamp) == "4714-11-24 00:00:00 BC");
  CHECK(format_timestamp(kInt64Max - 1) == "294247-01-10 04:00:54.775806");
  CHECK(format_timestamp(kTimestampInfinity) == "infinity");
  CHECK(format_timestamp(kTimestampMinusInfinity) == "-infinity");
  CHECK(format_timestamptz(kTimestampInfinity) == "infinity");
  CHECK(format_timestamptz(kTimestampMinusInfinity) == "-infinity");
  CHECK(format_value(Value::timestamp(ts(2026, 1, 2, 3, 4, 5))) == "2026-01-02 03:04:05");
  CHECK(format_value(Value::make_int(Type::timestamptz(), ts(2026, 1, 2, 3, 4, 5))) == "2026-01-02 03:04:05+00");
}

TEST_CASE("format_date", "[format][datetime]") {
  CHECK(format_date(0) == "1970-01-01");
  CHECK(format_date(-1) == "1969-12-31");
  CHECK(format_date(days_from_civil(2024, 2, 29)) == "2024-02-29");
  CHECK(format_date(days_from_civil(2026, 11, 20)) == "2026-11-20");
  CHECK(format_date(days_from_civil(0, 2, 29)) == "0001-02-29 BC");
  CHECK(format_date(kMinDate) == "4714-11-24 BC");
  CHECK(format_date(kEndDate - 1) == "5874897-12-31");
  CHECK(format_date(kDateInfinity) == "infinity");
  CHECK(format_date(kDateMinusInfinity) == "-infinity");
  CHECK(format_value(Value::make_int(Type::date(), 20777)) == "2026-11-20");
}

TEST_CASE("format_interval: IntervalStyle postgres", "[format][interval]") {
  CHECK(format_interval({0, 0, 0}) == "00:00:00");
  CHECK(format_interval({0, 0, kMicrosPerMinute}) == "00:01:00");
  CHECK(format_interval({0, 1, 2 * kMicrosPerHour + 3 * kMicrosPerMinute + 4 * kMicrosPerSecond}) ==
        "1 day 02:03:04");
  CHECK(format_interval({14, 0, 0}) == "1 year 2 mons");
  CHECK(format_interval({14, 3, 0}) == "1 year 2 mons 3 days");
  CHECK(format_interval({14, 3, 4 * kMicrosPerHour + 5 * kMicrosPerMinute + 6500000}) ==
        "1 year 2 mons 3 days 04:05:06.5");
  CHECK(format_interval({12, 0, 0}) == "1 year");
  CHECK(format_interval({24, 0, 0}) == "2 years");
  CHECK(format_interval({1, 0, 0}) == "1 mon");
  CHECK(format_interval({0, 2, 0}) == "2 days");
  CHECK(format_interval({0, -1, 0}) == "-1 days");
  CHECK(format_interval({0, 0, -kMicrosPerSecond}) == "-00:00:01");
  CHECK(format_interval({0, 0, 1500000}) == "00:00:01.5");
  CHECK(format_interval({0, 0, 1}) == "00:00:00.000001");
  CHECK(format_interval({0, 0, -500000}) == "-00:00:00.5");
  CHECK(format_interval({0, 0, 100 * kMicrosPerHour}) == "100:00:00");
  // Mixed signs: a part after a negative part carries an explicit '+'.
  CHECK(format_interval({0, -1, 2 * kMicrosPerHour}) == "-1 days +02:00:00");
  CHECK(format_interval({0, 1, -2 * kMicrosPerHour}) == "1 day -02:00:00");
  CHECK(format_interval({0, -1, -2 * kMicrosPerHour}) == "-1 days -02:00:00");
  CHECK(format_interval({1, -1, 0}) == "1 mon -1 days");
  CHECK(format_interval({-14, 3, -(4 * kMicrosPerHour + 5 * kMicrosPerMinute + 6 * kMicrosPerSecond)}) ==
        "-1 years -2 mons +3 days -04:05:06");
  CHECK(format_interval({-1, 0, 0}) == "-1 mons");
  CHECK(format_interval({11, 0, 0}) == "11 mons");
  CHECK(format_interval({0, 0, kInt64Max}) == "2562047788:00:54.775807");
  CHECK(format_interval({0, 0, kInt64Min}) == "-2562047788:00:54.775808");
  CHECK(format_interval({std::numeric_limits<int32_t>::min(), 0, 0}) == "-178956970 years -8 mons");
  CHECK(format_value(Value::interval({0, 0, 10 * kMicrosPerSecond})) == "00:00:10");
}

TEST_CASE("append_value_text matches format_value for every type and skips nothing", "[format][column]") {
  const std::vector<Value> values = {
      Value::boolean(true),
      Value::make_int(Type::int16(), -5),
      Value::int32(123),
      Value::int64(kInt64Min),
      Value::float64(0.1),
      Value::numeric(2.5),
      Value::text("abc"),
      Value::timestamp(ts(2026, 11, 20, 10, 0, 0, 5)),
      Value::make_int(Type::timestamptz(), -1),
      Value::make_int(Type::date(), -719162),
      Value::interval({-1, 2, -3}),
  };
  for (const Value& v : values) {
    Column col(v.type);
    col.append(v);
    col.append_null();
    col.append(v);
    std::string out = "prefix|";
    append_value_text(out, col, 0);
    out += '|';
    append_value_text(out, col, 2);
    INFO("type " << v.type.sql_name());
    CHECK(out == "prefix|" + format_value(v) + "|" + format_value(v));
    CHECK(format_value(col.get(1)) == "");
  }
  Column f4(Type::float32());
  f4.append_float(0.1f);
  std::string out;
  append_value_text(out, f4, 0);
  CHECK(out == "0.1");
}
