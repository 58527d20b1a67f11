// PostgreSQL's date/time lexer and shared field decoders; see datetime_tokens.h.

#include "common/datetime_tokens.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "common/error.h"
#include "common/value_text.h"
#include "common/value_text_internal.h"

namespace eddy::datetime {

using text::is_alnum;
using text::is_alpha;
using text::is_digit;
using text::is_punct;
using text::is_space;
using text::to_lower;

namespace {

// PostgreSQL's datetktbl (sorted), less the zone abbreviations, which are in kZones.
constexpr Keyword kDateTokens[] = {
    {"-infinity", TokenKind::Reserved, kEarly},
    {"ad", TokenKind::AdBc, kAd},
    {"allballs", TokenKind::Reserved, kZulu},
    {"am", TokenKind::AmPm, kAm},
    {"apr", TokenKind::Month, 4},
    {"april", TokenKind::Month, 4},
    {"at", TokenKind::Ignore, 0},
    {"aug", TokenKind::Month, 8},
    {"august", TokenKind::Month, 8},
    {"bc", TokenKind::AdBc, kBc},
    {"d", TokenKind::Units, kUnitDay},
    {"dec", TokenKind::Month, 12},
    {"december", TokenKind::Month, 12},
    {"dow", TokenKind::Units, kUnitOther},
    {"doy", TokenKind::Units, kUnitOther},
    {"dst", TokenKind::DstModifier, 3600},
    {"epoch", TokenKind::Reserved, kEpoch},
    {"feb", TokenKind::Month, 2},
    {"february", TokenKind::Month, 2},
    {"fri", TokenKind::Dow, 5},
    {"friday", TokenKind::Dow, 5},
    {"h", TokenKind::Units, kUnitHour},
    {"infinity", TokenKind::Reserved, kLate},
    {"isodow", TokenKind::Units, kUnitOther},
    {"isoyear", TokenKind::Units, kUnitOther},
    {"j", TokenKind::Units, kUnitJulian},
    {"jan", TokenKind::Month, 1},
    {"january", TokenKind::Month, 1},
    {"jd", TokenKind::Units, kUnitJulian},
    {"jul", TokenKind::Month, 7},
    {"julian", TokenKind::Units, kUnitJulian},
    {"july", TokenKind::Month, 7},
    {"jun", TokenKind::Month, 6},
    {"june", TokenKind::Month, 6},
    {"m", TokenKind::Units, kUnitMonth},
    {"mar", TokenKind::Month, 3},
    {"march", TokenKind::Month, 3},
    {"may", TokenKind::Month, 5},
    {"mm", TokenKind::Units, kUnitMinute},
    {"mon", TokenKind::Dow, 1},
    {"monday", TokenKind::Dow, 1},
    {"nov", TokenKind::Month, 11},
    {"november", TokenKind::Month, 11},
    {"now", TokenKind::Reserved, kNow},
    {"oct", TokenKind::Month, 10},
    {"october", TokenKind::Month, 10},
    {"on", TokenKind::Ignore, 0},
    {"pm", TokenKind::AmPm, kPm},
    {"s", TokenKind::Units, kUnitSecond},
    {"sat", TokenKind::Dow, 6},
    {"saturday", TokenKind::Dow, 6},
    {"sep", TokenKind::Month, 9},
    {"sept", TokenKind::Month, 9},
    {"september", TokenKind::Month, 9},
    {"sun", TokenKind::Dow, 0},
    {"sunday", TokenKind::Dow, 0},
    {"t", TokenKind::IsoTime, kUnitIsoTime},
    {"thu", TokenKind::Dow, 4},
    {"thur", TokenKind::Dow, 4},
    {"thurs", TokenKind::Dow, 4},
    {"thursday", TokenKind::Dow, 4},
    {"today", TokenKind::Reserved, kToday},
    {"tomorrow", TokenKind::Reserved, kTomorrow},
    {"tue", TokenKind::Dow, 2},
    {"tues", TokenKind::Dow, 2},
    {"tuesday", TokenKind::Dow, 2},
    {"wed", TokenKind::Dow, 3},
    {"wednesday", TokenKind::Dow, 3},
    {"weds", TokenKind::Dow, 3},
    {"y", TokenKind::Units, kUnitYear},
    {"yesterday", TokenKind::Reserved, kYesterday},
};

// PostgreSQL's deltatktbl (sorted): the words of interval input.
constexpr Keyword kIntervalTokens[] = {
    {"@", TokenKind::Ignore, 0},
    {"ago", TokenKind::Ago, kNoUnit},
    {"c", TokenKind::Units, kUnitCentury},
    {"cent", TokenKind::Units, kUnitCentury},
    {"centuries", TokenKind::Units, kUnitCentury},
    {"century", TokenKind::Units, kUnitCentury},
    {"d", TokenKind::Units, kUnitDay},
    {"day", TokenKind::Units, kUnitDay},
    {"days", TokenKind::Units, kUnitDay},
    {"dec", TokenKind::Units, kUnitDecade},
    {"decade", TokenKind::Units, kUnitDecade},
    {"decades", TokenKind::Units, kUnitDecade},
    {"decs", TokenKind::Units, kUnitDecade},
    {"h", TokenKind::Units, kUnitHour},
    {"hour", TokenKind::Units, kUnitHour},
    {"hours", TokenKind::Units, kUnitHour},
    {"hr", TokenKind::Units, kUnitHour},
    {"hrs", TokenKind::Units, kUnitHour},
    {"m", TokenKind::Units, kUnitMinute},
    {"microsecon", TokenKind::Units, kUnitMicrosecond},
    {"mil", TokenKind::Units, kUnitMillennium},
    {"millennia", TokenKind::Units, kUnitMillennium},
    {"millennium", TokenKind::Units, kUnitMillennium},
    {"millisecon", TokenKind::Units, kUnitMillisecond},
    {"mils", TokenKind::Units, kUnitMillennium},
    {"min", TokenKind::Units, kUnitMinute},
    {"mins", TokenKind::Units, kUnitMinute},
    {"minute", TokenKind::Units, kUnitMinute},
    {"minutes", TokenKind::Units, kUnitMinute},
    {"mon", TokenKind::Units, kUnitMonth},
    {"mons", TokenKind::Units, kUnitMonth},
    {"month", TokenKind::Units, kUnitMonth},
    {"months", TokenKind::Units, kUnitMonth},
    {"ms", TokenKind::Units, kUnitMillisecond},
    {"msec", TokenKind::Units, kUnitMillisecond},
    {"msecond", TokenKind::Units, kUnitMillisecond},
    {"mseconds", TokenKind::Units, kUnitMillisecond},
    {"msecs", TokenKind::Units, kUnitMillisecond},
    {"qtr", TokenKind::Units, kUnitQuarter},
    {"quarter", TokenKind::Units, kUnitQuarter},
    {"s", TokenKind::Units, kUnitSecond},
    {"sec", TokenKind::Units, kUnitSecond},
    {"second", TokenKind::Units, kUnitSecond},
    {"seconds", TokenKind::Units, kUnitSecond},
    {"secs", TokenKind::Units, kUnitSecond},
    {"timezone", TokenKind::Units, kUnitTimezone},
    {"timezone_h", TokenKind::Units, kUnitOther},
    {"timezone_m", TokenKind::Units, kUnitOther},
    {"us", TokenKind::Units, kUnitMicrosecond},
    {"usec", TokenKind::Units, kUnitMicrosecond},
    {"usecond", TokenKind::Units, kUnitMicrosecond},
    {"useconds", TokenKind::Units, kUnitMicrosecond},
    {"usecs", TokenKind::Units, kUnitMicrosecond},
    {"w", TokenKind::Units, kUnitWeek},
    {"week", TokenKind::Units, kUnitWeek},
    {"weeks", TokenKind::Units, kUnitWeek},
    {"y", TokenKind::Units, kUnitYear},
    {"year", TokenKind::Units, kUnitYear},
    {"years", TokenKind::Units, kUnitYear},
    {"yr", TokenKind::Units, kUnitYear},
    {"yrs", TokenKind::Units, kUnitYear},
};

// Offsets as PostgreSQL's pg_timezone_abbrevs reports them (sorted).
constexpr ZoneAbbrev kZones[] = {
    {"acst", 34200, false}, {"aedt", 39600, true},   {"aest", 36000, false}, {"akdt", -28800, true},
    {"akst", -32400, false}, {"awst", 28800, false}, {"bst", 3600, true},    {"cdt", -18000, true},
    {"cest", 7200, true},    {"cet", 3600, false},   {"cst", -21600, false}, {"edt", -14400, true},
    {"eest", 10800, true},   {"eet", 7200, false},   {"est", -18000, false}, {"gmt", 0, false},
    {"hkt", 28800, false},   {"hst", -36000, false}, {"ist", 7200, false},   {"jst", 32400, false},
    {"kst", 32400, false},   {"mdt", -21600, true},  {"msk", 10800, false},  {"mst", -25200, false},
    {"nzdt", 46800, true},   {"nzst", 43200, false}, {"pdt", -25200, true},  {"pst", -28800, false},
    {"sgt", 28800, false},   {"ut", 0, false},       {"utc", 0, false},      {"wet", 0, false},
    {"z", 0, false},         {"zulu", 0, false},
};

template <typename T, size_t N>
const T* find_sorted(const T (&table)[N], std::string_view key) {
  key = key.substr(0, 10);  // TOKMAXLEN
  auto it = std::lower_bound(std::begin(table), std::end(table), key,
                             [](const T& e, std::string_view k) { return e.name < k; });
  return it != std::end(table) && it->name == key ? it : nullptr;
}

}  // namespace

const Keyword* find_datetime_keyword(std::string_view lower) { return find_sorted(kDateTokens, lower); }
const Keyword* find_interval_keyword(std::string_view lower) { return find_sorted(kIntervalTokens, lower); }
const ZoneAbbrev* find_zone_abbrev(std::string_view lower) { return find_sorted(kZones, lower); }

void throw_datetime_error(DtErr err, std::string_view input, const char* type_name) {
  const std::string quoted = "\"" + std::string(input) + "\"";
  switch (err) {
    case DtErr::FieldOverflow:
      throw SqlError(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: " + quoted);
    case DtErr::MdFieldOverflow:
      throw SqlError(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: " + quoted)
          .with_hint("Perhaps you need a different \"datestyle\" setting.");
    case DtErr::IntervalOverflow:
      throw SqlError("22015", "interval field value out of range: " + quoted);
    case DtErr::TzDispOverflow:
      throw SqlError("22009", "time zone displacement out of range: " + quoted);
    default:
      throw SqlError(sqlstate::kInvalidDatetimeFormat,
                     std::string("invalid input syntax for type ") + type_name + ": " + quoted);
  }
}

DtErr tokenize(std::string_view in, size_t buf_size, Fields& out) {
  const size_t n = in.size();
  auto at = [&](size_t i) { return i < n ? in[i] : '\0'; };
  if (in.find('\0') != std::string_view::npos) return DtErr::BadFormat;
  buf_size = std::min(buf_size, sizeof out.buf);
  size_t cp = 0, bp = 0;
  int nf = 0;
  bool room = true;
  auto put = [&](char c) {
    if (bp + 1 >= buf_size) room = false;
    else out.buf[bp++] = c;
  };
  while (cp < n) {
    const char c = in[cp];
    if (is_space(c)) {
      ++cp;
      continue;
    }
    if (nf >= Fields::kMaxFields) return DtErr::BadFormat;
    const size_t start = bp;
    FieldType ft;
    if (is_digit(c)) {
      while (is_digit(at(cp))) put(in[cp++]);
      if (at(cp) == ':') {  // a time
        ft = FieldType::Time;
        put(in[cp++]);
        while (is_digit(at(cp)) || at(cp) == ':' || at(cp) == '.') put(in[cp++]);
      } else if (at(cp) == '-' || at(cp) == '/' || at(cp) == '.') {  // a date, maybe with a month name
        const char delim = in[cp];
        put(in[cp++]);
        if (is_digit(at(cp))) {
          ft = delim == '.' ? FieldType::Number : FieldType::Date;
          while (is_digit(at(cp))) put(in[cp++]);
          if (at(cp) == delim) {  // three fields need matching delimiters
            ft = FieldType::Date;
            put(in[cp++]);
            while (is_digit(at(cp)) || at(cp) == delim) put(in[cp++]);
          }
        } else {
          ft = FieldType::Date;
          while (is_alnum(at(cp)) || at(cp) == delim) put(to_lower(in[cp++]));
        }
      } else {
        ft = FieldType::Number;
      }
    } else if (c == '.') {  // fractional seconds
      put(in[cp++]);
      while (is_digit(at(cp))) put(in[cp++]);
      ft = FieldType::Number;
    } else if (is_alpha(c)) {  // a word, or a date/zone name with punctuation
      ft = FieldType::String;
      while (is_alpha(at(cp))) put(to_lower(in[cp++]));
      bool is_date = false;
      const char next = at(cp);
      if (next == '-' || next == '/' || next == '.') {
        is_date = true;
      } else if (next == '+' || is_digit(next)) {
        // "t10:00" or "j2451187" start with a keyword; anything else is a zone name like "gmt+8"
        is_date = find_datetime_keyword(std::string_view(out.buf + start, bp - start)) == nullptr;
      }
      if (is_date) {
        ft = FieldType::Date;
        do {
          put(to_lower(in[cp++]));
        } while (at(cp) == '+' || at(cp) == '-' || at(cp) == '/' || at(cp) == '_' || at(cp) == '.' ||
                 at(cp) == ':' || is_alnum(at(cp)));
      }
    } else if (c == '+' || c == '-') {  // a zone offset, a signed number, or -infinity
      put(in[cp++]);
      while (is_space(at(cp))) ++cp;
      if (is_digit(at(cp))) {
        ft = FieldType::Tz;
        put(in[cp++]);
        while (is_digit(at(cp)) || at(cp) == ':' || at(cp) == '.' || at(cp) == '-') put(in[cp++]);
      } else if (is_alpha(at(cp))) {
        ft = FieldType::Special;
        while (is_alpha(at(cp))) put(to_lower(in[cp++]));
      } else {
        return DtErr::BadFormat;
      }
    } else if (is_punct(c)) {  // other punctuation separates fields
      ++cp;
      continue;
    } else {
      return DtErr::BadFormat;
    }
    if (!room) return DtErr::BadFormat;
    out.buf[bp++] = '\0';
    out.text[nf] = out.buf + start;
    out.type[nf] = ft;
    ++nf;
  }
  out.count = nf;
  return DtErr::Ok;
}

bool scan_int64(const char* s, char** end, int64_t& out) {
  errno = 0;
  long long v = std::strtoll(s, end, 10);
  out = v;
  return errno != ERANGE;
}

bool scan_int(const char* s, char** end, int& out) {
  int64_t v;
  bool ok = scan_int64(s, end, v);
  out = static_cast<int>(v);
  return ok && v >= INT_MIN && v <= INT_MAX;
}

DtErr parse_fraction(const char* cp, double& frac) {
  if (cp[1] == '\0') {
    frac = 0;
    return DtErr::Ok;
  }
  char* end;
  errno = 0;
  frac = text::c_strtod(cp, &end);
  return *end != '\0' || errno != 0 ? DtErr::BadFormat : DtErr::Ok;
}

DtErr parse_fractional_second(const char* cp, int64_t& usec) {
  double frac;
  if (DtErr e = parse_fraction(cp, frac); e != DtErr::Ok) return e;
  usec = static_cast<int64_t>(std::rint(frac * 1000000));
  return DtErr::Ok;
}

DtErr decode_time(const char* str, TimeParts& t) {
  char* cp;
  t = TimeParts{};
  if (!scan_int64(str, &cp, t.hour)) return DtErr::FieldOverflow;
  if (*cp != ':') return DtErr::BadFormat;
  if (!scan_int(cp + 1, &cp, t.min)) return DtErr::FieldOverflow;
  if (*cp == '\0') {
    // hh:mm
  } else if (*cp == '.') {  // mm:ss.fff
    if (DtErr e = parse_fractional_second(cp, t.usec); e != DtErr::Ok) return e;
    if (t.hour > INT_MAX || t.hour < INT_MIN) return DtErr::FieldOverflow;
    t.sec = t.min;
    t.min = static_cast<int>(t.hour);
    t.hour = 0;
  } else if (*cp == ':') {  // hh:mm:ss[.fff]
    if (!scan_int(cp + 1, &cp, t.sec)) return DtErr::FieldOverflow;
    if (*cp == '.') {
      if (DtErr e = parse_fractional_second(cp, t.usec); e != DtErr::Ok) return e;
    } else if (*cp != '\0') {
      return DtErr::BadFormat;
    }
  } else {
    return DtErr::BadFormat;
  }
  if (t.hour < 0 || t.min < 0 || t.min > 59 || t.sec < 0 || t.sec > 60 || t.usec < 0 || t.usec > 1000000)
    return DtErr::FieldOverflow;
  return DtErr::Ok;
}

DtErr decode_timezone(const char* str, int& seconds_east) {
  if (*str != '+' && *str != '-') return DtErr::BadFormat;
  char* cp;
  int hr, min = 0, sec = 0;
  if (!scan_int(str + 1, &cp, hr)) return DtErr::TzDispOverflow;
  if (*cp == ':') {
    if (!scan_int(cp + 1, &cp, min)) return DtErr::TzDispOverflow;
    if (*cp == ':' && !scan_int(cp + 1, &cp, sec)) return DtErr::TzDispOverflow;
  } else if (*cp == '\0' && std::strlen(str) > 3) {  // +hhmm run together
    min = hr % 100;
    hr /= 100;
  }
  if (hr < 0 || hr > 15 || min < 0 || min >= 60 || sec < 0 || sec >= 60) return DtErr::TzDispOverflow;
  seconds_east = (hr * 60 + min) * 60 + sec;
  if (*str == '-') seconds_east = -seconds_east;
  return *cp != '\0' ? DtErr::BadFormat : DtErr::Ok;
}

}  // namespace eddy::datetime
