// parse_interval(): the forms of the contract with their exact months / days / microseconds,
// and every error class. pg15_interval_cases_test.cpp holds the table checked against a
// PostgreSQL 15 server.

#include <catch.hpp>

#include <string>

#include "common/value_text.h"
#include "text_io_test_util.h"

using namespace eddy;

namespace {
Interval secs(int64_t s, int64_t us = 0) { return {0, 0, s * kMicrosPerSecond + us}; }
}  // namespace

TEST_CASE("parse_interval: verbose and clock forms", "[parse][interval]") {
  CHECK(parse_interval("1 minute") == secs(60));
  CHECK(parse_interval("10 seconds") == secs(10));
  CHECK(parse_interval("5 minutes") == secs(300));
  CHECK(parse_interval("1 hour") == secs(3600));
  CHECK(parse_interval("1 hour 30 minutes") == secs(5400));
  CHECK(parse_interval("2 days") == Interval{0, 2, 0});
  CHECK(parse_interval("-1 day") == Interval{0, -1, 0});
  CHECK(parse_interval("1 year 2 mons 3 days 04:05:06.5") == Interval{14, 3, 14706 * kMicrosPerSecond + 500000});
  CHECK(parse_interval("00:01:00") == secs(60));
  CHECK(parse_interval("1 day 02:00:00") == Interval{0, 1, 2 * kMicrosPerHour});
  CHECK(parse_interval("@ 1 minute ago") == secs(-60));
  CHECK(parse_interval("1 day 2 hours ago") == Interval{0, -1, -2 * kMicrosPerHour});
  CHECK(parse_interval("-1 days +02:00:00") == Interval{0, -1, 2 * kMicrosPerHour});
  CHECK(parse_interval("1:30") == secs(5400));       // hh:mm
  CHECK(parse_interval("1:30.5") == secs(90, 500000));  // mm:ss.f
  CHECK(parse_interval("100:00:00") == secs(360000));
  CHECK(parse_interval("10") == secs(10));            // a bare number is seconds
  CHECK(parse_interval("1.5") == secs(1, 500000));
  CHECK(parse_interval("1 2:03:04") == Interval{0, 1, 7384 * kMicrosPerSecond});  // days before a clock
  CHECK(parse_interval("1 2 hours") == Interval{0, 1, 2 * kMicrosPerHour});
  CHECK(parse_interval("1-2") == Interval{14, 0, 0});  // SQL years-months
  CHECK(parse_interval("-1-2") == Interval{-14, 0, 0});
  CHECK(parse_interval("  1 DAY  ") == Interval{0, 1, 0});
  CHECK(parse_interval("1 day, 2 hours") == Interval{0, 1, 2 * kMicrosPerHour});
}

TEST_CASE("parse_interval: unit spellings", "[parse][interval]") {
  struct Case {
    const char* text;
    Interval expected;
  };
  const Case cases[] = {
      {"2 s", secs(2)},       {"2 sec", secs(2)},       {"2 secs", secs(2)},      {"2 second", secs(2)},
      {"2 m", secs(120)},     {"2 min", secs(120)},     {"2 mins", secs(120)},    {"2 minutes", secs(120)},
      {"2 h", secs(7200)},    {"2 hr", secs(7200)},     {"2 hrs", secs(7200)},    {"2 hours", secs(7200)},
      {"2 d", {0, 2, 0}},     {"2 day", {0, 2, 0}},     {"2 w", {0, 14, 0}},      {"2 week", {0, 14, 0}},
      {"2 weeks", {0, 14, 0}}, {"2 mon", {2, 0, 0}},    {"2 mons", {2, 0, 0}},    {"2 months", {2, 0, 0}},
      {"2 y", {24, 0, 0}},    {"2 yr", {24, 0, 0}},     {"2 yrs", {24, 0, 0}},    {"2 years", {24, 0, 0}},
      {"2 ms", secs(0, 2000)}, {"2 msec", secs(0, 2000)}, {"2 milliseconds", secs(0, 2000)},
      {"2 us", secs(0, 2)},   {"2 usec", secs(0, 2)},   {"2 microseconds", secs(0, 2)},
      {"2 decades", {240, 0, 0}}, {"2 centuries", {2400, 0, 0}}, {"1 millennium", {12000, 0, 0}},
      {"10s", secs(10)},      {"1d", {0, 1, 0}},        {"3h", secs(3 * 3600)},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(parse_interval(c.text) == c.expected);
  }
}

