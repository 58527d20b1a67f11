// Text input of booleans, integers, floats, numeric and strings: parse_bool(), parse_int(),
// parse_double() and parse_value(), with PostgreSQL 15's messages and SQLSTATEs.

#include <catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "common/value_text.h"
#include "text_io_test_util.h"

using namespace eddy;

TEST_CASE("parse_bool accepts PostgreSQL's spellings", "[parse][bool]") {
  for (const char* s : {"t", "true", "TRUE", "TrUe", "tr", "tru", "y", "yes", "ye", "on", "ON", "1", " true ", "\tt\n"})
    CHECK(parse_bool(s));
  for (const char* s : {"f", "false", "FALSE", "fa", "fals", "n", "no", "of", "off", "OFF", "0", "  no  "})
    CHECK_FALSE(parse_bool(s));
}

TEST_CASE("parse_bool errors", "[parse][bool]") {
  CHECK_SQL_ERROR(parse_bool("x"), "22P02", "invalid input syntax for type boolean: \"x\"");
  CHECK_SQL_ERROR(parse_bool(""), "22P02", "invalid input syntax for type boolean: \"\"");
  CHECK_SQL_ERROR(parse_bool(" o "), "22P02", "invalid input syntax for type boolean: \" o \"");
  for (const char* s : {"truex", "yess", "noo", "10", "01", "2", "-1", "t rue", "onn"})
    CHECK_SQL_ERROR(parse_bool(s), "22P02", std::string("invalid input syntax for type boolean: \"") + s + "\"");
}

TEST_CASE("parse_int: white space, signs and ranges", "[parse][int]") {
  CHECK(parse_int("0", Type::int64()) == 0);
  CHECK(parse_int(" 12 ", Type::int32()) == 12);
  CHECK(parse_int("\t+5\n", Type::int32()) == 5);
  CHECK(parse_int("-0", Type::int16()) == 0);
  CHECK(parse_int("007", Type::int64()) == 7);
  CHECK(parse_int("32767", Type::int16()) == 32767);
  CHECK(parse_int("-32768", Type::int16()) == -32768);
  CHECK(parse_int("2147483647", Type::int32()) == 2147483647);
  CHECK(parse_int("-2147483648", Type::int32()) == -2147483648LL);
  CHECK(parse_int("9223372036854775807", Type::int64()) == std::numeric_limits<int64_t>::max());
  CHECK(parse_int("-9223372036854775808", Type::int64()) == std::numeric_limits<int64_t>::min());
}

TEST_CASE("parse_int errors", "[parse][int]") {
  CHECK_SQL_ERROR(parse_int("abc", Type::int64()), "22P02", "invalid input syntax for type bigint: \"abc\"");
  CHECK_SQL_ERROR(parse_int("99999999999", Type::int32()), "22003",
                  "value \"99999999999\" is out of range for type integer");
  CHECK_SQL_ERROR(parse_int("32768", Type::int16()), "22003", "value \"32768\" is out of range for type smallint");
  CHECK_SQL_ERROR(parse_int("-32769", Type::int16()), "22003", "value \"-32769\" is out of range for type smallint");
  CHECK_SQL_ERROR(parse_int("9223372036854775808", Type::int64()), "22003",
                  "value \"9223372036854775808\" is out of range for type bigint");
  CHECK_SQL_ERROR(parse_int("-9223372036854775809", Type::int64()), "22003",
                  "value \"-9223372036854775809\" is out of range for type bigint");
  // overflow is reported before the junk after it, as PostgreSQL does
  CHECK_SQL_ERROR(parse_int("99999999999x", Type::int32()), "22003",
                  "value \"99999999999x\" is out of range for type integer");
  CHECK_SQL_ERROR(parse_int("", Type::int32()), "22P02", "invalid input syntax for type integer: \"\"");
  CHECK_SQL_ERROR(parse_int("  ", Type::int32()), "22P02", "invalid input syntax for type integer: \"  \"");
  for (const char* s : {"1_000", "1.5", "1e3", "0x10", "--1", "+", "-", "1 2", "12x", " - 1"})
    CHECK_SQL_ERROR(parse_int(s, Type::int32()), "22P02", std::string("invalid input syntax for type integer: \"") + s + "\"");
  CHECK_SQL_ERROR(parse_int(std::string("1\0", 2), Type::int32()), "22P02",
                  std::string("invalid input syntax for type integer: \"1\0\"", 43));
}

