// Text output of TIMESTAMP, TIMESTAMPTZ, DATE and INTERVAL as PostgreSQL 15 writes them with
// DateStyle ISO and IntervalStyle postgres, TimeZone UTC:
//   timestamp    2026-11-20 10:00:00.123456   (fraction only when non-zero, trailing zeros cut)
//   timestamptz  2026-11-20 10:00:00+00
//   years <= 0   0001-01-01 00:00:00 BC        (year 0 is 1 BC); years > 9999 print all digits
//   date         2026-11-20
//   interval     1 year 2 mons 3 days 04:05:06.5, -1 days +02:00:00, 00:00:00
// Digits are written straight into a small buffer: this is the DataRow hot path.

#include <charconv>
#include <cstdlib>

#include "common/datetime_limits.h"
#include "common/value_text.h"
#include "common/value_text_internal.h"

namespace eddy::text {

namespace {

// Writes `v` (>= 0) with at least `width` digits, zero-padded; returns the end.
char* put_padded(char* p, uint64_t v, int width) {
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  for (auto n = r.ptr - tmp; n < width; ++n) *p++ = '0';
  for (const char* q = tmp; q < r.ptr; ++q) *p++ = *q;
  return p;
}

char* put2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

// ".ffffff" without trailing zeros, or nothing when `usec` is 0. `usec` in [0, 1000000).
char* put_fraction(char* p, unsigned usec) {
  if (usec == 0) return p;
  *p++ = '.';
  unsigned div = 100000;
  while (usec != 0) {
    *p++ = static_cast<char>('0' + usec / div);
    usec %= div;
    div /= 10;
  }
  return p;
}

// "YYYY-MM-DD"; sets `bc` for years <= 0, which print as 1 - year.
char* put_ymd(char* p, int64_t days, bool& bc) {
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  bc = y <= 0;
  p = put_padded(p, static_cast<uint64_t>(bc ? 1 - y : y), 4);
  *p++ = '-';
  p = put2(p, m);
  *p++ = '-';
  return put2(p, d);
}

}  // namespace

void append_int64(std::string& out, int64_t x) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, x);
  out.append(buf, r.ptr);
}

void append_timestamp(std::string& out, int64_t micros, bool with_zone) {
  if (!is_finite_timestamp(micros)) {
    out.append(micros > 0 ? "infinity" : "-infinity");
    return;
  }
  int64_t days = micros / kMicrosPerDay;
  int64_t rem = micros % kMicrosPerDay;
  if (rem < 0) {
    rem += kMicrosPerDay;
    --days;
  }
  char buf[64];
  bool bc;
  char* p = put_ymd(buf, days, bc);
  const auto secs = static_cast<unsigned>(rem / kMicrosPerSecond);
  *p++ = ' ';
  p = put2(p, secs / 3600);
  *p++ = ':';
  p = put2(p, secs / 60 % 60);
  *p++ = ':';
  p = put2(p, secs % 60);
  p = put_fraction(p, static_cast<unsigned>(rem % kMicrosPerSecond));
  if (with_zone) *p++ = '+', *p++ = '0', *p++ = '0';
  if (bc) *p++ = ' ', *p++ = 'B', *p++ = 'C';
  out.append(buf, p);
}

void append_date(std::string& out, int64_t days) {
  if (!is_finite_date(days)) {
    out.append(days > 0 ? "infinity" : "-infinity");
    return;
  }
  char buf[40];
  bool bc;
  char* p = put_ymd(buf, days, bc);
  if (bc) *p++ = ' ', *p++ = 'B', *p++ = 'C';
  out.append(buf, p);
}

namespace {
// PostgreSQL's AddPostgresIntPart: "3 days", with a '+' when the previous part was negative.
void add_part(std::string& out, int64_t value, const char* unit, bool& is_zero, bool& is_before) {
  if (value == 0) return;
  if (!is_zero) out.push_back(' ');
  if (is_before && value > 0) out.push_back('+');
  append_int64(out, value);
  out.push_back(' ');
  out.append(unit);
  if (value != 1) out.push_back('s');
  is_before = value < 0;  // each non-zero part decides the sign marking of the next one only
  is_zero = false;
}
}  // namespace

void append_interval(std::string& out, const Interval& iv) {
  bool is_zero = true, is_before = false;
  add_part(out, iv.months / 12, "year", is_zero, is_before);
  add_part(out, iv.months % 12, "mon", is_zero, is_before);
  add_part(out, iv.days, "day", is_zero, is_before);
  if (!is_zero && iv.micros == 0) return;
  // Hours, minutes, seconds and microseconds all carry the sign of `micros` (C division).
  const int64_t hour = iv.micros / kMicrosPerHour;
  const int64_t rest = iv.micros % kMicrosPerHour;
  const bool minus = iv.micros < 0;
  const uint64_t abs_rest = static_cast<uint64_t>(minus ? -rest : rest);
  char buf[48];
  char* p = buf;
  if (!is_zero) *p++ = ' ';
  if (minus)
    *p++ = '-';
  else if (is_before)
    *p++ = '+';
  p = put_padded(p, static_cast<uint64_t>(hour < 0 ? -hour : hour), 2);
  *p++ = ':';
  p = put2(p, static_cast<unsigned>(abs_rest / kMicrosPerMinute));
  *p++ = ':';
  p = put2(p, static_cast<unsigned>(abs_rest % kMicrosPerMinute / kMicrosPerSecond));
  p = put_fraction(p, static_cast<unsigned>(abs_rest % kMicrosPerSecond));
  out.append(buf, p);
}

}  // namespace eddy::text

namespace eddy {

std::string format_timestamp(int64_t micros_since_epoch) {
  std::string s;
  text::append_timestamp(s, micros_since_epoch, false);
  return s;
}

std::string format_timestamptz(int64_t micros_since_epoch) {
  std::string s;
  text::append_timestamp(s, micros_since_epoch, true);
  return s;
}

std::string format_date(int64_t days_since_epoch) {
  std::string s;
  text::append_date(s, days_since_epoch);
  return s;
}

std::string format_interval(const Interval& iv) {
  std::string s;
  text::append_interval(s, iv);
  return s;
}

}  // namespace eddy
