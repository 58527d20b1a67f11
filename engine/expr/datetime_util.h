#pragma once
// Calendar arithmetic shared by the date/time functions (internal to engine/expr). Timestamps
// are microseconds since 1970-01-01 00:00:00 UTC, dates days since 1970-01-01; the time zone is
// always UTC, so timestamp and timestamptz share every rule here.

#include <cstdint>

#include "common/value.h"

namespace eddy::engine::dt {

inline int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }
inline int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

bool is_leap(int64_t year);
int days_in_month(int64_t year, unsigned month);

struct Fields {
  int64_t year;
  unsigned month, day;
  int64_t days;         // since 1970-01-01
  int64_t time;         // microseconds since midnight
};
Fields split(int64_t ts);
int64_t make_timestamp(int64_t days, int64_t time);  // days*day + time, range-checked

// timestamp + interval, PostgreSQL's way: months through the calendar (the day clamped to the
// new month's length), then days, then microseconds. Throws 22008 "timestamp out of range".
int64_t add_interval(int64_t ts, const Interval& iv, int sign);
// PostgreSQL's valid timestamp range (4714-11-24 BC .. 294276 AD); throws 22008 outside it.
int64_t check_timestamp(int64_t ts);

// ISO 8601 week number and ISO year of a date.
void iso_week(int64_t days, int64_t& iso_year, int& week);
// Day of week, 0 = Sunday.
int day_of_week(int64_t days);

}  // namespace eddy::engine::dt