TEST_CASE("parse_double: float8 and float4", "[parse][float]") {
  CHECK(parse_double("0.1", Type::float64()) == 0.1);
  CHECK(parse_double(" -2.5e3 ", Type::float64()) == -2500);
  CHECK(parse_double(".5", Type::float64()) == 0.5);
  CHECK(parse_double("5.", Type::float64()) == 5);
  CHECK(parse_double("+.5e1", Type::float64()) == 5);
  CHECK(parse_double("0x10", Type::float64()) == 16);  // strtod() takes hex, so PostgreSQL does
  CHECK(parse_double("5e-324", Type::float64()) == 5e-324);  // denormals are accepted
  CHECK(std::signbit(parse_double("-0", Type::float64())));
  CHECK(std::isnan(parse_double("NaN", Type::float64())));
  CHECK(std::isnan(parse_double("nan", Type::float64())));
  CHECK(parse_double("Infinity", Type::float64()) == std::numeric_limits<double>::infinity());
  CHECK(parse_double("-Infinity", Type::float64()) == -std::numeric_limits<double>::infinity());
  CHECK(parse_double("+inf", Type::float64()) == std::numeric_limits<double>::infinity());
  CHECK(parse_double(" infinity ", Type::float64()) == std::numeric_limits<double>::infinity());
  // float4 values are rounded to float
  CHECK(parse_double("0.1", Type::float32()) == static_cast<double>(0.1f));
  CHECK(parse_double("3.4e38", Type::float32()) == static_cast<double>(3.4e38f));
  CHECK(parse_double("1e-45", Type::float32()) > 0);
}

TEST_CASE("parse_double errors", "[parse][float]") {
  CHECK_SQL_ERROR(parse_double("x", Type::float64()), "22P02", "invalid input syntax for type double precision: \"x\"");
  CHECK_SQL_ERROR(parse_double("", Type::float64()), "22P02", "invalid input syntax for type double precision: \"\"");
  CHECK_SQL_ERROR(parse_double("1.5x", Type::float64()), "22P02",
                  "invalid input syntax for type double precision: \"1.5x\"");
  CHECK_SQL_ERROR(parse_double("1e400", Type::float64()), "22003", "\"1e400\" is out of range for type double precision");
  CHECK_SQL_ERROR(parse_double(" 1e-400 ", Type::float64()), "22003",
                  "\"1e-400\" is out of range for type double precision");
  CHECK_SQL_ERROR(parse_double("abc", Type::float32()), "22P02", "invalid input syntax for type real: \"abc\"");
  CHECK_SQL_ERROR(parse_double("1e39", Type::float32()), "22003", "\"1e39\" is out of range for type real");
  CHECK_SQL_ERROR(parse_double("1e-50", Type::float32()), "22003", "\"1e-50\" is out of range for type real");
  CHECK_SQL_ERROR(parse_double(std::string("1\0", 2), Type::float64()), "22P02",
                  std::string("invalid input syntax for type double precision: \"1\0\"", 52));
}

TEST_CASE("numeric input", "[parse][numeric]") {
  CHECK(parse_double("12.50", Type::numeric()) == 12.5);
  CHECK(parse_double(" -1.5e3 ", Type::numeric()) == -1500);
  CHECK(parse_double("1e 5", Type::numeric()) == 100000);  // the exponent is read by strtol()
  CHECK(std::isnan(parse_double("NaN", Type::numeric())));
  CHECK(parse_double("-Infinity", Type::numeric()) == -std::numeric_limits<double>::infinity());
  CHECK(parse_double("inf", Type::numeric()) == std::numeric_limits<double>::infinity());
  for (const char* s : {"x", "", "1.2.3", ".", "1e", "1e+", "0x10", "-NaN", "1_000", "1 2", "infinityx", "1e+ 5"})
    CHECK_SQL_ERROR(parse_double(s, Type::numeric()), "22P02", std::string("invalid input syntax for type numeric: \"") + s + "\"");
  // Held as a double: beyond its range PostgreSQL would still keep the exact decimal.
  CHECK_SQL_ERROR(parse_double("1e400", Type::numeric()), "22003", "value overflows numeric format");
  CHECK(format_value(parse_value("123456789012345678901234567890", Type::numeric())) ==
        "123456789012345680000000000000");
  CHECK(format_value(parse_value("1.50", Type::numeric())) == "1.5");  // the scale is not kept
}