TEST_CASE("parse_interval: fractions spill into smaller units", "[parse][interval]") {
  CHECK(parse_interval("1.5 hours") == secs(5400));
  CHECK(parse_interval("1.5 days") == Interval{0, 1, 12 * kMicrosPerHour});
  CHECK(parse_interval("1.5 months") == Interval{1, 15, 0});  // 30-day months
  CHECK(parse_interval("1.5 years") == Interval{18, 0, 0});
  CHECK(parse_interval("0.5 week") == Interval{0, 3, 12 * kMicrosPerHour});
  CHECK(parse_interval("0.4 years") == Interval{5, 0, 0});  // 4.8 months round to 5
  CHECK(parse_interval("0.999 centuries") == Interval{1199, 0, 0});
  CHECK(parse_interval("-0.73 years") == Interval{-9, 0, 0});
  CHECK(parse_interval("P.4Y") == Interval{5, 0, 0});
  CHECK(parse_interval("-1.5 hours") == secs(-5400));
  CHECK(parse_interval("12:34:56.123456789") == secs(45296, 123457));
  CHECK(parse_interval("00:00:00.0000005") == secs(0));  // half a microsecond rounds to even
}

TEST_CASE("parse_interval: ISO 8601", "[parse][interval]") {
  CHECK(parse_interval("PT1M") == secs(60));
  CHECK(parse_interval("P1DT2H") == Interval{0, 1, 2 * kMicrosPerHour});
  CHECK(parse_interval("P1Y2M3W4DT5H6M7.5S") == Interval{14, 25, (5 * 3600 + 6 * 60 + 7) * kMicrosPerSecond + 500000});
  CHECK(parse_interval("P0001-02-03T04:05:06") == Interval{14, 3, (4 * 3600 + 5 * 60 + 6) * kMicrosPerSecond});
  CHECK(parse_interval("P00010203T040506") == Interval{14, 3, (4 * 3600 + 5 * 60 + 6) * kMicrosPerSecond});
  CHECK(parse_interval("PT1.5H") == secs(5400));
  CHECK(parse_interval("P-1.5D") == Interval{0, -1, -12 * kMicrosPerHour});
  CHECK(parse_interval("PT") == secs(0));
  CHECK_SQL_ERROR(parse_interval("pt1m"), "22007", "invalid input syntax for type interval: \"pt1m\"");  // upper case only
  CHECK_SQL_ERROR(parse_interval("P"), "22007", "invalid input syntax for type interval: \"P\"");
  CHECK_SQL_ERROR(parse_interval("P1D2H"), "22007", "invalid input syntax for type interval: \"P1D2H\"");
}

TEST_CASE("parse_interval errors", "[parse][interval]") {
  CHECK_SQL_ERROR(parse_interval("x"), "22007", "invalid input syntax for type interval: \"x\"");
  CHECK_SQL_ERROR(parse_interval(""), "22007", "invalid input syntax for type interval: \"\"");
  for (const char* s : {"1 day 1 day", "1 2", "3 2 minutes", "1 quarter", "10 ago", "ago", "1e3 seconds", "infinity",
                        "1 fortnight", "1 day/2 hours", "-P1D", "1 days 1.5 seconds 3 ms"})
    CHECK_SQL_ERROR(parse_interval(s), "22007", std::string("invalid input syntax for type interval: \"") + s + "\"");
  CHECK_SQL_ERROR(parse_interval("2147483648 days"), "22015", "interval field value out of range: \"2147483648 days\"");
  CHECK_SQL_ERROR(parse_interval("99999999999999999999 us"), "22015",
                  "interval field value out of range: \"99999999999999999999 us\"");
  CHECK_SQL_ERROR(parse_interval("-1-13"), "22015", "interval field value out of range: \"-1-13\"");
  CHECK_SQL_ERROR(parse_interval("178956971 years"), "22008", "interval out of range");
  CHECK(parse_interval("178956970 years") == Interval{2147483640, 0, 0});
  CHECK(parse_interval("2147483647 days") == Interval{0, 2147483647, 0});
  CHECK(parse_interval("9223372036854775807 us") == Interval{0, 0, 9223372036854775807});
}
