// Calendar arithmetic: days_from_civil / civil_from_days over the whole PostgreSQL date range.

#include <catch.hpp>

#include "common/datetime_limits.h"
#include "common/value_text.h"

using namespace eddy;

TEST_CASE("days_from_civil known dates", "[calendar]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  CHECK(days_from_civil(2000, 1, 1) == 10957);
  CHECK(days_from_civil(2000, 3, 1) == 11017);  // 2000 is a leap year (divisible by 400)
  CHECK(days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28) == 1);  // 1900 is not
  CHECK(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28) == 2);
  CHECK(days_from_civil(2026, 11, 20) == 20777);
  CHECK(days_from_civil(1, 1, 1) == -719162);
  CHECK(days_from_civil(-4713, 11, 24) == kMinDate);  // Julian day 0
  CHECK(days_from_civil(5874898, 1, 1) == kEndDate);
}

TEST_CASE("civil_from_days inverts days_from_civil", "[calendar]") {
  // Every day from 4714 BC to 2500 AD, walking the calendar forwards one day at a time.
  int64_t y = -4713;
  unsigned m = 11, d = 24;
  int mismatches = 0;
  for (int64_t days = kMinDate; days <= days_from_civil(2500, 1, 1); ++days) {
    int64_t cy;
    unsigned cm, cd;
    civil_from_days(days, cy, cm, cd);
    if (cy != y || cm != m || cd != d || days_from_civil(y, m, d) != days) ++mismatches;
    if (static_cast<int>(++d) > days_in_month(y, static_cast<int>(m))) {
      d = 1;
      if (++m > 12) m = 1, ++y;
    }
  }
  CHECK(mismatches == 0);
  civil_from_days(kEndDate - 1, y, m, d);
  CHECK(y == 5874897);
  CHECK(m == 12);
  CHECK(d == 31);
  civil_from_days(kMinDate, y, m, d);
  CHECK(y == -4713);
  CHECK(m == 11);
  CHECK(d == 24);
}

TEST_CASE("leap years", "[calendar]") {
  CHECK(is_leap_year(2024));
  CHECK(is_leap_year(2000));
  CHECK(is_leap_year(0));  // 1 BC
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2026));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2023, 2) == 28);
  CHECK(days_in_month(2023, 12) == 31);
}

TEST_CASE("now_micros follows the system clock", "[calendar]") {
  const int64_t now = now_micros();
  CHECK(now > days_from_civil(2024, 1, 1) * kMicrosPerDay);
  CHECK(now < days_from_civil(2200, 1, 1) * kMicrosPerDay);
  CHECK(now_micros() >= now);
}
