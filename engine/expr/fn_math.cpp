// Mathematical functions: abs, round, trunc, floor, ceil/ceiling, sign, mod, div, power/pow,
// sqrt, cbrt, exp, ln, log, log10, pi, degrees, radians and the trigonometric functions, with
// PostgreSQL's overloads (float8 and numeric; integers resolve to float8, e.g. round(5) is
// double precision) and errors (2201E/2201F domain errors, 22012, 22003).
//
// NUMERIC is a double here, so round/trunc on numeric work on the value's shortest decimal
// form (round(1.005, 2) = 1.01 as in PostgreSQL, not 1.0 as binary rounding would give).
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <numbers>

#include "engine/expr/functions.h"
#include "engine/expr/kernel_util.h"

namespace eddy::engine::fns {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

constexpr const char* kLogError = "2201E";
constexpr const char* kPowerError = "2201F";

template <class F>
void map_float(const KArgs& args, size_t rows, Column& out, F f) {
  auto a = floats(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  double* o = out.floats().data();
  const bool single = out.type().id == TypeId::Float32;
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const double r = f(a[i]);
    o[i] = single ? static_cast<double>(static_cast<float>(r)) : r;
  }
}

template <class F>
void map_float2(const KArgs& args, size_t rows, Column& out, F f) {
  auto a = floats(*args[0], rows), b = floats(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  double* o = out.floats().data();
  for (size_t i = 0; i < rows; ++i) o[i] = is_null_at(nulls, i) ? 0 : f(a[i], b[i]);
}

double checked(double r, double x) {
  if (std::isinf(r) && !std::isinf(x)) throw_float_overflow();
  return r;
}

// Rounds (or truncates) x at `scale` decimal digits, half away from zero, on its shortest
// decimal representation.
double decimal_round(double x, int64_t scale, bool truncate) {
  if (!std::isfinite(x) || x == 0) return x;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string_view s(buf, static_cast<size_t>(res.ptr - buf));
  const bool negative = s[0] == '-';
  if (negative) s.remove_prefix(1);
  const size_t epos = s.find('e');
  std::string digits;
  for (char c : s.substr(0, epos)) {
    if (c != '.') digits.push_back(c);
  }
  const int64_t exp10 = std::strtoll(std::string(s.substr(epos + 1)).c_str(), nullptr, 10);
  const int64_t keep = exp10 + scale + 1;  // digits left of the cut
  if (keep >= static_cast<int64_t>(digits.size())) return x;
  if (keep < 0) return negative ? -0.0 : 0.0;
  std::string kept = digits.substr(0, static_cast<size_t>(keep));
  if (!truncate && digits[static_cast<size_t>(keep)] >= '5') {
    int64_t k = keep - 1;
    while (k >= 0 && kept[static_cast<size_t>(k)] == '9') kept[static_cast<size_t>(k--)] = '0';
    if (k >= 0) {
      kept[static_cast<size_t>(k)]++;
    } else {
      kept.insert(kept.begin(), '1');
    }
  }
  if (kept.empty()) return negative ? -0.0 : 0.0;
  // A carry may have added a digit on the left; the last kept digit's place stays 10^-scale.
  const std::string text = (negative ? "-" : "") + kept + "e" + std::to_string(-scale);
  return std::strtod(text.c_str(), nullptr);
}

void k_abs_int(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  const int64_t lo = int_min(out.type().id);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    if (a[i] == lo && !is_null_at(nulls, i)) throw_out_of_range(out.type());
    o[i] = a[i] < 0 && a[i] != lo ? -a[i] : a[i];
  }
}
void k_abs(const KArgs& a, size_t r, Column& o) { map_float(a, r, o, [](double x) { return std::fabs(x); }); }
void k_rint(const KArgs& a, size_t r, Column& o) { map_float(a, r, o, [](double x) { return std::rint(x); }); }
void k_round_numeric(const KArgs& a, size_t r, Column& o) {
  map_float(a, r, o, [](double x) { return decimal_round(x, 0, false); });
}
void k_trunc(const KArgs& a, size_t r, Column& o) { map_float(a, r, o, [](double x) { return std::trunc(x); }); }
void k_floor(const KArgs& a, size_t r, Column& o) { map_float(a, r, o, [](double x) { return std::floor(x); }); }
void k_ceil(const KArgs& a, size_t r, Column& o) { map_float(a, r, o, [](double x) { return std::ceil(x); }); }
void k_sign(const KArgs& a, size_t r, Column& o) {
  map_float(a, r, o, [](double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); });
}

