// The date part of PostgreSQL's DecodeDateTime(); see date_fields.h.

#include "common/date_fields.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>

#include "common/datetime_limits.h"
#include "common/value_text.h"
#include "common/value_text_internal.h"

namespace eddy::datetime {

// atoi() that cannot overflow.
int clamp_atoi(const char* s) {
  int v;
  char* end;
  return scan_int(s, &end, v) ? v : (*s == '-' ? INT_MIN : INT_MAX);
}

void julian_to_tm(int64_t jd, Tm& tm) {
  int64_t y;
  unsigned m, d;
  civil_from_days(jd - 2440588, y, m, d);
  tm.year = static_cast<int>(y);
  tm.mon = static_cast<int>(m);
  tm.mday = static_cast<int>(d);
}

void days_to_tm(int64_t days, Tm& tm) { julian_to_tm(days + 2440588, tm); }

// "20261120", "261120", "100000", "1000", "100000.5": PostgreSQL's DecodeNumberField.
DtErr decode_number_field(char* str, uint32_t fmask, uint32_t& tmask, Tm& tm, bool& is2digits) {
  size_t len = std::strlen(str);
  if (char* cp = std::strchr(str, '.')) {
    if (cp[1] == '\0') {
      tm.fsec = 0;
    } else {
      errno = 0;
      double frac = text::c_strtod(cp, nullptr);
      if (errno != 0) return DtErr::BadFormat;
      tm.fsec = static_cast<int64_t>(std::rint(frac * 1000000));
    }
    *cp = '\0';
    len = std::strlen(str);
  } else if ((fmask & kDateMask) != kDateMask && len >= 6) {  // yymmdd or yyyymmdd
    tmask = kDateMask;
    tm.mday = clamp_atoi(str + len - 2);
    str[len - 2] = '\0';
    tm.mon = clamp_atoi(str + len - 4);
    str[len - 4] = '\0';
    tm.year = clamp_atoi(str);
    if (len - 4 == 2) is2digits = true;
    return DtErr::Ok;
  }
  if ((fmask & kTimeMask) != kTimeMask && (len == 6 || len == 4)) {  // hhmmss or hhmm
    tmask = kTimeMask;
    tm.sec = len == 6 ? clamp_atoi(str + 4) : 0;
    str[4] = '\0';
    tm.min = clamp_atoi(str + 2);
    str[2] = '\0';
    tm.hour = clamp_atoi(str);
    return DtErr::Ok;
  }
  return DtErr::BadFormat;
}

// One numeric date field, placed by what is already known (PostgreSQL's DecodeNumber, MDY).
DtErr decode_number(char* str, bool have_text_month, uint32_t fmask, uint32_t& tmask, Tm& tm, int64_t& fsec,
                    bool& is2digits) {
  tmask = 0;
  const size_t flen = std::strlen(str);
  char* cp;
  int val;
  if (!scan_int(str, &cp, val)) return DtErr::FieldOverflow;
  if (cp == str) return DtErr::BadFormat;
  if (*cp == '.') {
    if (cp - str > 2) return decode_number_field(str, fmask | kDateMask, tmask, tm, is2digits);
    if (DtErr e = parse_fractional_second(cp, fsec); e != DtErr::Ok) return e;
  } else if (*cp != '\0') {
    return DtErr::BadFormat;
  }
  if (flen == 3 && (fmask & kDateMask) == kYear && val >= 1 && val <= 366) {  // day of year
    tmask = kDoy | kMonth | kDay;
    tm.yday = val;
    return DtErr::Ok;
  }
  auto set = [&](uint32_t bit, int& field) {
    tmask = bit;
    field = val;
  };
  switch (fmask & kDateMask) {
    case 0:  // YYYY-MM-DD needs a year of 3+ digits; otherwise month first (MDY)
      flen >= 3 ? set(kYear, tm.year) : set(kMonth, tm.mon);
      break;
    case kYear: set(kMonth, tm.mon); break;
    case kMonth:
      if (have_text_month && flen >= 3)
        set(kYear, tm.year);
      else
        set(kDay, tm.mday);
      break;
    case kYear | kMonth:
      if (have_text_month && flen >= 3 && is2digits) {  // DD-MON-YYYY: the "year" was the day
        tmask = kDay;
        tm.mday = tm.year;
        tm.year = val;
        is2digits = false;
      } else {
        set(kDay, tm.mday);
      }
      break;
    case kDay: set(kMonth, tm.mon); break;
    case kMonth | kDay: set(kYear, tm.year); break;
    case kDateMask: return decode_number_field(str, fmask, tmask, tm, is2digits);
    default: return DtErr::BadFormat;
  }
  if (tmask == kYear) is2digits = flen <= 2;
  return DtErr::Ok;
}

// A field with date delimiters: "2026-11-20", "11/20/2026", "20-nov-2026", "2026.324".
DtErr decode_date(char* str, uint32_t fmask, uint32_t& tmask, bool& is2digits, Tm& tm) {
  char* parts[Fields::kMaxFields];
  int nf = 0;
  bool have_text_month = false;
  tmask = 0;
  while (*str != '\0' && nf < Fields::kMaxFields) {
    while (*str != '\0' && !text::is_alnum(*str)) ++str;
    if (*str == '\0') return DtErr::BadFormat;
    parts[nf++] = str;
    if (text::is_digit(*str))
      while (text::is_digit(*str)) ++str;
    else
      while (text::is_alpha(*str)) ++str;
    if (*str != '\0') *str++ = '\0';
  }
  for (int i = 0; i < nf; ++i) {  // month names first: they are unambiguous
    if (!text::is_alpha(*parts[i])) continue;
    const Keyword* kw = find_datetime_keyword(parts[i]);
    if (kw != nullptr && kw->kind == TokenKind::Ignore) continue;
    if (kw == nullptr || kw->kind != TokenKind::Month || (fmask & kMonth)) return DtErr::BadFormat;
    tm.mon = kw->value;
    have_text_month = true;
    fmask |= kMonth;
    tmask |= kMonth;
    parts[i] = nullptr;
  }
  for (int i = 0; i < nf; ++i) {
    if (parts[i] == nullptr) continue;
    uint32_t dmask;
    int64_t unused_fsec = 0;
    if (DtErr e = decode_number(parts[i], have_text_month, fmask, dmask, tm, unused_fsec, is2digits);
        e != DtErr::Ok)
      return e;
    if (fmask & dmask) return DtErr::BadFormat;
    fmask |= dmask;
    tmask |= dmask;
  }
  return (fmask & ~(kDoy | kTz)) == kDateMask ? DtErr::Ok : DtErr::BadFormat;
}

// Years, BC, two-digit years, day of year, month and day ranges (PostgreSQL's ValidateDate).
DtErr validate_date(uint32_t fmask, bool isjulian, bool is2digits, bool bc, Tm& tm) {
  if (fmask & kYear) {
    if (isjulian) {
      // already astronomical
    } else if (bc) {
      if (tm.year <= 0) return DtErr::FieldOverflow;
      tm.year = -(tm.year - 1);  // 1 BC is year 0
    } else if (is2digits) {
      if (tm.year < 0) return DtErr::FieldOverflow;
      if (tm.year < 70)
        tm.year += 2000;
      else if (tm.year < 100)
        tm.year += 1900;
    } else if (tm.year <= 0) {
      return DtErr::FieldOverflow;
    }
  }
  if (fmask & kDoy) days_to_tm(days_from_civil(tm.year, 1, 1) + tm.yday - 1, tm);
  if ((fmask & kMonth) && (tm.mon < 1 || tm.mon > 12)) return DtErr::MdFieldOverflow;
  if ((fmask & kDay) && (tm.mday < 1 || tm.mday > 31)) return DtErr::MdFieldOverflow;
  if ((fmask & kDateMask) == kDateMask && tm.mday > days_in_month(tm.year, tm.mon)) return DtErr::FieldOverflow;
  return DtErr::Ok;
}

bool time_overflows(int hour, int min, int sec, int64_t fsec) {
  if (hour < 0 || hour > 24 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > 1000000) return true;
  return ((int64_t{hour} * 60 + min) * 60 + sec) * kMicrosPerSecond + fsec > kMicrosPerDay;
}

}  // namespace eddy::datetime
