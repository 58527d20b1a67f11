#include <catch.hpp>

#include <cmath>
#include <limits>

#include "protocol/binary_format.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::be16;
using eddy::protocol::test::be32;
using eddy::protocol::test::sql_error_of;

namespace {

std::string be64(int64_t v) {
  std::string s;
  ByteWriter(s).i64(v);
  return s;
}

std::string binary(const Value& v) {
  std::string out;
  append_binary(out, v);
  return out;
}

// Encodes v, checks the bytes when given, decodes them back and checks the value.
void round_trip(const Value& v, const std::string& expected_bytes = {}) {
  std::string bytes = binary(v);
  if (!expected_bytes.empty()) CHECK(bytes == expected_bytes);
  Value back = decode_binary(bytes, v.type);
  CHECK(back.type == v.type);
  CHECK_FALSE(back.is_null);
  CHECK(values_equal(back, v));
  // The Column path writes the same bytes.
  Column col(v.type);
  col.append(v);
  std::string from_column;
  append_binary(from_column, col, 0);
  CHECK(from_column == bytes);
}

constexpr int64_t kDay = 86400000000LL;

}  // namespace

TEST_CASE("fixed-width types", "[protocol][binary]") {
  round_trip(Value::boolean(true), "\x01");
  round_trip(Value::boolean(false), std::string(1, '\0'));
  round_trip(Value::make_int(Type::int16(), -2), be16(0xfffe));
  round_trip(Value::int32(123456), be32(123456));
  round_trip(Value::int64(INT64_MIN), be64(INT64_MIN));
  round_trip(Value::float64(0.1), be64(0x3FB999999999999A));
  Value f4 = Value::float64(1.5);
  f4.type = Type::float32();
  round_trip(f4, be32(0x3FC00000));
  CHECK(decode_binary("\x07", Type::boolean()).i == 1);  // any non-zero byte is true
  Value nan = decode_binary(be64(0x7FF8000000000000), Type::float64());
  CHECK(std::isnan(nan.f));
}

TEST_CASE("text, varchar and jsonb", "[protocol][binary]") {
  round_trip(Value::text("héllo"), "héllo");
  round_trip(Value::text(""), "");
  Value vc = Value::text("abc");
  vc.type = Type::varchar(5);
  round_trip(vc, "abc");
  CHECK(sql_error_of([] { decode_binary("abcd", Type::varchar(3)); }, "22001") ==
        "value too long for type character varying(3)");
  CHECK(decode_binary("ab   ", Type::varchar(3)).s == "ab ");  // excess spaces are cut
  CHECK(decode_binary("éé", Type::varchar(2)).s == "éé");       // characters, not bytes
  sql_error_of([] { decode_binary("\xc3", Type::text()); }, "22021");
  sql_error_of([] { decode_binary(std::string("a\0b", 3), Type::text()); }, "22021");
  Value unknown = decode_binary("x", Type::null());
  CHECK(unknown.type == Type::text());

  Value j;
  j.type = Type::jsonb();
  j.is_null = false;
  j.s = "{\"a\": 1}";
  round_trip(j, "\x01{\"a\": 1}");
  CHECK(sql_error_of([] { decode_binary("\x02{}", Type::jsonb()); }, "22P03") ==
        "unsupported jsonb version number 2");
  sql_error_of([] { decode_binary("", Type::jsonb()); }, "22P03");
}

