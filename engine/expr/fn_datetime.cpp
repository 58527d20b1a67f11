// date_trunc(unit, timestamp|timestamptz|interval) and extract / date_part(field, timestamp|
// timestamptz|date|interval). extract returns numeric, date_part double precision (PostgreSQL
// 14+). Units and fields take PostgreSQL's names, plurals and abbreviations ('hours', 'min',
// 'y', ...), in any case. Time zone is UTC, so timestamptz behaves as timestamp.
#include <cctype>
#include <cmath>

#include "common/value_text.h"
#include "engine/expr/datetime_util.h"
#include "engine/expr/functions.h"
#include "engine/expr/kernel_util.h"

namespace eddy::engine::fns {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

enum class Unit {
  Microseconds, Milliseconds, Second, Minute, Hour, Day, Week, Month, Quarter, Year, Decade, Century,
  Millennium, Epoch, Dow, IsoDow, Doy, IsoYear, Julian, Timezone, TimezoneHour, TimezoneMinute, Unknown
};

Unit parse_unit(std::string_view raw) {
  std::string s;
  for (char c : raw) {
    if (!std::isspace(static_cast<unsigned char>(c))) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  struct Name {
    const char* name;
    Unit unit;
  };
  static constexpr Name kNames[] = {
      {"microsecond", Unit::Microseconds}, {"microseconds", Unit::Microseconds}, {"us", Unit::Microseconds},
      {"usec", Unit::Microseconds}, {"usecs", Unit::Microseconds}, {"useconds", Unit::Microseconds},
      {"millisecond", Unit::Milliseconds}, {"milliseconds", Unit::Milliseconds}, {"ms", Unit::Milliseconds},
      {"msec", Unit::Milliseconds}, {"msecs", Unit::Milliseconds}, {"mseconds", Unit::Milliseconds},
      {"second", Unit::Second}, {"seconds", Unit::Second}, {"s", Unit::Second}, {"sec", Unit::Second},
      {"secs", Unit::Second}, {"minute", Unit::Minute}, {"minutes", Unit::Minute}, {"m", Unit::Minute},
      {"min", Unit::Minute}, {"mins", Unit::Minute}, {"hour", Unit::Hour}, {"hours", Unit::Hour},
      {"h", Unit::Hour}, {"hr", Unit::Hour}, {"hrs", Unit::Hour}, {"day", Unit::Day}, {"days", Unit::Day},
      {"d", Unit::Day}, {"week", Unit::Week}, {"weeks", Unit::Week}, {"w", Unit::Week},
      {"month", Unit::Month}, {"months", Unit::Month}, {"mon", Unit::Month}, {"mons", Unit::Month},
      {"quarter", Unit::Quarter}, {"qtr", Unit::Quarter}, {"year", Unit::Year}, {"years", Unit::Year},
      {"y", Unit::Year}, {"yr", Unit::Year}, {"yrs", Unit::Year}, {"decade", Unit::Decade},
      {"decades", Unit::Decade}, {"dec", Unit::Decade}, {"decs", Unit::Decade}, {"century", Unit::Century},
      {"centuries", Unit::Century}, {"c", Unit::Century}, {"cent", Unit::Century},
      {"millennium", Unit::Millennium}, {"millennia", Unit::Millennium}, {"millenia", Unit::Millennium},
      {"mil", Unit::Millennium}, {"mils", Unit::Millennium}, {"epoch", Unit::Epoch}, {"dow", Unit::Dow},
      {"isodow", Unit::IsoDow}, {"doy", Unit::Doy}, {"isoyear", Unit::IsoYear}, {"julian", Unit::Julian},
      {"j", Unit::Julian}, {"timezone", Unit::Timezone}, {"timezone_h", Unit::TimezoneHour},
      {"timezone_hour", Unit::TimezoneHour}, {"timezone_m", Unit::TimezoneMinute},
      {"timezone_minute", Unit::TimezoneMinute}};
  for (const auto& n : kNames) {
    if (s == n.name) return n.unit;
  }
  return Unit::Unknown;
}

[[noreturn]] void unit_error(std::string_view unit, Type t, bool recognized) {
  std::string lowered;
  for (char c : unit) lowered.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (!recognized) {
    throw SqlError(sqlstate::kInvalidParameterValue,
                   "unit \"" + lowered + "\" not recognized for type " + t.sql_name());
  }
  throw SqlError(sqlstate::kFeatureNotSupported, "unit \"" + lowered + "\" not supported for type " + t.sql_name());
}

// Parses the unit of row i, reusing the previous row's when the text is the same.
struct UnitCache {
  std::string text;
  Unit unit = Unit::Unknown;
  bool valid = false;
  Unit get(const std::string& s) {
    if (!valid || s != text) {
      text = s;
      unit = parse_unit(s);
      valid = true;
    }
    return unit;
  }
};

int64_t trunc_timestamp(int64_t ts, Unit u, std::string_view name, Type t) {
  auto floor_to = [&](int64_t step) { return dt::floor_div(ts, step) * step; };
  switch (u) {
    case Unit::Microseconds: return ts;
    case Unit::Milliseconds: return floor_to(1000);
    case Unit::Second: return floor_to(kMicrosPerSecond);
    case Unit::Minute: return floor_to(kMicrosPerMinute);
    case Unit::Hour: return floor_to(kMicrosPerHour);
    case Unit::Day: return floor_to(kMicrosPerDay);
    default: break;
  }
  dt::Fields f = dt::split(ts);
  int64_t y = f.year;
  unsigned m = 1;
  switch (u) {
    case Unit::Week: return dt::make_timestamp(f.days - (dt::day_of_week(f.days) + 6) % 7, 0);
    case Unit::Month: m = f.month; break;
    case Unit::Quarter: m = (f.month - 1) / 3 * 3 + 1; break;
    case Unit::Year: break;
    case Unit::Decade: y = dt::floor_div(y, 10) * 10; break;
    case Unit::Century: y = y > 0 ? (y + 99) / 100 * 100 - 99 : -((99 - (y - 1)) / 100) * 100 + 1; break;
    case Unit::Millennium: y = y > 0 ? (y + 999) / 1000 * 1000 - 999 : -((999 - (y - 1)) / 1000) * 1000 + 1; break;
    default: unit_error(name, t, false);  // PostgreSQL: "not recognized" even for extract-only fields
  }
  return dt::make_timestamp(days_from_civil(y, m, 1), 0);
}

Interval trunc_interval(const Interval& iv, Unit u, std::string_view name) {
  int64_t years = iv.months / 12, months = iv.months % 12, days = iv.days, time = iv.micros;
  switch (u) {
    case Unit::Millennium: years = years / 1000 * 1000; months = 0; days = 0; time = 0; break;
    case Unit::Century: years = years / 100 * 100; months = 0; days = 0; time = 0; break;
    case Unit::Decade: years = years / 10 * 10; months = 0; days = 0; time = 0; break;
    case Unit::Year: months = 0; days = 0; time = 0; break;
    case Unit::Quarter: months = months / 3 * 3; days = 0; time = 0; break;
    case Unit::Month: days = 0; time = 0; break;
    case Unit::Day: time = 0; break;
    case Unit::Hour: time = time / kMicrosPerHour * kMicrosPerHour; break;
    case Unit::Minute: time = time / kMicrosPerMinute * kMicrosPerMinute; break;
    case Unit::Second: time = time / kMicrosPerSecond * kMicrosPerSecond; break;
    case Unit::Milliseconds: time = time / 1000 * 1000; break;
    case Unit::Microseconds: break;
    case Unit::Week:
      throw SqlError(sqlstate::kFeatureNotSupported, "interval units \"week\" not supported because months usually have fractional weeks");
    case Unit::Unknown: unit_error(name, Type::interval(), false);
    default: unit_error(name, Type::interval(), true);
  }
  return Interval{static_cast<int32_t>(years * 12 + months), static_cast<int32_t>(days), time};
}

void k_date_trunc(const KArgs& args, size_t rows, Column& out) {
  auto unit = strings(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  UnitCache cache;
  const Type t = out.type();
  if (t.id == TypeId::Interval) {
    auto v = intervals(*args[1], rows);
    for (size_t i = 0; i < rows; ++i) {
      if (!is_null_at(nulls, i)) out.intervals()[i] = trunc_interval(v[i], cache.get(unit[i]), unit[i]);
    }
    return;
  }
  auto v = ints(*args[1], rows);
  for (size_t i = 0; i < rows; ++i) {
    if (!is_null_at(nulls, i)) out.ints()[i] = trunc_timestamp(v[i], cache.get(unit[i]), unit[i], t);
  }
}

double timestamp_field(int64_t ts, Unit u, std::string_view name, Type t) {
  const dt::Fields f = dt::split(ts);
  const int64_t in_minute = f.time % kMicrosPerMinute;
  const int64_t y = f.year > 0 ? f.year : f.year - 1;  // there is no year 0
  switch (u) {
    case Unit::Microseconds: return static_cast<double>(in_minute);
    case Unit::Milliseconds: return static_cast<double>(in_minute) / 1000.0;
    case Unit::Second: return static_cast<double>(in_minute) / 1e6;
    case Unit::Minute: return static_cast<double>(f.time / kMicrosPerMinute % 60);
    case Unit::Hour: return static_cast<double>(f.time / kMicrosPerHour);
    case Unit::Day: return f.day;
    case Unit::Month: return f.month;
    case Unit::Quarter: return (f.month - 1) / 3 + 1;
    case Unit::Year: return static_cast<double>(y);
    case Unit::Decade: return static_cast<double>(y >= 0 ? y / 10 : -((8 - (y - 1)) / 10));
    case Unit::Century: return static_cast<double>(y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100));
    case Unit::Millennium: return static_cast<double>(y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000));
    case Unit::Epoch: return static_cast<double>(ts) / 1e6;
    case Unit::Dow: return dt::day_of_week(f.days);
    case Unit::IsoDow: return dt::day_of_week(f.days) == 0 ? 7 : dt::day_of_week(f.days);
    case Unit::Doy: return static_cast<double>(f.days - days_from_civil(f.year, 1, 1) + 1);
    case Unit::Week:
    case Unit::IsoYear: {
      int64_t iso_year;
      int week;
      dt::iso_week(f.days, iso_year, week);
      if (u == Unit::Week) return week;
      return static_cast<double>(iso_year > 0 ? iso_year : iso_year - 1);
    }
    case Unit::Julian: return static_cast<double>(f.days + 2440588) + static_cast<double>(f.time) / kMicrosPerDay;
    case Unit::Timezone:
    case Unit::TimezoneHour:
    case Unit::TimezoneMinute:
      if (t.id == TypeId::TimestampTz) return 0;
      unit_error(name, t, true);
    case Unit::Unknown: unit_error(name, t, false);
  }
  unit_error(name, t, false);
}

double interval_field(const Interval& iv, Unit u, std::string_view name) {
  const int64_t years = iv.months / 12, months = iv.months % 12;
  const int64_t secs = iv.micros / kMicrosPerSecond % 60, frac = iv.micros % kMicrosPerSecond;
  switch (u) {
    case Unit::Microseconds: return static_cast<double>(secs * 1000000 + frac);
    case Unit::Milliseconds: return static_cast<double>(secs) * 1000.0 + static_cast<double>(frac) / 1000.0;
    case Unit::Second: return static_cast<double>(secs) + static_cast<double>(frac) / 1e6;
    case Unit::Minute: return static_cast<double>(iv.micros / kMicrosPerMinute % 60);
    case Unit::Hour: return static_cast<double>(iv.micros / kMicrosPerHour);
    case Unit::Day: return iv.days;
    case Unit::Month: return static_cast<double>(months);
    case Unit::Quarter: return static_cast<double>(months / 3 + 1);
    case Unit::Year: return static_cast<double>(years);
    case Unit::Decade: return static_cast<double>(years / 10);
    case Unit::Century: return static_cast<double>(years / 100);
    case Unit::Millennium: return static_cast<double>(years / 1000);
    case Unit::Epoch: {
      const auto day_secs = static_cast<int64_t>(365.25 * 86400) * years + int64_t{30 * 86400} * months +
                            int64_t{86400} * iv.days;
      return static_cast<double>(iv.micros) / 1e6 + static_cast<double>(day_secs);
    }
    case Unit::Unknown: unit_error(name, Type::interval(), false);
    default: unit_error(name, Type::interval(), true);
  }
}

// extract / date_part over a timestamp or timestamptz (kind 0), a date (1: extract's rules,
// no time fields; 2: date_part's, as a timestamp at midnight), or an interval (3).
template <int kKind>
void k_extract(const KArgs& args, size_t rows, Column& out) {
  auto unit = strings(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  double* o = out.floats().data();
  UnitCache cache;
  const Type src = args[1]->type();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const Unit u = cache.get(unit[i]);
    if constexpr (kKind == 3) {
      o[i] = interval_field(intervals(*args[1], rows)[i], u, unit[i]);
    } else if constexpr (kKind == 0) {
      o[i] = timestamp_field(ints(*args[1], rows)[i], u, unit[i], src);
    } else {
      const int64_t day = ints(*args[1], rows)[i];
      const bool time_field = u == Unit::Microseconds || u == Unit::Milliseconds || u == Unit::Second ||
                              u == Unit::Minute || u == Unit::Hour || u == Unit::Timezone ||
                              u == Unit::TimezoneHour || u == Unit::TimezoneMinute;
      if (kKind == 1 && time_field) unit_error(unit[i], Type::date(), true);
      if (kKind == 1 && u == Unit::Epoch) {
        o[i] = static_cast<double>(day) * 86400.0;
      } else {
        o[i] = timestamp_field(day * kMicrosPerDay, u, unit[i], kKind == 1 ? Type::date() : Type::timestamp());
      }
    }
  }
}

// make_interval(years, months, weeks, days, hours, mins, secs): trailing arguments default to 0.
void k_make_interval(const KArgs& args, size_t rows, Column& out) {
  const uint8_t* nulls = prepare_output(args, rows, out);
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    int64_t f[6] = {0, 0, 0, 0, 0, 0};
    double secs = 0;
    for (size_t k = 0; k < args.size(); ++k) {
      const size_t row = i * stride(*args[k], rows);
      if (k < 6) {
        f[k] = args[k]->ints()[row];
      } else {
        secs = args[k]->floats()[row];
      }
    }
    const double micros = static_cast<double>(f[4]) * 3600e6 + static_cast<double>(f[5]) * 60e6 + std::rint(secs * 1e6);
    const int64_t months = f[0] * 12 + f[1], days = f[2] * 7 + f[3];
    if (months < INT32_MIN || months > INT32_MAX || days < INT32_MIN || days > INT32_MAX ||
        !(micros >= -9.2e18 && micros <= 9.2e18)) {
      throw_out_of_range(Type::interval());
    }
    out.intervals()[i] = Interval{static_cast<int32_t>(months), static_cast<int32_t>(days), static_cast<int64_t>(micros)};
  }
}

}  // namespace

