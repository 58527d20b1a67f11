#pragma once
// Text input and output of values, exactly as PostgreSQL does it with its default settings
// (DateStyle 'ISO, MDY', IntervalStyle 'postgres', extra_float_digits 1, TimeZone 'UTC').
//
// Parsing failures throw SqlError with PostgreSQL's SQLSTATE and message, e.g.
//   22P02  invalid input syntax for type bigint: "abc"
//   22003  value "99999999999" is out of range for type integer
//   22007  invalid input syntax for type timestamp: "2026-11-20 foo"
//   22008  date/time field value out of range: "2026-02-30" (and "2026-13-45", with a hint)
//   22001  value too long for type character varying(3)
//
// NUMERIC is held as a double in this version: integral values up to 2^53 are exact and print
// without a fraction; others print with up to 17 significant digits.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/column.h"
#include "common/type.h"
#include "common/value.h"

namespace eddy {

// ---- output ---------------------------------------------------------------------------------
// PostgreSQL text output: bool "t"/"f"; float8 shortest round-trip ("0.1", "1e+100", "Infinity",
// "NaN", "-0"); timestamp "2026-11-20 10:00:00" or "2026-11-20 10:00:00.123456" (trailing
// fraction zeros trimmed); timestamptz adds "+00"; date "2026-11-20"; interval "1 day 02:03:04",
// "00:01:00", "1 year 2 mons", "-00:00:01". NULL formats as "" (callers check is_null first).
std::string format_value(const Value& v);
// Appends the text of column row `row` (which must not be NULL) to `out`, without a Value.
void append_value_text(std::string& out, const Column& col, size_t row);

std::string format_timestamp(int64_t micros_since_epoch);          // no zone suffix
std::string format_timestamptz(int64_t micros_since_epoch);        // with "+00"
std::string format_date(int64_t days_since_epoch);
std::string format_interval(const Interval& iv);
std::string format_float8(double x);                                // shortest round-trip
std::string format_float4(double x);                                // as float (single precision)
std::string format_numeric(double x);

// ---- input ----------------------------------------------------------------------------------
// Parses `text` as a value of `target` (leading/trailing white space allowed where PostgreSQL
// allows it). Throws SqlError as described above.
Value parse_value(std::string_view text, Type target);

bool parse_bool(std::string_view text);         // t/true/yes/on/1, f/false/no/off/0, any case
int64_t parse_int(std::string_view text, Type target);  // range-checked for int2/int4/int8
double parse_double(std::string_view text, Type target); // accepts Infinity, -Infinity, NaN
// Timestamps: "2026-11-20 10:00:00[.ffffff]", "2026-11-20T10:00:00Z", with an optional zone
// offset ("+02", "+02:00", "Z": converted to UTC), a bare date "2026-11-20" (midnight), and
// the special words "epoch", "now", "today", "infinity", "-infinity" (the sentinels of
// datetime_limits.h), and PostgreSQL's other forms. Returns microseconds since 1970-01-01 UTC.
int64_t parse_timestamp(std::string_view text, Type target = Type::timestamp());
int64_t parse_date(std::string_view text);      // days since 1970-01-01 (time and zone ignored)
// Intervals: PostgreSQL's verbose form ("1 minute", "10 seconds", "1 hour 30 minutes",
// "2 days", "1 year 2 mons 3 days 04:05:06.5", "-1 day", "@ 1 minute ago"), plain clock form
// ("00:01:00", "1 day 02:00:00"), unit abbreviations (s, sec, secs, m, min, mins, h, hr, hrs,
// d, w, week, mon, y, yr, ms, msec, us), and ISO 8601 ("PT1M", "P1DT2H").
Interval parse_interval(std::string_view text);

// ---- calendar helpers -------------------------------------------------------------------------
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);  // proleptic Gregorian
void civil_from_days(int64_t days, int64_t& y, unsigned& m, unsigned& d);
int64_t now_micros();  // wall clock, microseconds since the epoch

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

}  // namespace eddy
