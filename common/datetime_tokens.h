#pragma once
// Internal to common/: the lexer and keyword tables behind parse_timestamp(), parse_date() and
// parse_interval(). They follow PostgreSQL's datetime.c (ParseDateTime, DecodeTime,
// DecodeTimezone, the datetktbl/deltatktbl keyword tables) closely, because "exactly like
// PostgreSQL" for date/time input means reproducing its quirks, not only its documented forms.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace eddy::datetime {

// PostgreSQL's DTERR_* codes; throw_datetime_error() turns them into its messages.
enum class DtErr : uint8_t {
  Ok,
  BadFormat,         // 22007 invalid input syntax for type X: "..."
  FieldOverflow,     // 22008 date/time field value out of range: "..."
  MdFieldOverflow,   // the same, with a hint about DateStyle
  IntervalOverflow,  // 22015 interval field value out of range: "..."
  TzDispOverflow,    // 22009 time zone displacement out of range: "..."
};

[[noreturn]] void throw_datetime_error(DtErr err, std::string_view input, const char* type_name);

// Field classes assigned by the lexer (PostgreSQL's DTK_NUMBER, DTK_STRING, ...).
enum class FieldType : uint8_t {
  Number,   // digits, maybe with '.': 2026, 10.5, 20261120, .5
  String,   // letters: nov, pst, minutes, t
  Date,     // digits with '-', '/' or '.' delimiters, or letters followed by punctuation/digits
  Time,     // digits with ':'
  Tz,       // a sign then digits: +02, -05:30, -1-2
  Special,  // a sign then letters: -infinity
};

// The fields of one input, lower-cased and NUL-terminated inside `buf`. Not copyable: the
// field pointers point into the object itself.
struct Fields {
  static constexpr int kMaxFields = 25;  // PostgreSQL's MAXDATEFIELDS
  char buf[288];
  char* text[kMaxFields];
  FieldType type[kMaxFields];
  int count = 0;

  Fields() = default;
  Fields(const Fields&) = delete;
  Fields& operator=(const Fields&) = delete;
};

// PostgreSQL's ParseDateTime(). `buf_size` is the work-buffer size PostgreSQL uses for the
// type (153 for timestamps and dates, 256 for intervals): longer inputs are a format error.
DtErr tokenize(std::string_view input, size_t buf_size, Fields& out);

// Keyword kinds of datetktbl / deltatktbl.
enum class TokenKind : uint8_t { Reserved, Month, Dow, AmPm, AdBc, Units, IsoTime, Ignore, DstModifier, Ago };

// Values of Reserved keywords.
enum Reserved : int { kNow, kToday, kTomorrow, kYesterday, kEpoch, kLate, kEarly, kZulu };
enum AmPm : int { kAm, kPm };
enum AdBc : int { kAd, kBc };
// Values of Units keywords (and of the "what comes next" state of the decoders).
enum Unit : int {
  kNoUnit,
  kUnitYear,
  kUnitMonth,
  kUnitDay,
  kUnitHour,
  kUnitMinute,
  kUnitSecond,
  kUnitMillisecond,
  kUnitMicrosecond,
  kUnitWeek,
  kUnitDecade,
  kUnitCentury,
  kUnitMillennium,
  kUnitQuarter,
  kUnitJulian,
  kUnitTimezone,
  kUnitOther,  // dow, doy, isodow, isoyear, timezone_h, timezone_m: known, never valid input
  kUnitIsoTime,  // the "t" of 20261120T100000
};

struct Keyword {
  std::string_view name;
  TokenKind kind;
  int value;
};

// Look-ups compare at most the first 10 characters of `lower`, as PostgreSQL does (TOKMAXLEN),
// so "microseconds" finds "microsecon".
const Keyword* find_datetime_keyword(std::string_view lower);  // datetktbl
const Keyword* find_interval_keyword(std::string_view lower);  // deltatktbl

// Time zone abbreviations Eddy knows (a subset of PostgreSQL's "Default" set).
struct ZoneAbbrev {
  std::string_view name;
  int offset_seconds;  // east of UTC
  bool is_dst;
};
const ZoneAbbrev* find_zone_abbrev(std::string_view lower);

// PostgreSQL's DecodeTime() for "h:m", "h:m:s[.f]" and "m:s.f" (full interval range).
struct TimeParts {
  int64_t hour = 0;
  int min = 0;
  int sec = 0;
  int64_t usec = 0;
};
DtErr decode_time(const char* str, TimeParts& out);

// PostgreSQL's DecodeTimezone(): "+hh", "+hhmm", "+hh:mm", "+hh:mm:ss" -> seconds east of UTC.
DtErr decode_timezone(const char* str, int& seconds_east);

// "." or ".ddd" -> the fraction (ParseFraction), or -> rounded microseconds.
DtErr parse_fraction(const char* cp, double& frac);
DtErr parse_fractional_second(const char* cp, int64_t& usec);

// strtol / strtoll that report overflow of int / int64 instead of setting errno.
bool scan_int(const char* s, char** end, int& out);
bool scan_int64(const char* s, char** end, int64_t& out);

}  // namespace eddy::datetime
