// parse_interval(): PostgreSQL 15's interval_in with IntervalStyle postgres. The verbose and
// clock forms go through the shared lexer and DecodeInterval's rules (fields are read right to
// left, so a bare number takes the unit of the word after it, and a number with no unit is
// seconds, or days before a clock time); anything that fails as a format is then tried as
// ISO 8601 ("P1Y2M3DT4H5M6S", "P0001-02-03T04:05:06"), exactly as PostgreSQL does.
//
//   "1 day 02:03:04" -> 1 day, 7384 s     "@ 1 minute ago" -> -60 s     "1-2" -> 14 months
//   "1.5 months" -> 1 month 15 days       "10" -> 10 s                  "PT1M" -> 60 s

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <string>

#include "common/datetime_tokens.h"
#include "common/error.h"
#include "common/value_text.h"
#include "common/value_text_internal.h"

namespace eddy {

namespace {

using namespace datetime;

// Accumulated fields (PostgreSQL's pg_itm_in): years apart from months until the end.
struct ItmIn {
  int64_t usec = 0;
  int32_t mday = 0, mon = 0, year = 0;
};

// Fields seen so far, to reject "1 day 1 day" (PostgreSQL's DTK_M bits for intervals).
enum : uint32_t {
  kYearBit = 1u << 0,
  kMonthBit = 1u << 1,
  kDayBit = 1u << 2,
  kHourBit = 1u << 3,
  kMinuteBit = 1u << 4,
  kSecondBit = 1u << 5,
  kMillisecondBit = 1u << 6,
  kMicrosecondBit = 1u << 7,
  kWeekBit = 1u << 8,
  kDecadeBit = 1u << 9,
  kCenturyBit = 1u << 10,
  kMillenniumBit = 1u << 11,
};
constexpr uint32_t kAllSecsBits = kSecondBit | kMillisecondBit | kMicrosecondBit;
constexpr uint32_t kTimeBits = kHourBit | kMinuteBit | kAllSecsBits;

bool add32(int32_t& acc, int64_t v) {
  return v >= INT32_MIN && v <= INT32_MAX && !__builtin_add_overflow(acc, static_cast<int32_t>(v), &acc);
}

// frac * scale microseconds, rounded; |frac| < 1.
bool adjust_fract_micros(double frac, int64_t scale, ItmIn& itm) {
  if (frac == 0) return true;
  frac *= static_cast<double>(scale);
  auto usec = static_cast<int64_t>(frac);
  usec += static_cast<int64_t>(std::rint(frac - static_cast<double>(usec)));
  return !__builtin_add_overflow(itm.usec, usec, &itm.usec);
}

bool adjust_micros(int64_t val, double frac, int64_t scale, ItmIn& itm) {
  int64_t usec;
  return !__builtin_mul_overflow(val, scale, &usec) && !__builtin_add_overflow(itm.usec, usec, &itm.usec) &&
         adjust_fract_micros(frac, scale, itm);
}

bool adjust_days(int64_t val, int scale, ItmIn& itm) {
  int32_t days;
  return val >= INT32_MIN && val <= INT32_MAX && !__builtin_mul_overflow(static_cast<int32_t>(val), scale, &days) &&
         add32(itm.mday, days);
}

// The whole days of frac * scale days, and the rest as microseconds.
bool adjust_fract_days(double frac, int scale, ItmIn& itm) {
  if (frac == 0) return true;
  frac *= scale;
  const auto extra_days = static_cast<int>(frac);
  return add32(itm.mday, extra_days) && adjust_fract_micros(frac - extra_days, kMicrosPerDay, itm);
}

bool adjust_months(int64_t val, ItmIn& itm) { return add32(itm.mon, val); }

bool adjust_years(int64_t val, int scale, ItmIn& itm) {
  int32_t years;
  return val >= INT32_MIN && val <= INT32_MAX && !__builtin_mul_overflow(static_cast<int32_t>(val), scale, &years) &&
         add32(itm.year, years);
}

// A fraction of years becomes whole months, rounded: "0.4 years" is 5 months.
bool adjust_fract_years(double frac, int scale, ItmIn& itm) {
  return add32(itm.mon, static_cast<int64_t>(std::rint(frac * scale * 12)));
}

DtErr decode_time_for_interval(const char* str, ItmIn& itm) {
  TimeParts t;
  if (DtErr e = decode_time(str, t); e != DtErr::Ok) return e;
  int64_t usec = t.usec, part;
  if (__builtin_mul_overflow(t.hour, kMicrosPerHour, &part) || __builtin_add_overflow(usec, part, &usec) ||
      __builtin_add_overflow(usec, int64_t{t.min} * kMicrosPerMinute, &usec) ||
      __builtin_add_overflow(usec, int64_t{t.sec} * kMicrosPerSecond, &usec))
    return DtErr::FieldOverflow;
  itm.usec = usec;
  return DtErr::Ok;
}

// One number, in the unit `type` (PostgreSQL's DecodeInterval, DTK_NUMBER case).
DtErr decode_interval_number(const char* field, int& type, uint32_t& tmask, ItmIn& itm) {
  if (type == kNoUnit) type = kUnitSecond;
  char* cp;
  int64_t val;
  if (!scan_int64(field, &cp, val)) return DtErr::FieldOverflow;
  double fval = 0;
  if (*cp == '-') {  // SQL "years-months"
    int val2;
    if (!scan_int(cp + 1, &cp, val2) || val2 < 0 || val2 >= 12) return DtErr::FieldOverflow;
    if (*cp != '\0') return DtErr::BadFormat;
    type = kUnitMonth;
    if (*field == '-') val2 = -val2;
    if (__builtin_mul_overflow(val, int64_t{12}, &val) || __builtin_add_overflow(val, int64_t{val2}, &val))
      return DtErr::FieldOverflow;
  } else if (*cp == '.') {
    if (DtErr e = parse_fraction(cp, fval); e != DtErr::Ok) return e;
    if (*field == '-') fval = -fval;
  } else if (*cp != '\0') {
    return DtErr::BadFormat;
  }
  bool ok;
  switch (type) {
    case kUnitMicrosecond: ok = adjust_micros(val, fval, 1, itm); tmask = kMicrosecondBit; break;
    case kUnitMillisecond: ok = adjust_micros(val, fval, 1000, itm); tmask = kMillisecondBit; break;
    case kUnitSecond:
      ok = adjust_micros(val, fval, kMicrosPerSecond, itm);
      tmask = fval == 0 ? kSecondBit : kAllSecsBits;  // "1.5 s" also fills the ms and us slots
      break;
    case kUnitMinute: ok = adjust_micros(val, fval, kMicrosPerMinute, itm); tmask = kMinuteBit; break;
    case kUnitHour:
      ok = adjust_micros(val, fval, kMicrosPerHour, itm);
      tmask = kHourBit;
      type = kUnitDay;  // "1 2 hours": the number before the hours is days
      break;
    case kUnitDay:
      ok = adjust_days(val, 1, itm) && adjust_fract_micros(fval, kMicrosPerDay, itm);
      tmask = kDayBit;
      break;
    case kUnitWeek: ok = adjust_days(val, 7, itm) && adjust_fract_days(fval, 7, itm); tmask = kWeekBit; break;
    case kUnitMonth: ok = adjust_months(val, itm) && adjust_fract_days(fval, 30, itm); tmask = kMonthBit; break;
    case kUnitYear: ok = adjust_years(val, 1, itm) && adjust_fract_years(fval, 1, itm); tmask = kYearBit; break;
    case kUnitDecade: ok = adjust_years(val, 10, itm) && adjust_fract_years(fval, 10, itm); tmask = kDecadeBit; break;
    case kUnitCentury:
      ok = adjust_years(val, 100, itm) && adjust_fract_years(fval, 100, itm);
      tmask = kCenturyBit;
      break;
    case kUnitMillennium:
      ok = adjust_years(val, 1000, itm) && adjust_fract_years(fval, 1000, itm);
      tmask = kMillenniumBit;
      break;
    default: return DtErr::BadFormat;  // quarter, timezone, "10 ago", ...
  }
  return ok ? DtErr::Ok : DtErr::FieldOverflow;
}

// PostgreSQL's DecodeInterval(), right to left.
DtErr decode_interval(Fields& f, ItmIn& itm) {
  bool is_before = false;
  uint32_t fmask = 0;
  int type = kNoUnit;
  for (int i = f.count - 1; i >= 0; --i) {
    const char* field = f.text[i];
    uint32_t tmask = 0;
    DtErr e = DtErr::Ok;
    switch (f.type[i]) {
      case FieldType::Time:
        if ((e = decode_time_for_interval(field, itm)) != DtErr::Ok) return e;
        tmask = kTimeBits;
        type = kUnitDay;
        break;
      case FieldType::Tz:  // "-02:00:00" is a signed clock time; "-1", "+1.5", "-1-2" are numbers
        if (std::strchr(field + 1, ':') != nullptr && decode_time_for_interval(field + 1, itm) == DtErr::Ok) {
          if (*field == '-') {
            if (itm.usec == INT64_MIN) return DtErr::FieldOverflow;
            itm.usec = -itm.usec;
          }
          tmask = kTimeBits;
          type = kUnitDay;
          break;
        }
        [[fallthrough]];
      case FieldType::Date:
      case FieldType::Number:
        if ((e = decode_interval_number(field, type, tmask, itm)) != DtErr::Ok) return e;
        break;
      case FieldType::String:
      case FieldType::Special: {
        const Keyword* kw = find_interval_keyword(field);
        if (kw == nullptr) return DtErr::BadFormat;
        if (kw->kind == TokenKind::Ignore) continue;
        if (kw->kind == TokenKind::Ago) {
          is_before = true;
          type = kUnitOther;  // a number right before "ago" has no unit: an error, as in PostgreSQL
        } else if (kw->kind == TokenKind::Units) {
          type = kw->value;
        } else {
          return DtErr::BadFormat;
        }
        break;
      }
    }
    if (tmask & fmask) return DtErr::BadFormat;
    fmask |= tmask;
  }
  if (fmask == 0) return DtErr::BadFormat;
  if (is_before) {  // "ago" negates everything
    if (itm.usec == INT64_MIN || itm.mday == INT32_MIN || itm.mon == INT32_MIN || itm.year == INT32_MIN)
      return DtErr::FieldOverflow;
    itm.usec = -itm.usec;
    itm.mday = -itm.mday;
    itm.mon = -itm.mon;
    itm.year = -itm.year;
  }
  return DtErr::Ok;
}

// An ISO 8601 number: anything strtod takes, within +-1e15, split into integer and fraction.
DtErr parse_iso_number(const char* str, char** end, int64_t& ipart, double& fpart) {
  if (!(text::is_digit(*str) || *str == '-' || *str == '.')) return DtErr::BadFormat;
  errno = 0;
  const double val = text::c_strtod(str, end);
  if (*end == str || errno != 0) return DtErr::BadFormat;
  if (std::isnan(val) || val < -1.0e15 || val > 1.0e15) return DtErr::FieldOverflow;
  ipart = static_cast<int64_t>(std::trunc(val));
  fpart = val - static_cast<double>(ipart);
  return DtErr::Ok;
}

size_t iso_integer_width(const char* s) {
  if (*s == '-') ++s;
  return std::strspn(s, "0123456789");
}

// PostgreSQL's DecodeISO8601Interval: "P[nY][nM][nW][nD][T[nH][nM][nS]]" and the alternative
// forms "P0001-02-03T04:05:06" / "P00010203T040506". Letters are upper case only.
DtErr decode_iso8601_interval(const char* str, ItmIn& itm) {
  if (std::strlen(str) < 2 || str[0] != 'P') return DtErr::BadFormat;
  ++str;
  bool datepart = true, havefield = false;
  // After a field of the alternative format: the end (Done), "T" (TimePart, moving past it) or more.
  enum class Next { Done, TimePart, More };
  auto after_field = [&](char*& s) {
    if (*s == '\0') return Next::Done;
    if (*s != 'T') return Next::More;
    datepart = false;
    havefield = false;
    ++s;
    return Next::TimePart;
  };
  while (*str != '\0') {
    if (*str == 'T') {
      datepart = false;
      havefield = false;
      ++str;
      continue;
    }
    const char* fieldstart = str;
    char* s;
    int64_t val;
    double fval;
    if (DtErr e = parse_iso_number(str, &s, val, fval); e != DtErr::Ok) return e;
    const char unit = *s;
    if (unit != '\0') ++s;
    bool ok = true;
    if (datepart) {
      switch (unit) {
        case 'Y': ok = adjust_years(val, 1, itm) && adjust_fract_years(fval, 1, itm); break;
        case 'M': ok = adjust_months(val, itm) && adjust_fract_days(fval, 30, itm); break;
        case 'W': ok = adjust_days(val, 7, itm) && adjust_fract_days(fval, 7, itm); break;
        case 'D': ok = adjust_days(val, 1, itm) && adjust_fract_micros(fval, kMicrosPerDay, itm); break;
        case 'T':
        case '\0':
          if (iso_integer_width(fieldstart) == 8 && !havefield) {  // basic: YYYYMMDD
            if (!adjust_years(val / 10000, 1, itm) || !adjust_months(val / 100 % 100, itm) ||
                !adjust_days(val % 100, 1, itm) || !adjust_fract_micros(fval, kMicrosPerDay, itm))
              return DtErr::FieldOverflow;
            if (unit == '\0') return DtErr::Ok;
            datepart = false;
            havefield = false;
            str = s;
            continue;
          }
          [[fallthrough]];
        case '-': {  // extended: YYYY-MM-DD
          if (havefield) return DtErr::BadFormat;
          if (!adjust_years(val, 1, itm) || !adjust_fract_years(fval, 1, itm)) return DtErr::FieldOverflow;
          if (unit == '\0') return DtErr::Ok;
          if (unit == 'T') {
            datepart = false;
            havefield = false;
            str = s;
            continue;
          }
          if (DtErr e = parse_iso_number(s, &s, val, fval); e != DtErr::Ok) return e;
          if (!adjust_months(val, itm) || !adjust_fract_days(fval, 30, itm)) return DtErr::FieldOverflow;
          if (Next n = after_field(s); n != Next::More) {
            if (n == Next::Done) return DtErr::Ok;
            str = s;
            continue;
          }
          if (*s != '-') return DtErr::BadFormat;
          ++s;
          if (DtErr e = parse_iso_number(s, &s, val, fval); e != DtErr::Ok) return e;
          if (!adjust_days(val, 1, itm) || !adjust_fract_micros(fval, kMicrosPerDay, itm)) return DtErr::FieldOverflow;
          if (Next n = after_field(s); n != Next::More) {
            if (n == Next::Done) return DtErr::Ok;
            str = s;
            continue;
          }
          return DtErr::BadFormat;
        }
        default: return DtErr::BadFormat;
      }
    } else {
      switch (unit) {
        case 'H': ok = adjust_micros(val, fval, kMicrosPerHour, itm); break;
        case 'M': ok = adjust_micros(val, fval, kMicrosPerMinute, itm); break;
        case 'S': ok = adjust_micros(val, fval, kMicrosPerSecond, itm); break;
        case '\0':
          if (iso_integer_width(fieldstart) == 6 && !havefield) {  // basic: hhmmss
            if (!adjust_micros(val / 10000, 0, kMicrosPerHour, itm) ||
                !adjust_micros(val / 100 % 100, 0, kMicrosPerMinute, itm) ||
                !adjust_micros(val % 100, 0, kMicrosPerSecond, itm) || !adjust_fract_micros(fval, 1, itm))
              return DtErr::FieldOverflow;
            return DtErr::Ok;
          }
          [[fallthrough]];
        case ':': {  // extended: hh:mm:ss
          if (havefield) return DtErr::BadFormat;
          if (!adjust_micros(val, fval, kMicrosPerHour, itm)) return DtErr::FieldOverflow;
          if (unit == '\0') return DtErr::Ok;
          if (DtErr e = parse_iso_number(s, &s, val, fval); e != DtErr::Ok) return e;
          if (!adjust_micros(val, fval, kMicrosPerMinute, itm)) return DtErr::FieldOverflow;
          if (*s == '\0') return DtErr::Ok;
          if (*s != ':') return DtErr::BadFormat;
          ++s;
          if (DtErr e = parse_iso_number(s, &s, val, fval); e != DtErr::Ok) return e;
          if (!adjust_micros(val, fval, kMicrosPerSecond, itm)) return DtErr::FieldOverflow;
          return *s == '\0' ? DtErr::Ok : DtErr::BadFormat;
        }
        default: return DtErr::BadFormat;
      }
    }
    if (!ok) return DtErr::FieldOverflow;
    havefield = true;
    str = s;
  }
  return DtErr::Ok;
}

}  // namespace

Interval parse_interval(std::string_view text) {
  ItmIn itm;
  DtErr e;
  {
    Fields f;
    e = tokenize(text, 256, f);
    if (e == DtErr::Ok) e = decode_interval(f, itm);
  }
  if (e == DtErr::BadFormat) {
    itm = ItmIn{};
    const std::string copy(text);  // NUL-terminated for strtod
    e = copy.size() == std::strlen(copy.c_str()) ? decode_iso8601_interval(copy.c_str(), itm) : DtErr::BadFormat;
  }
  if (e == DtErr::FieldOverflow) e = DtErr::IntervalOverflow;
  if (e != DtErr::Ok) throw_datetime_error(e, text, "interval");
  const int64_t months = int64_t{itm.year} * 12 + itm.mon;
  if (months < INT32_MIN || months > INT32_MAX) throw SqlError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  return Interval{static_cast<int32_t>(months), itm.mday, itm.usec};
}

}  // namespace eddy