TEST_CASE("timestamps shift between the 1970 and 2000 epochs", "[protocol][binary]") {
  const int64_t y2000 = 946684800000000;  // 2000-01-01 00:00:00 in Eddy's micros since 1970
  round_trip(Value::timestamp(y2000), be64(0));
  round_trip(Value::timestamp(y2000 - 1), be64(-1));  // 1999-12-31 23:59:59.999999
  round_trip(Value::timestamp(y2000 + 1), be64(1));
  round_trip(Value::timestamp(0), be64(-y2000));  // 1970-01-01
  round_trip(Value::timestamp(1790000000123456), be64(1790000000123456 - y2000));
  Value tz = Value::make_int(Type::timestamptz(), y2000 + 3600000000LL);
  round_trip(tz, be64(3600000000LL));
  // infinity and -infinity keep their sentinels
  round_trip(Value::timestamp(INT64_MAX), be64(INT64_MAX));
  round_trip(Value::timestamp(INT64_MIN), be64(INT64_MIN));
  // earliest valid: 4714-11-24 BC
  const int64_t pg_min = -211813488000000000;
  CHECK(decode_binary(be64(pg_min), Type::timestamp()).i == pg_min + y2000);
  sql_error_of([&] { decode_binary(be64(pg_min - 1), Type::timestamp()); }, "22008");
  // PostgreSQL's range reaches further than int64 micros since 1970
  sql_error_of([] { decode_binary(be64(INT64_MAX - 1), Type::timestamp()); }, "22008");
  sql_error_of([] { binary(Value::timestamp(INT64_MIN + 1)); }, "22008");
  sql_error_of([] { decode_binary("1234567", Type::timestamp()); }, "22P03");
}

TEST_CASE("dates shift by 10957 days", "[protocol][binary]") {
  auto date = [](int64_t d) { return Value::make_int(Type::date(), d); };
  round_trip(date(10957), be32(0));  // 2000-01-01
  round_trip(date(10956), be32(uint32_t(-1)));  // 1999-12-31
  round_trip(date(0), be32(uint32_t(-10957)));  // 1970-01-01
  round_trip(date(-2440588), be32(uint32_t(-2451545)));  // 4714-11-24 BC
  round_trip(date(INT32_MAX), be32(INT32_MAX));  // infinity
  round_trip(date(INT32_MIN), be32(uint32_t(INT32_MIN)));  // -infinity
  sql_error_of([] { decode_binary(be32(uint32_t(-2451546)), Type::date()); }, "22008");
  sql_error_of([] { decode_binary(be32(2145031949), Type::date()); }, "22008");
  CHECK(decode_binary(be32(2145031948), Type::date()).i == 2145031948LL + 10957);
  sql_error_of([] { decode_binary(be16(1), Type::date()); }, "22P03");
}

TEST_CASE("interval is micros, days, months", "[protocol][binary]") {
  Interval iv{14, -3, 3723000001};
  round_trip(Value::interval(iv), be64(3723000001) + be32(uint32_t(-3)) + be32(14));
  round_trip(Value::interval(Interval{}), be64(0) + be32(0) + be32(0));
  sql_error_of([] { decode_binary(be64(1) + be32(0), Type::interval()); }, "22P03");
}

TEST_CASE("wrong lengths are 22P03 naming the type", "[protocol][binary]") {
  CHECK(sql_error_of([] { decode_binary(std::string("\x00\x00\x01", 3), Type::int32()); }, "22P03")
            .find("integer") != std::string::npos);
  sql_error_of([] { decode_binary(be32(1) + "x", Type::int32()); }, "22P03");
  sql_error_of([] { decode_binary("", Type::boolean()); }, "22P03");
  sql_error_of([] { decode_binary("\x01\x01", Type::boolean()); }, "22P03");
  sql_error_of([] { decode_binary(be32(1), Type::int64()); }, "22P03");
  sql_error_of([] { decode_binary(be64(1), Type::float32()); }, "22P03");
  sql_error_of([] { decode_binary(be16(1), Type::numeric()); }, "22P03");
}

TEST_CASE("numeric values travel through their decimal text", "[protocol][binary]") {
  // 12.5 -> digits {12, 5000}, weight 0, dscale 1
  std::string expected = be16(2) + be16(0) + be16(0) + be16(1) + be16(12) + be16(5000);
  CHECK(binary(Value::numeric(12.5)) == expected);
  CHECK(decode_binary(expected, Type::numeric()).f == 12.5);
  for (double x : {0.0, 1.0, -1.0, 0.1, 123456789.0, -0.000123, 1e20, 9007199254740993.0}) {
    Value back = decode_binary(binary(Value::numeric(x)), Type::numeric());
    CHECK(back.f == x);
  }
  CHECK(std::isnan(decode_binary(binary(Value::numeric(std::nan(""))), Type::numeric()).f));
  CHECK(decode_binary(binary(Value::numeric(-INFINITY)), Type::numeric()).f == -INFINITY);
}
