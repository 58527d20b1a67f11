// parse_timestamp() and parse_date(): the forms value_text.h promises, exact microsecond values,
// zones, rounding, ranges, special words and every error class. pg15_datetime_cases_*_test.cpp
// hold the large table checked against a PostgreSQL 15 server.

#include <catch.hpp>

#include <cstdio>
#include <random>
#include <string>

#include "common/datetime_limits.h"
#include "common/value_text.h"
#include "text_io_test_util.h"

using namespace eddy;

namespace {
int64_t ts(int64_t y, unsigned m, unsigned d, int64_t hh = 0, int64_t mi = 0, int64_t ss = 0, int64_t us = 0) {
  return days_from_civil(y, m, d) * kMicrosPerDay + hh * kMicrosPerHour + mi * kMicrosPerMinute +
         ss * kMicrosPerSecond + us;
}
const Type kTz = Type::timestamptz();
}  // namespace

TEST_CASE("parse_timestamp: the forms of the contract", "[parse][datetime]") {
  CHECK(parse_timestamp("2026-11-20 10:00:00") == ts(2026, 11, 20, 10));
  CHECK(parse_timestamp("2026-11-20 10:00:00.123456") == ts(2026, 11, 20, 10, 0, 0, 123456));
  CHECK(parse_timestamp("2026-11-20 10:00:00.5") == ts(2026, 11, 20, 10, 0, 0, 500000));
  CHECK(parse_timestamp("2026-11-20T10:00:00Z") == ts(2026, 11, 20, 10));
  CHECK(parse_timestamp("2026-11-20") == ts(2026, 11, 20));
  CHECK(parse_timestamp("2026-11-20 10:00") == ts(2026, 11, 20, 10));
  CHECK(parse_timestamp("  2026-11-20 10:00:00  ") == ts(2026, 11, 20, 10));
  CHECK(parse_timestamp("epoch") == 0);
  CHECK(parse_timestamp("EPOCH", kTz) == 0);
}

TEST_CASE("parse_timestamp: zone offsets convert TIMESTAMPTZ to UTC and are ignored for TIMESTAMP",
          "[parse][datetime]") {
  const int64_t ten = ts(2026, 11, 20, 10);
  CHECK(parse_timestamp("2026-11-20 10:00:00+02") == ten);
  CHECK(parse_timestamp("2026-11-20 10:00:00+02", kTz) == ten - 2 * kMicrosPerHour);
  CHECK(parse_timestamp("2026-11-20 10:00:00+02:00", kTz) == ten - 2 * kMicrosPerHour);
  CHECK(parse_timestamp("2026-11-20 10:00:00-0530", kTz) == ten + 5 * kMicrosPerHour + 30 * kMicrosPerMinute);
  CHECK(parse_timestamp("2026-11-20 10:00:00 -05:30", kTz) == ten + 5 * kMicrosPerHour + 30 * kMicrosPerMinute);
  CHECK(parse_timestamp("2026-11-20T10:00:00Z", kTz) == ten);
  CHECK(parse_timestamp("2026-11-20T10:00:00.5+01:00", kTz) == ten - kMicrosPerHour + 500000);
  CHECK(parse_timestamp("2026-11-20 10:00:00 UTC", kTz) == ten);
  CHECK(parse_timestamp("2026-11-20 10:00:00 PST", kTz) == ten + 8 * kMicrosPerHour);
  CHECK(parse_timestamp("2026-11-20 10:00:00 PST") == ten);
  CHECK(parse_timestamp("2026-11-20 10:00:00 CEST", kTz) == ten - 2 * kMicrosPerHour);
  CHECK(parse_timestamp("2026-11-20 10:00 gmt+8", kTz) == ten + 8 * kMicrosPerHour);  // POSIX: west
  CHECK(parse_timestamp("2026-11-20 10:00:00", kTz) == ten);  // no zone: the session's, UTC
  CHECK(parse_timestamp("2026-11-20 00:30:00+01", kTz) == ts(2026, 11, 19, 23, 30));
}

TEST_CASE("parse_timestamp: fractional seconds round to microseconds", "[parse][datetime]") {
  CHECK(parse_timestamp("2026-11-20 10:00:00.1234567") == ts(2026, 11, 20, 10, 0, 0, 123457));
  CHECK(parse_timestamp("2026-11-20 10:00:00.1234565") == ts(2026, 11, 20, 10, 0, 0, 123456));  // half even
  CHECK(parse_timestamp("2026-11-20 10:00:00.9999995") == ts(2026, 11, 20, 10, 0, 1));
  CHECK(parse_timestamp("2026-11-20 23:59:59.9999999") == ts(2026, 11, 21));
  CHECK(parse_timestamp("2026-11-20 10:00:00.") == ts(2026, 11, 20, 10));
  CHECK(parse_timestamp("2026-11-20 24:00:00") == ts(2026, 11, 21));
  CHECK(parse_timestamp("2026-11-20 23:59:60") == ts(2026, 11, 21));
}

