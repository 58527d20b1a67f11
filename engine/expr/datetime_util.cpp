#include "engine/expr/datetime_util.h"

#include <algorithm>

#include "common/error.h"
#include "common/value_text.h"

namespace eddy::engine::dt {

namespace {
// PostgreSQL's MIN_TIMESTAMP / END_TIMESTAMP.
constexpr int64_t kMinTimestamp = -211813488000000000LL;
constexpr int64_t kEndTimestamp = 9223371331200000000LL;

[[noreturn]] void out_of_range() { throw SqlError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range"); }
}  // namespace

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int64_t year, unsigned month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

Fields split(int64_t ts) {
  Fields f{};
  f.days = floor_div(ts, kMicrosPerDay);
  f.time = ts - f.days * kMicrosPerDay;
  civil_from_days(f.days, f.year, f.month, f.day);
  return f;
}

int64_t check_timestamp(int64_t ts) {
  if (ts < kMinTimestamp || ts >= kEndTimestamp) out_of_range();
  return ts;
}

int64_t make_timestamp(int64_t days, int64_t time) {
  int64_t ts;
  if (__builtin_mul_overflow(days, kMicrosPerDay, &ts) || __builtin_add_overflow(ts, time, &ts)) out_of_range();
  return check_timestamp(ts);
}

int64_t add_interval(int64_t ts, const Interval& iv, int sign) {
  if (iv.months != 0) {
    Fields f = split(ts);
    const int64_t total = f.year * 12 + (f.month - 1) + sign * int64_t{iv.months};
    const int64_t year = floor_div(total, 12);
    const auto month = static_cast<unsigned>(floor_mod(total, 12) + 1);
    const auto day = static_cast<unsigned>(std::min<int>(static_cast<int>(f.day), days_in_month(year, month)));
    ts = make_timestamp(days_from_civil(year, month, day), f.time);
  }
  int64_t delta;
  if (__builtin_mul_overflow(sign * int64_t{iv.days}, kMicrosPerDay, &delta) || __builtin_add_overflow(ts, delta, &ts)) {
    out_of_range();
  }
  if (__builtin_mul_overflow(int64_t{sign}, iv.micros, &delta) || __builtin_add_overflow(ts, delta, &ts)) out_of_range();
  return check_timestamp(ts);
}

int day_of_week(int64_t days) { return static_cast<int>(floor_mod(days + 4, 7)); }  // 1970-01-01 was a Thursday

void iso_week(int64_t days, int64_t& iso_year, int& week) {
  // The ISO year of a day is the year of the Thursday of its week (weeks start on Monday).
  const int isodow = (day_of_week(days) + 6) % 7;  // 0 = Monday
  const int64_t thursday = days - isodow + 3;
  int64_t y;
  unsigned m, d;
  civil_from_days(thursday, y, m, d);
  iso_year = y;
  const int64_t jan1 = days_from_civil(y, 1, 1);
  week = static_cast<int>((thursday - jan1) / 7 + 1);
}

}  // namespace eddy::engine::dt
