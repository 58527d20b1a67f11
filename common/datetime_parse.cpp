// parse_timestamp() and parse_date(): PostgreSQL 15's timestamp_in / timestamptz_in / date_in
// with DateStyle 'ISO, MDY' and TimeZone 'UTC'. The decoder follows DecodeDateTime() in
// PostgreSQL's datetime.c field by field, so that odd inputs ("Nov 20 2026", "20261120T100000",
// "11/20/26 10:00 PM", "J2461000") are read, and rejected, as PostgreSQL reads and rejects them.
//
// Not supported: full time zone names ("Europe/Berlin": Eddy has no zone database; the error is
// PostgreSQL's "time zone ... not recognized") and the zone abbreviations not in kZones.

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

#include "common/date_fields.h"
#include "common/datetime_limits.h"
#include "common/datetime_tokens.h"
#include "common/error.h"
#include "common/value_text.h"
#include "common/value_text_internal.h"

namespace eddy {

namespace {

using namespace datetime;

enum class DType { Date, Epoch, Late, Early };

struct Decoded {
  Tm tm;
  DType dtype = DType::Date;
  int tz = 0;  // seconds east of UTC
};

// A POSIX-style zone without daylight rules, "utc+3" or "gmt-05:30": the offset is hours WEST
// of UTC, as in the TZ variable. Full zone names ("europe/berlin") would need a zone database.
bool decode_posix_offset(const char* field, int& seconds_east) {
  const char* p = field;
  while (text::is_alpha(*p)) ++p;
  if (p - field < 3 || (*p != '+' && *p != '-' && !text::is_digit(*p))) return false;
  const bool west = *p != '-';
  if (*p == '+' || *p == '-') ++p;
  int parts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    if (!text::is_digit(*p)) return false;
    while (text::is_digit(*p) && parts[i] < 1000) parts[i] = parts[i] * 10 + (*p++ - '0');
    if (*p != ':') break;
    ++p;
  }
  if (*p != '\0' || parts[0] > 24 || parts[1] > 59 || parts[2] > 59) return false;
  const int seconds = (parts[0] * 60 + parts[1]) * 60 + parts[2];
  seconds_east = west ? -seconds : seconds;
  return true;
}

void set_now(Tm& tm, bool date_only, int day_offset) {
  const int64_t now = now_micros();
  int64_t days = now / kMicrosPerDay;
  int64_t rem = now % kMicrosPerDay;
  if (rem < 0) {
    rem += kMicrosPerDay;
    --days;
  }
  days_to_tm(days + day_offset, tm);
  if (date_only) return;
  tm.hour = static_cast<int>(rem / kMicrosPerHour);
  tm.min = static_cast<int>(rem / kMicrosPerMinute % 60);
  tm.sec = static_cast<int>(rem / kMicrosPerSecond % 60);
  tm.fsec = rem % kMicrosPerSecond;
}

// A word: month, weekday, AM/PM, BC, zone abbreviation, special value or field label.
DtErr decode_word(Fields& f, int i, uint32_t fmask, uint32_t& tmask, int& ptype, int& mer, bool& bc,
                  bool& have_text_month, Decoded& d) {
  const char* field = f.text[i];
  Tm& tm = d.tm;
  if (const ZoneAbbrev* z = find_zone_abbrev(field)) {  // zone abbreviations come first
    tmask = z->is_dst ? (kDtz | kTz) : kTz;
    d.tz = z->offset_seconds;
    return DtErr::Ok;
  }
  const Keyword* kw = find_datetime_keyword(field);
  if (kw == nullptr) return DtErr::BadFormat;  // PostgreSQL would try it as a zone name
  switch (kw->kind) {
    case TokenKind::Ignore: tmask = 0; return DtErr::Ok;
    case TokenKind::Reserved:
      switch (kw->value) {
        case kNow:
          tmask = kDateMask | kTimeMask | kTz;
          d.dtype = DType::Date;
          set_now(tm, false, 0);
          d.tz = 0;
          break;
        case kYesterday:
        case kToday:
        case kTomorrow:
          tmask = kDateMask;
          d.dtype = DType::Date;
          set_now(tm, true, kw->value == kYesterday ? -1 : kw->value == kTomorrow ? 1 : 0);
          break;
        case kZulu:
          tmask = kTimeMask | kTz;
          d.dtype = DType::Date;
          tm.hour = tm.min = tm.sec = 0;
          d.tz = 0;
          break;
        default:  // epoch, infinity, -infinity: the other fields are read and then ignored
          tmask = kReservedBit;
          d.dtype = kw->value == kEpoch ? DType::Epoch : kw->value == kLate ? DType::Late : DType::Early;
          break;
      }
      return DtErr::Ok;
    case TokenKind::Month:
      tmask = kMonth;
      // "20 nov": a number already taken as the month was the day
      if ((fmask & kMonth) && !have_text_month && !(fmask & kDay) && tm.mon >= 1 && tm.mon <= 31) {
        tm.mday = tm.mon;
        tmask = kDay;
      }
      have_text_month = true;
      tm.mon = kw->value;
      return DtErr::Ok;
    case TokenKind::DstModifier:
      tmask = kDtzMod | kDtz;
      d.tz += kw->value;
      return DtErr::Ok;
    case TokenKind::AmPm: tmask = kAmPmBit; mer = kw->value; return DtErr::Ok;
    case TokenKind::AdBc: tmask = kAdBcBit; bc = kw->value == kBc; return DtErr::Ok;
    case TokenKind::Dow: tmask = kDow; return DtErr::Ok;
    case TokenKind::Units:
      tmask = 0;
      ptype = kw->value;  // PostgreSQL 15 lets a later label replace one not yet used
      return DtErr::Ok;
    case TokenKind::IsoTime:  // the "t" before a time: needs a full date before and a time after
      tmask = 0;
      if ((fmask & kDateMask) != kDateMask) return DtErr::BadFormat;
      if (i >= f.count - 1 ||
          (f.type[i + 1] != FieldType::Number && f.type[i + 1] != FieldType::Time && f.type[i + 1] != FieldType::Date))
        return DtErr::BadFormat;
      ptype = kUnitIsoTime;
      return DtErr::Ok;
    default: return DtErr::BadFormat;
  }
}

// A number after a field label: "y2026m11d20", "j2461000", "t100000" (ptype says which).
DtErr decode_labeled_number(char* field, int ptype, uint32_t fmask, uint32_t& tmask, bool& isjulian,
                            bool& is2digits, Tm& tm) {
  char* cp;
  int val;
  if (!scan_int(field, &cp, val)) return DtErr::FieldOverflow;
  if (*cp == '.') {
    if (ptype != kUnitJulian && ptype != kUnitIsoTime && ptype != kUnitSecond) return DtErr::BadFormat;
  } else if (*cp != '\0') {
    return DtErr::BadFormat;
  }
  switch (ptype) {
    case kUnitYear: tm.year = val; tmask = kYear; break;
    case kUnitMonth:  // "m" is the minute once there is a month and an hour
      if ((fmask & kMonth) && (fmask & kHour)) {
        tm.min = val;
        tmask = kMinute;
      } else {
        tm.mon = val;
        tmask = kMonth;
      }
      break;
    case kUnitDay: tm.mday = val; tmask = kDay; break;
    case kUnitHour: tm.hour = val; tmask = kHour; break;
    case kUnitMinute: tm.min = val; tmask = kMinute; break;
    case kUnitSecond:
      tm.sec = val;
      tmask = kSecond;
      if (*cp == '.') {
        if (DtErr e = parse_fractional_second(cp, tm.fsec); e != DtErr::Ok) return e;
        tmask = kAllSecs;
      }
      break;
    case kUnitJulian:
      if (val < 0) return DtErr::FieldOverflow;
      tmask = kDateMask;
      julian_to_tm(val, tm);
      isjulian = true;
      if (*cp == '.') {  // fractional Julian day: a time of day
        errno = 0;
        double day_fraction = text::c_strtod(cp, &cp);
        if (*cp != '\0' || errno != 0) return DtErr::BadFormat;
        auto t = static_cast<int64_t>(day_fraction * static_cast<double>(kMicrosPerDay));
        tm.hour = static_cast<int>(t / kMicrosPerHour);
        tm.min = static_cast<int>(t / kMicrosPerMinute % 60);
        tm.sec = static_cast<int>(t / kMicrosPerSecond % 60);
        tm.fsec = t % kMicrosPerSecond;
        tmask |= kTimeMask;
      }
      break;
    case kUnitIsoTime:
      if (DtErr e = decode_number_field(field, fmask | kDateMask, tmask, tm, is2digits); e != DtErr::Ok) return e;
      if (tmask != kTimeMask) return DtErr::BadFormat;
      break;
    default: return DtErr::BadFormat;
  }
  return DtErr::Ok;
}

// PostgreSQL's DecodeDateTime(): fields -> broken-down time, zone and kind of value.
DtErr decode_datetime(Fields& f, Decoded& d) {
  uint32_t fmask = 0, tmask = 0;
  int ptype = kNoUnit, mer = -1;
  bool have_text_month = false, isjulian = false, is2digits = false, bc = false;
  Tm& tm = d.tm;
  for (int i = 0; i < f.count; ++i) {
    char* field = f.text[i];
    DtErr e = DtErr::Ok;
    tmask = 0;
    switch (f.type[i]) {
      case FieldType::Date:
        if (ptype == kUnitJulian) {  // "j2461000-08": Julian day with a zone
          char* cp;
          int val;
          if (!scan_int(field, &cp, val) || val < 0) return DtErr::FieldOverflow;
          julian_to_tm(val, tm);
          isjulian = true;
          if ((e = decode_timezone(cp, d.tz)) != DtErr::Ok) return e;
          tmask = kDateMask | kTimeMask | kTz;
          ptype = kNoUnit;
        } else if (ptype != kNoUnit || (fmask & (kMonth | kDay)) == (kMonth | kDay)) {
          // after a full month and day: a zone name, or hhmmss-zz run together
          if (!text::is_digit(*field) && ptype == kNoUnit) {
            if (!decode_posix_offset(field, d.tz))
              throw SqlError(sqlstate::kInvalidParameterValue, "time zone \"" + std::string(field) + "\" not recognized");
            tmask = kTz;
            break;
          }
          if (ptype != kNoUnit) {
            if (ptype != kUnitIsoTime) return DtErr::BadFormat;
            ptype = kNoUnit;
          }
          if ((fmask & kTimeMask) == kTimeMask) return DtErr::BadFormat;
          char* cp = std::strchr(field, '-');
          if (cp == nullptr) return DtErr::BadFormat;
          if ((e = decode_timezone(cp, d.tz)) != DtErr::Ok) return e;
          *cp = '\0';
          if ((e = decode_number_field(field, fmask, tmask, tm, is2digits)) != DtErr::Ok) return e;
          tmask |= kTz;
        } else if ((e = decode_date(field, fmask, tmask, is2digits, tm)) != DtErr::Ok) {
          return e;
        }
        break;
      case FieldType::Time: {
        if (ptype != kNoUnit) {
          if (ptype != kUnitIsoTime) return DtErr::BadFormat;
          ptype = kNoUnit;
        }
        TimeParts t;
        if ((e = decode_time(field, t)) != DtErr::Ok) return e;
        if (t.hour > INT_MAX) return DtErr::FieldOverflow;
        tmask = kTimeMask;
        tm.hour = static_cast<int>(t.hour);
        tm.min = t.min;
        tm.sec = t.sec;
        tm.fsec = t.usec;
        if (time_overflows(tm.hour, tm.min, tm.sec, tm.fsec)) return DtErr::FieldOverflow;
        break;
      }
      case FieldType::Tz:
        if ((e = decode_timezone(field, d.tz)) != DtErr::Ok) return e;
        tmask = kTz;
        break;
      case FieldType::Number:
        if (ptype != kNoUnit) {
          e = decode_labeled_number(field, ptype, fmask, tmask, isjulian, is2digits, tm);
          ptype = kNoUnit;
          d.dtype = DType::Date;
        } else {
          const size_t flen = std::strlen(field);
          const char* dot = std::strchr(field, '.');
          if (dot != nullptr && !(fmask & kDateMask))  // "2026.324"
            e = decode_date(field, fmask, tmask, is2digits, tm);
          else if (dot != nullptr && static_cast<size_t>(dot - field) > 2)  // "100000.5"
            e = decode_number_field(field, fmask, tmask, tm, is2digits);
          else if (flen >= 6 && (!(fmask & kDateMask) || !(fmask & kTimeMask)))  // "20261120", "100000"
            e = decode_number_field(field, fmask, tmask, tm, is2digits);
          else
            e = decode_number(field, have_text_month, fmask, tmask, tm, tm.fsec, is2digits);
        }
        if (e != DtErr::Ok) return e;
        break;
      case FieldType::String:
      case FieldType::Special:
        if ((e = decode_word(f, i, fmask, tmask, ptype, mer, bc, have_text_month, d)) != DtErr::Ok) return e;
        break;
    }
    if (tmask & fmask) return DtErr::BadFormat;
    fmask |= tmask;
  }
  if (DtErr e = validate_date(fmask, isjulian, is2digits, bc, tm); e != DtErr::Ok) return e;
  if (mer != -1 && tm.hour > 12) return DtErr::FieldOverflow;
  if (mer == kAm && tm.hour == 12)
    tm.hour = 0;
  else if (mer == kPm && tm.hour != 12)
    tm.hour += 12;
  if (d.dtype == DType::Date) {
    if ((fmask & kDateMask) != kDateMask) return DtErr::BadFormat;  // a time alone is not a timestamp
    if (!(fmask & kTz) && (fmask & kDtzMod)) return DtErr::BadFormat;
  }
  return DtErr::Ok;
}

// PostgreSQL's IS_VALID_JULIAN: 4714-11-01 BC .. 5874898-06-01, checked before any arithmetic.
bool valid_julian(const Tm& tm) {
  return (tm.year > -4713 || (tm.year == -4713 && tm.mon >= 11)) &&
         (tm.year < 5874898 || (tm.year == 5874898 && tm.mon < 6));
}

// The common machine-written form "YYYY-MM-DD[ T]HH:MM:SS[.ffffff][Z|+hh|+hh:mm]", read
// directly (about ten times faster than the general decoder; connectors parse one per event).
// Returns false for anything else, including every input that would be an error or needs
// rounding or range checks, so that the general path decides those; where it returns true the
// result is the one the general path gives (tests/unit/common/timestamp_parse_test.cpp compares).
bool parse_iso_fast(std::string_view s, bool with_zone, int64_t& out) {
  auto num = [&](size_t pos, size_t len, int& v) {
    if (pos + len > s.size()) return false;
    v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!text::is_digit(s[i])) return false;
      v = v * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, sec;
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
      s[16] != ':' || !num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
      !num(17, 2, sec))
    return false;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59) return false;
  size_t i = 19;
  int64_t usec = 0;
  if (i < s.size() && s[i] == '.') {
    int scale = 100000;
    for (++i; i < s.size() && text::is_digit(s[i]); ++i, scale /= 10) {
      if (scale == 0) return false;  // more than 6 digits: rounding, leave it to the general path
      usec += (s[i] - '0') * scale;
    }
  }
  int zone = 0;
  if (i < s.size()) {
    if (s[i] == 'Z' && i + 1 == s.size()) {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      int zh, zm = 0;
      if (!num(i + 1, 2, zh) || zh > 15) return false;
      size_t end = i + 3;
      if (end < s.size() && s[end] == ':') {
        if (!num(end + 1, 2, zm) || zm > 59) return false;
        end += 3;
      }
      zone = (zh * 60 + zm) * 60 * (s[i] == '-' ? -1 : 1);
      i = end;
    }
    if (i != s.size()) return false;
  }
  out = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * kMicrosPerDay +
        ((int64_t{h} * 60 + mi) * 60 + sec) * kMicrosPerSecond + usec;
  if (with_zone) out -= int64_t{zone} * kMicrosPerSecond;
  return true;
}

