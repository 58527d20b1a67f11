// Text output of REAL, DOUBLE PRECISION and NUMERIC.
//
// PostgreSQL 15 with extra_float_digits = 1 (the default) prints the shortest decimal that
// reads back as the same value (Ryu). std::to_chars without a precision gives the same digits;
// what is left is PostgreSQL's choice of notation: positional when the decimal exponent is in
// [-4, 15) for float8 and [-4, 6) for float4 (DBL_DIG / FLT_DIG), otherwise "1e+100" style
// with at least two exponent digits, which is also what to_chars writes.
//   0.1 -> "0.1"   1e15 -> "1e+15"   1e14 -> "100000000000000"   1e-05 -> "1e-05"
//
// One exception to "same digits as to_chars": when the shortest decimal lies exactly halfway
// between two floating-point values (possible only above 2^53, or 2^24 for float4, e.g. 1e23 or
// float4 2.15e9), it reads back correctly by round-half-even, so to_chars may print it, but
// PostgreSQL's Ryu never treats a bound as inside the interval and prints a longer form
// ("9.999999999999999e+22", "2.1500001e+09"). Eddy does the same.
//
// NUMERIC is held as a double (see value_text.h): it prints the same shortest digits but always
// positionally, as PostgreSQL prints numeric, so 1e20 -> "100000000000000000000" and 2.5 -> "2.5";
// an integral value has no fraction. That is at most 17 significant digits; the exact decimal
// a PostgreSQL numeric would keep (e.g. trailing zeros of '1.50') is not kept.

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "common/value_text.h"
#include "common/value_text_internal.h"

namespace eddy::text {

namespace {

// Writes the scientific form [first, last) of to_chars ("-1.25e+02") positionally.
void append_positional(std::string& out, const char* first, const char* last) {
  const char* p = first;
  if (*p == '-') out.push_back(*p++);
  char digits[24];
  int n = 0;
  for (; p < last && *p != 'e'; ++p)
    if (*p != '.') digits[n++] = *p;
  int exp = 0;
  std::from_chars(p + 1 + (p[1] == '+'), last, exp);
  if (exp < 0) {  // 0.000ddd
    out.append("0.");
    out.append(static_cast<size_t>(-exp - 1), '0');
    out.append(digits, static_cast<size_t>(n));
    return;
  }
  const int int_digits = exp + 1;
  if (n <= int_digits) {  // ddd000
    out.append(digits, static_cast<size_t>(n));
    out.append(static_cast<size_t>(int_digits - n), '0');
  } else {  // ddd.ddd
    out.append(digits, static_cast<size_t>(int_digits));
    out.push_back('.');
    out.append(digits + int_digits, static_cast<size_t>(n - int_digits));
  }
}

// Decimal exponent of a to_chars scientific string.
int exponent_of(const char* first, const char* last) {
  const char* e = last;
  while (e > first && *(e - 1) != 'e') --e;
  int exp = 0;
  std::from_chars(e + (*e == '+'), last, exp);
  return exp;
}

template <typename F>
F parse_as(const char* s) {
  if constexpr (std::is_same_v<F, float>)
    return c_strtof(s, nullptr);
  else
    return c_strtod(s, nullptr);
}

// Is the scientific decimal [first, last) of `x` exactly halfway between `x` and a neighbour?
// Exact integer arithmetic: the decimal k * 10^e is odd * 2^p, a midpoint of x = M * 2^E
// (M with `digits` bits) is (2M +- 1) * 2^(E-1), or (4M - 1) * 2^(E-2) below a power of two.
template <typename F>
bool is_exact_midpoint(F x, const char* first, const char* last) {
  constexpr int kBits = std::numeric_limits<F>::digits;  // 53 or 24
  uint64_t k = 0;
  int n = 0;
  const char* p = first;
  if (*p == '-') ++p;
  for (; p < last && *p != 'e'; ++p) {
    if (*p == '.') continue;
    k = k * 10 + static_cast<uint64_t>(*p - '0');
    ++n;
  }
  int exp = 0;
  std::from_chars(p + 1 + (p[1] == '+'), last, exp);
  const int e10 = exp - (n - 1);
  if (e10 < 0 || k == 0) return false;  // above 2^kBits every midpoint is an integer
  const int twos = std::countr_zero(k);
  uint64_t odd = k >> twos;
  for (int i = 0; i < e10; ++i) {
    if (odd > (uint64_t{1} << (kBits + 2)) / 5) return false;  // longer than any midpoint
    odd *= 5;
  }
  const int pow2 = e10 + twos;
  int e;
  const auto m = static_cast<uint64_t>(std::ldexp(std::frexp(std::fabs(x), &e), kBits));
  e -= kBits;
  if (odd == 2 * m + 1 && pow2 == e - 1) return true;
  if (m > (uint64_t{1} << (kBits - 1))) return odd == 2 * m - 1 && pow2 == e - 1;
  return odd == 4 * m - 1 && pow2 == e - 2;
}

// The shortest round-trip digits of x in scientific form, as PostgreSQL's Ryu chooses them.
template <typename F>
char* shortest_scientific(char* first, char* last, F x) {
  char* end = std::to_chars(first, last, x, std::chars_format::scientific).ptr;
  const F two_to_mantissa = static_cast<F>(std::ldexp(F(1), std::numeric_limits<F>::digits));
  if (std::fabs(x) < two_to_mantissa || !is_exact_midpoint(x, first, end)) return end;
  for (int precision = 0; precision < std::numeric_limits<F>::max_digits10; ++precision) {
    char* e = std::to_chars(first, last, x, std::chars_format::scientific, precision).ptr;
    *e = '\0';
    if (parse_as<F>(first) == x && !is_exact_midpoint(x, first, e)) return e;
  }
  return std::to_chars(first, last, x, std::chars_format::scientific, std::numeric_limits<F>::max_digits10 - 1).ptr;
}

template <typename F>
void append_shortest(std::string& out, F x, int max_positional_exp) {
  if (std::isnan(x)) {
    out.append("NaN");
    return;
  }
  if (std::isinf(x)) {
    out.append(x > 0 ? "Infinity" : "-Infinity");
    return;
  }
  char buf[48];
  char* end = shortest_scientific(buf, buf + sizeof buf - 1, x);
  const int exp = exponent_of(buf, end);
  if (exp < -4 || exp >= max_positional_exp)
    out.append(buf, end);
  else
    append_positional(out, buf, end);
}

}  // namespace

void append_float8(std::string& out, double x) { append_shortest(out, x, 15); }

void append_float4(std::string& out, double x) { append_shortest(out, static_cast<float>(x), 6); }

void append_numeric(std::string& out, double x) {
  if (std::isnan(x)) {
    out.append("NaN");
    return;
  }
  if (std::isinf(x)) {
    out.append(x > 0 ? "Infinity" : "-Infinity");
    return;
  }
  if (x == 0) x = 0;  // numeric has no negative zero
  char buf[48];  // plain to_chars: a numeric has no neighbours to be halfway between
  auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  append_positional(out, buf, r.ptr);
}

}  // namespace eddy::text

namespace eddy {

std::string format_float8(double x) {
  std::string s;
  text::append_float8(s, x);
  return s;
}

std::string format_float4(double x) {
  std::string s;
  text::append_float4(s, x);
  return s;
}

std::string format_numeric(double x) {
  std::string s;
  text::append_numeric(s, x);
  return s;
}

}  // namespace eddy