template <bool kTruncate>
void k_round_scale(const KArgs& args, size_t rows, Column& out) {
  auto a = floats(*args[0], rows);
  auto s = ints(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  double* o = out.floats().data();
  for (size_t i = 0; i < rows; ++i) o[i] = is_null_at(nulls, i) ? 0 : decimal_round(a[i], s[i], kTruncate);
}

void k_sqrt(const KArgs& a, size_t r, Column& o) {
  map_float(a, r, o, [](double x) {
    if (x < 0) throw SqlError(kPowerError, "cannot take square root of a negative number");
    return std::sqrt(x);
  });
}
void k_cbrt(const KArgs& a, size_t r, Column& o) { map_float(a, r, o, [](double x) { return std::cbrt(x); }); }
void k_exp(const KArgs& a, size_t r, Column& o) {
  map_float(a, r, o, [](double x) {
    const double y = std::exp(x);
    if (y == 0 && !std::isinf(x)) throw_float_underflow();
    return checked(y, x);
  });
}

template <int kBase>  // 0: natural
void k_log(const KArgs& a, size_t r, Column& o) {
  map_float(a, r, o, [](double x) {
    if (x == 0) throw SqlError(kLogError, "cannot take logarithm of zero");
    if (x < 0) throw SqlError(kLogError, "cannot take logarithm of a negative number");
    return kBase == 0 ? std::log(x) : std::log10(x);
  });
}

void k_log_base(const KArgs& a, size_t r, Column& o) {
  map_float2(a, r, o, [](double b, double x) {
    if (b == 0 || x == 0) throw SqlError(kLogError, "cannot take logarithm of zero");
    if (b < 0 || x < 0) throw SqlError(kLogError, "cannot take logarithm of a negative number");
    if (b == 1) throw_division_by_zero();
    return std::log(x) / std::log(b);
  });
}

void k_power(const KArgs& a, size_t r, Column& o) {
  map_float2(a, r, o, [](double x, double y) {
    if (x == 0 && y < 0) throw SqlError(kPowerError, "zero raised to a negative power is undefined");
    if (x < 0 && std::floor(y) != y && std::isfinite(y)) {
      throw SqlError(kPowerError, "a negative number raised to a non-integer power yields a complex result");
    }
    const double p = std::pow(x, y);
    if (std::isinf(p) && !std::isinf(x) && !std::isinf(y)) throw_float_overflow();
    if (p == 0 && x != 0 && std::isfinite(y) && std::fabs(x) != 1) throw_float_underflow();
    return p;
  });
}

void k_mod_int(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows), b = ints(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    if (b[i] == 0) {
      if (!is_null_at(nulls, i)) throw_division_by_zero();
      o[i] = 0;
    } else {
      o[i] = b[i] == -1 ? 0 : a[i] % b[i];
    }
  }
}
void k_mod_numeric(const KArgs& a, size_t r, Column& o) {
  map_float2(a, r, o, [](double x, double y) {
    if (y == 0) throw_division_by_zero();
    return std::fmod(x, y);
  });
}
void k_div(const KArgs& a, size_t r, Column& o) {
  map_float2(a, r, o, [](double x, double y) {
    if (y == 0) throw_division_by_zero();
    return std::trunc(x / y);
  });
}

void k_pi(const KArgs&, size_t rows, Column& out) {
  size_output(rows, out);
  for (double& x : out.floats()) x = std::numbers::pi;
}
void k_degrees(const KArgs& a, size_t r, Column& o) { map_float(a, r, o, [](double x) { return x * (180.0 / std::numbers::pi); }); }
void k_radians(const KArgs& a, size_t r, Column& o) { map_float(a, r, o, [](double x) { return x * (std::numbers::pi / 180.0); }); }

