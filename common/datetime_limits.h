#pragma once
// The representable range of DATE and TIMESTAMP values and PostgreSQL's 'infinity' sentinels,
// shared by the text input/output code (value_text.h) and anyone doing date arithmetic.
//
// TIMESTAMP / TIMESTAMPTZ are microseconds since 1970-01-01 00:00:00 UTC in an int64, like
// PostgreSQL's (which counts from 2000-01-01). 'infinity' and '-infinity' are INT64_MAX and
// INT64_MIN, exactly as in PostgreSQL (DT_NOEND / DT_NOBEGIN).
// DATE is days since 1970-01-01; 'infinity' and '-infinity' are INT32_MAX and INT32_MIN, as
// PostgreSQL's DATEVAL_NOEND / DATEVAL_NOBEGIN, so a date always fits PostgreSQL's int32 form.
//
// Valid finite values start at 4714-11-24 BC (Julian day 0), as in PostgreSQL. Dates end before
// 5874898-01-01 as in PostgreSQL; timestamps end where int64 microseconds since 1970 end
// (294247-01-10 04:00:54.775806 UTC), a little before PostgreSQL's 294277-01-01.

#include <cstdint>
#include <limits>

namespace eddy {

inline constexpr int64_t kTimestampInfinity = std::numeric_limits<int64_t>::max();
inline constexpr int64_t kTimestampMinusInfinity = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kDateInfinity = std::numeric_limits<int32_t>::max();
inline constexpr int64_t kDateMinusInfinity = std::numeric_limits<int32_t>::min();

// Days from 1970-01-01 to 4714-11-24 BC (Julian day 0) and to 5874898-01-01 (exclusive end).
inline constexpr int64_t kMinDate = -2440588;
inline constexpr int64_t kEndDate = 2145042906;
// First valid timestamp: 4714-11-24 00:00:00 BC.
inline constexpr int64_t kMinTimestamp = kMinDate * 86400000000LL;

inline constexpr bool is_finite_timestamp(int64_t t) {
  return t != kTimestampInfinity && t != kTimestampMinusInfinity;
}
inline constexpr bool is_finite_date(int64_t d) { return d != kDateInfinity && d != kDateMinusInfinity; }

// Proleptic Gregorian leap year rule; year 0 is 1 BC.
inline constexpr bool is_leap_year(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
inline constexpr int days_in_month(int64_t y, int m) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

}  // namespace eddy