TEST_CASE("parse_timestamp: other PostgreSQL forms", "[parse][datetime]") {
  const int64_t day = ts(2026, 11, 20);
  for (const char* s : {"11/20/2026", "2026/11/20", "2026.11.20", "2026.324", "20261120", "261120", "Nov 20 2026",
                        "20 Nov 2026", "20-Nov-2026", "2026-Nov-20", "November 20, 2026", "Fri Nov 20 2026",
                        "y2026m11d20", "J2461365", "11/20/26"})
    CHECK(parse_timestamp(s) == day);
  CHECK(parse_timestamp("20261120T100000") == day + 10 * kMicrosPerHour);
  CHECK(parse_timestamp("2026-11-20 10:00 PM") == day + 22 * kMicrosPerHour);
  CHECK(parse_timestamp("2026-11-20 12:00 AM") == day);
  CHECK(parse_timestamp("2026-11-20 allballs") == day);
  CHECK(parse_timestamp("11/20/69") == ts(2069, 11, 20));  // two-digit years: 1970..2069
  CHECK(parse_timestamp("11/20/70") == ts(1970, 11, 20));
}

TEST_CASE("parse_timestamp: before 1970, BC and far future", "[parse][datetime]") {
  CHECK(parse_timestamp("1969-12-31 23:59:59.999999") == -1);
  CHECK(parse_timestamp("1970-01-01 00:00:00") == 0);
  CHECK(parse_timestamp("1900-02-28 12:00") == ts(1900, 2, 28, 12));
  CHECK(parse_timestamp("0001-01-01") == ts(1, 1, 1));
  CHECK(parse_timestamp("0001-01-01 BC") == ts(0, 1, 1));
  CHECK(parse_timestamp("4714-11-24 00:00:00 BC") == kMinTimestamp);
  CHECK(parse_timestamp("10000-01-01") == ts(10000, 1, 1));
  CHECK(parse_timestamp("294247-01-10 04:00:54.775806") == std::numeric_limits<int64_t>::max() - 1);
  CHECK(parse_timestamp("2024-02-29") == ts(2024, 2, 29));
  CHECK(parse_timestamp("2000-02-29") == ts(2000, 2, 29));
}

TEST_CASE("parse_timestamp: infinity and relative words", "[parse][datetime]") {
  CHECK(parse_timestamp("infinity") == kTimestampInfinity);
  CHECK(parse_timestamp("-infinity", kTz) == kTimestampMinusInfinity);
  CHECK(parse_timestamp("Infinity") == kTimestampInfinity);
  const int64_t before = now_micros();
  const int64_t now = parse_timestamp("now", kTz);
  const int64_t after = now_micros();
  CHECK(now >= before);
  CHECK(now <= after);
  const int64_t today = parse_timestamp("today");
  CHECK(today % kMicrosPerDay == 0);
  CHECK(today <= after);
  CHECK(today > before - kMicrosPerDay);
  CHECK(parse_timestamp("tomorrow") - today == kMicrosPerDay);  // flaky only across midnight
  CHECK(today - parse_timestamp("yesterday") == kMicrosPerDay);
  CHECK(parse_timestamp("today 10:00") - today == 10 * kMicrosPerHour);
}

TEST_CASE("parse_timestamp errors", "[parse][datetime]") {
  CHECK_SQL_ERROR(parse_timestamp("x"), "22007", "invalid input syntax for type timestamp: \"x\"");
  CHECK_SQL_ERROR(parse_timestamp(""), "22007", "invalid input syntax for type timestamp: \"\"");
  CHECK_SQL_ERROR(parse_timestamp("10:00:00"), "22007", "invalid input syntax for type timestamp: \"10:00:00\"");
  CHECK_SQL_ERROR(parse_timestamp("x", kTz), "22007", "invalid input syntax for type timestamp with time zone: \"x\"");
  CHECK_SQL_ERROR(parse_timestamp("2026-02-30"), "22008", "date/time field value out of range: \"2026-02-30\"");
  CHECK_SQL_ERROR(parse_timestamp("2023-02-29"), "22008", "date/time field value out of range: \"2023-02-29\"");
  CHECK_SQL_ERROR(parse_timestamp("2026-11-20 25:00:00"), "22008",
                  "date/time field value out of range: \"2026-11-20 25:00:00\"");
  CHECK_SQL_ERROR(parse_timestamp("0000-01-01"), "22008", "date/time field value out of range: \"0000-01-01\"");
  // a month or day out of range carries PostgreSQL's hint about DateStyle
  const SqlError md = testing::sql_error([] { parse_timestamp("2026-13-45"); });
  CHECK(md.sqlstate() == "22008");
  CHECK(md.message() == "date/time field value out of range: \"2026-13-45\"");
  CHECK(md.hint() == "Perhaps you need a different \"datestyle\" setting.");
  CHECK_SQL_ERROR(parse_timestamp("20/11/2026"), "22008", "date/time field value out of range: \"20/11/2026\"");
  CHECK_SQL_ERROR(parse_timestamp("2026-11-20 10:00:00+16", kTz), "22009",
                  "time zone displacement out of range: \"2026-11-20 10:00:00+16\"");
  CHECK_SQL_ERROR(parse_timestamp("4714-11-23 23:59:59 BC"), "22008",
                  "timestamp out of range: \"4714-11-23 23:59:59 BC\"");
  CHECK_SQL_ERROR(parse_timestamp("2026-11-20 10:00:00 foo"), "22007",
                  "invalid input syntax for type timestamp: \"2026-11-20 10:00:00 foo\"");
  CHECK_SQL_ERROR(parse_timestamp(std::string(200, '1')), "22007",
                  "invalid input syntax for type timestamp: \"" + std::string(200, '1') + "\"");
}