TEST_CASE("parse_value: VARCHAR(n) counts characters and cuts trailing blanks", "[parse][varchar]") {
  const Type vc3 = Type::varchar(3);
  CHECK(parse_value("abc", vc3).s == "abc");
  CHECK(parse_value("ab", vc3).s == "ab");
  CHECK(parse_value("", vc3).s == "");
  CHECK(parse_value("abc  ", vc3).s == "abc");  // extra blanks are cut silently
  CHECK(parse_value("äöü", vc3).s == "äöü");     // 3 characters, 6 bytes
  CHECK(parse_value("äöü  ", vc3).s == "äöü");
  CHECK(parse_value("€€€", vc3).s == "€€€");
  CHECK(parse_value("    ", vc3).s == "   ");
  CHECK(parse_value("abc", vc3).type == vc3);
  CHECK_SQL_ERROR(parse_value("abcd", vc3), "22001", "value too long for type character varying(3)");
  CHECK_SQL_ERROR(parse_value("äöüß", vc3), "22001", "value too long for type character varying(3)");
  CHECK_SQL_ERROR(parse_value("ab c", vc3), "22001", "value too long for type character varying(3)");
  CHECK_SQL_ERROR(parse_value("abc\t", vc3), "22001", "value too long for type character varying(3)");
  CHECK_SQL_ERROR(parse_value("x", Type::varchar(0)), "22001", "value too long for type character varying(0)");
  const std::string long_text(10000, 'x');
  CHECK(parse_value(long_text, Type::varchar()).s == long_text);  // no limit
}

TEST_CASE("parse_value: every type, and the type of the result", "[parse]") {
  CHECK(parse_value(" TRUE ", Type::boolean()).i == 1);
  CHECK(parse_value("t", Type::boolean()).type == Type::boolean());
  CHECK(parse_value("-7", Type::int16()).type == Type::int16());
  CHECK(parse_value("-7", Type::int32()).i == -7);
  CHECK(parse_value("-7", Type::int64()).type == Type::int64());
  CHECK(parse_value("1.5", Type::float64()).f == 1.5);
  CHECK(parse_value("1.5", Type::float32()).type == Type::float32());
  CHECK(parse_value("1.5", Type::numeric()).type == Type::numeric());
  CHECK(parse_value("  spaced  ", Type::text()).s == "  spaced  ");  // text is taken as is
  CHECK(parse_value("{\"a\":1}", Type::jsonb()).s == "{\"a\": 1}");  // canonical, as PostgreSQL (jsonb_text.h)
  CHECK(parse_value("{\"a\":1}", Type::jsonb()).type == Type::jsonb());
  CHECK(parse_value("hello", Type::null()).s == "hello");
  CHECK(parse_value("hello", Type::null()).type == Type::text());
  CHECK(parse_value("2026-11-20 10:00:00", Type::timestamp()).i == 1795168800000000);
  CHECK(parse_value("2026-11-20 10:00:00+02", Type::timestamptz()).i == 1795161600000000);
  CHECK(parse_value("2026-11-20", Type::date()).i == 20777);
  CHECK(parse_value("1 day", Type::interval()).iv == Interval{0, 1, 0});
  for (const Value& v : {parse_value("1", Type::int64()), parse_value("x", Type::text()),
                         parse_value("epoch", Type::date()), parse_value("1 s", Type::interval())})
    CHECK_FALSE(v.is_null);
}

TEST_CASE("parse_double: out-of-range messages quote what PostgreSQL quotes", "[parse][float]") {
  // float8in shows the number it read; float4in shows the whole input.
  CHECK_SQL_ERROR(parse_double("  1e400x  ", Type::float64()), "22003",
                  "\"1e400\" is out of range for type double precision");
  CHECK_SQL_ERROR(parse_double("  1e39  ", Type::float32()), "22003", "\"  1e39  \" is out of range for type real");
  CHECK_SQL_ERROR(parse_double("1e39x", Type::float32()), "22003", "\"1e39x\" is out of range for type real");
}