template <double (*F)(double), bool kUnitDomain>
void k_trig(const KArgs& a, size_t r, Column& o) {
  map_float(a, r, o, [](double x) {
    if (kUnitDomain && (x < -1 || x > 1)) throw SqlError(sqlstate::kNumericValueOutOfRange, "input is out of range");
    return F(x);
  });
}
double sin_(double x) { return std::sin(x); }
double cos_(double x) { return std::cos(x); }
double tan_(double x) { return std::tan(x); }
double asin_(double x) { return std::asin(x); }
double acos_(double x) { return std::acos(x); }
double atan_(double x) { return std::atan(x); }
void k_atan2(const KArgs& a, size_t r, Column& o) { map_float2(a, r, o, [](double y, double x) { return std::atan2(y, x); }); }

}  // namespace

void register_math(Registry& r) {
  const Type i2 = Type::int16(), i4 = Type::int32(), i8 = Type::int64();
  const Type f4 = Type::float32(), f8 = Type::float64(), num = Type::numeric();
  auto f8_num = [&](ScalarFn f8_fn, ScalarFn num_fn) {
    return FunctionDef{{sig({f8}, f8, f8_fn), sig({num}, num, num_fn)}, nullptr, {}};
  };
  r["abs"] = {{sig({i2}, i2, &k_abs_int), sig({i4}, i4, &k_abs_int), sig({i8}, i8, &k_abs_int),
               sig({f4}, f4, &k_abs), sig({f8}, f8, &k_abs), sig({num}, num, &k_abs)}, nullptr, {}};
  r["round"] = f8_num(&k_rint, &k_round_numeric);
  r["round"].signatures.push_back(sig({num, i4}, num, &k_round_scale<false>));
  r["trunc"] = f8_num(&k_trunc, &k_trunc);
  r["trunc"].signatures.push_back(sig({num, i4}, num, &k_round_scale<true>));
  r["floor"] = f8_num(&k_floor, &k_floor);
  r["ceil"] = f8_num(&k_ceil, &k_ceil);
  r["ceiling"] = f8_num(&k_ceil, &k_ceil);
  r["sign"] = f8_num(&k_sign, &k_sign);
  r["sqrt"] = f8_num(&k_sqrt, &k_sqrt);
  r["cbrt"] = {{sig({f8}, f8, &k_cbrt)}, nullptr, {}};
  r["exp"] = f8_num(&k_exp, &k_exp);
  r["ln"] = f8_num(&k_log<0>, &k_log<0>);
  r["log"] = f8_num(&k_log<10>, &k_log<10>);
  r["log"].signatures.push_back(sig({num, num}, num, &k_log_base));
  r["log10"] = f8_num(&k_log<10>, &k_log<10>);
  r["power"] = {{sig({f8, f8}, f8, &k_power), sig({num, num}, num, &k_power)}, nullptr, {}};
  r["pow"] = r["power"];
  r["mod"] = {{sig({i2, i2}, i2, &k_mod_int), sig({i4, i4}, i4, &k_mod_int), sig({i8, i8}, i8, &k_mod_int),
               sig({num, num}, num, &k_mod_numeric)}, nullptr, {}};
  r["div"] = {{sig({num, num}, num, &k_div)}, nullptr, {}};
  r["pi"] = {{sig({}, f8, &k_pi)}, nullptr, {}};
  r["degrees"] = {{sig({f8}, f8, &k_degrees)}, nullptr, {}};
  r["radians"] = {{sig({f8}, f8, &k_radians)}, nullptr, {}};
  r["sin"] = {{sig({f8}, f8, &k_trig<&sin_, false>)}, nullptr, {}};
  r["cos"] = {{sig({f8}, f8, &k_trig<&cos_, false>)}, nullptr, {}};
  r["tan"] = {{sig({f8}, f8, &k_trig<&tan_, false>)}, nullptr, {}};
  r["asin"] = {{sig({f8}, f8, &k_trig<&asin_, true>)}, nullptr, {}};
  r["acos"] = {{sig({f8}, f8, &k_trig<&acos_, true>)}, nullptr, {}};
  r["atan"] = {{sig({f8}, f8, &k_trig<&atan_, false>)}, nullptr, {}};
  r["atan2"] = {{sig({f8, f8}, f8, &k_atan2)}, nullptr, {}};
}

}  // namespace eddy::engine::fns