TEST_CASE("parse_timestamp: what Eddy does not match on purpose", "[parse][datetime]") {
  // No zone database: full zone names are refused (PostgreSQL would convert them).
  CHECK_SQL_ERROR(parse_timestamp("2026-11-20 10:00:00 Europe/Berlin", kTz), "22023",
                  "time zone \"europe/berlin\" not recognized");
  // int64 microseconds since 1970 end in 294247; PostgreSQL's range goes to 294276.
  CHECK_SQL_ERROR(parse_timestamp("294276-12-31"), "22008", "timestamp out of range: \"294276-12-31\"");
}

TEST_CASE("parse_date", "[parse][datetime]") {
  CHECK(parse_date("2026-11-20") == 20777);
  CHECK(parse_date("1970-01-01") == 0);
  CHECK(parse_date("1969-12-31") == -1);
  CHECK(parse_date("2026-11-20 10:00:00+05") == 20777);  // time and zone are read and dropped
  CHECK(parse_date("Nov 20, 2026") == 20777);
  CHECK(parse_date("epoch") == 0);
  CHECK(parse_date("infinity") == kDateInfinity);
  CHECK(parse_date("-infinity") == kDateMinusInfinity);
  CHECK(parse_date("4714-11-24 BC") == kMinDate);
  CHECK(parse_date("5874897-12-31") == kEndDate - 1);
  CHECK(parse_date("today") == parse_timestamp("today") / kMicrosPerDay);
  CHECK_SQL_ERROR(parse_date("5874898-01-01"), "22008", "date out of range: \"5874898-01-01\"");
  CHECK_SQL_ERROR(parse_date("4714-11-23 BC"), "22008", "date out of range: \"4714-11-23 BC\"");
  CHECK_SQL_ERROR(parse_date("2026-02-30"), "22008", "date/time field value out of range: \"2026-02-30\"");
  CHECK_SQL_ERROR(parse_date("x"), "22007", "invalid input syntax for type date: \"x\"");
}

TEST_CASE("parse_timestamp: the ISO fast path agrees with the general decoder", "[parse][datetime]") {
  // A leading blank keeps an input off the fast path, so "x" and " x" compare the two paths.
  std::mt19937_64 rng(7);
  const char* zones[] = {"", "Z", "+02", "-05:30", "+15", "+16", "+02:60", "+0200", "z", "+02:", " UTC", "+1"};
  const char* fractions[] = {"", ".", ".5", ".123456", ".1234567", ".000001"};
  int compared = 0, bad = 0;
  for (int i = 0; i < 20000; ++i) {
    char buf[80];
    const int year = static_cast<int>(rng() % 10001);
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d%c%02d:%02d:%02d%s%s", year, static_cast<int>(rng() % 14),
                  static_cast<int>(rng() % 33), rng() % 2 ? 'T' : ' ', static_cast<int>(rng() % 26),
                  static_cast<int>(rng() % 61), static_cast<int>(rng() % 62), fractions[rng() % 6], zones[rng() % 12]);
    for (Type type : {Type::timestamp(), Type::timestamptz()}) {
      std::string fast, general;
      try {
        fast = std::to_string(parse_timestamp(buf, type));
      } catch (const SqlError& e) {
        fast = e.sqlstate();
      }
      try {
        general = std::to_string(parse_timestamp(std::string(" ") + buf, type));
      } catch (const SqlError& e) {
        general = e.sqlstate();
      }
      ++compared;
      if (fast != general) {
        ++bad;
        UNSCOPED_INFO(buf << ": " << fast << " vs " << general);
      }
    }
  }
  CHECK(compared == 40000);
  CHECK(bad == 0);
}