const char* timestamp_type_name(Type target) {
  return target.id == TypeId::TimestampTz ? "timestamp with time zone" : "timestamp";
}

}  // namespace

int64_t parse_timestamp(std::string_view text, Type target) {
  const bool with_zone = target.id == TypeId::TimestampTz;
  if (int64_t fast; parse_iso_fast(text, with_zone, fast)) return fast;
  Fields f;
  Decoded d;
  DtErr e = tokenize(text, 153, f);
  if (e == DtErr::Ok) e = decode_datetime(f, d);
  if (e != DtErr::Ok) throw_datetime_error(e, text, timestamp_type_name(target));
  switch (d.dtype) {
    case DType::Epoch: return 0;
    case DType::Late: return kTimestampInfinity;
    case DType::Early: return kTimestampMinusInfinity;
    case DType::Date: break;
  }
  const Tm& tm = d.tm;
  int64_t result = 0;
  bool ok = valid_julian(tm);
  if (ok) {
    const int64_t days = days_from_civil(tm.year, static_cast<unsigned>(tm.mon), static_cast<unsigned>(tm.mday));
    const int64_t time = ((int64_t{tm.hour} * 60 + tm.min) * 60 + tm.sec) * kMicrosPerSecond + tm.fsec;
    ok = !__builtin_mul_overflow(days, kMicrosPerDay, &result) && !__builtin_add_overflow(result, time, &result);
    if (ok && with_zone) ok = !__builtin_sub_overflow(result, int64_t{d.tz} * kMicrosPerSecond, &result);
    ok = ok && result >= kMinTimestamp && is_finite_timestamp(result);
  }
  if (!ok) throw SqlError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range: \"" + std::string(text) + "\"");
  return result;
}

int64_t parse_date(std::string_view text) {
  Fields f;
  Decoded d;
  DtErr e = tokenize(text, 153, f);
  if (e == DtErr::Ok) e = decode_datetime(f, d);
  if (e != DtErr::Ok) throw_datetime_error(e, text, "date");
  switch (d.dtype) {
    case DType::Epoch: return 0;
    case DType::Late: return kDateInfinity;
    case DType::Early: return kDateMinusInfinity;
    case DType::Date: break;
  }
  const Tm& tm = d.tm;
  int64_t days = 0;
  bool ok = valid_julian(tm);
  if (ok) {
    days = days_from_civil(tm.year, static_cast<unsigned>(tm.mon), static_cast<unsigned>(tm.mday));
    ok = days >= kMinDate && days < kEndDate;
  }
  if (!ok) throw SqlError(sqlstate::kDatetimeFieldOverflow, "date out of range: \"" + std::string(text) + "\"");
  return days;
}

}  // namespace eddy