void register_datetime(Registry& r) {
  const Type t = Type::text(), ts = Type::timestamp(), tz = Type::timestamptz(), d = Type::date();
  const Type iv = Type::interval(), num = Type::numeric(), f8 = Type::float64();
  r["date_trunc"] = {{sig({t, ts}, ts, &k_date_trunc), sig({t, tz}, tz, &k_date_trunc), sig({t, iv}, iv, &k_date_trunc)},
                     nullptr, {}};
  r["extract"] = {{sig({t, ts}, num, &k_extract<0>), sig({t, tz}, num, &k_extract<0>), sig({t, d}, num, &k_extract<1>),
                   sig({t, iv}, num, &k_extract<3>)}, nullptr, {}};
  r["date_part"] = {{sig({t, ts}, f8, &k_extract<0>), sig({t, tz}, f8, &k_extract<0>), sig({t, d}, f8, &k_extract<2>),
                     sig({t, iv}, f8, &k_extract<3>)}, nullptr, {}};
  auto& make_interval = r["make_interval"];
  std::vector<Type> params;
  make_interval.signatures.push_back(sig(params, iv, &k_make_interval));
  for (int k = 0; k < 7; ++k) {
    params.push_back(k < 6 ? Type::int32() : f8);
    make_interval.signatures.push_back(sig(params, iv, &k_make_interval));
  }
}

}  // namespace eddy::engine::fns
