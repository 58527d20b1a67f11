#include "protocol/pg_numeric.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

#include "common/error.h"
#include "protocol/byte_buffer.h"

namespace eddy::protocol {

namespace {

constexpr uint16_t kPositive = 0x0000;
constexpr uint16_t kNegative = 0x4000;
constexpr uint16_t kNaN = 0xC000;
constexpr uint16_t kPlusInfinity = 0xD000;
constexpr uint16_t kMinusInfinity = 0xF000;
constexpr uint16_t kDscaleMask = 0x3FFF;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

void write_special(std::string& out, uint16_t sign) {
  ByteWriter w(out);
  w.i16(0);
  w.i16(0);
  w.u16(sign);
  w.u16(0);
}

[[noreturn]] void bad_text(std::string_view text) {
  throw SqlError(sqlstate::kInvalidTextRepresentation,
                 "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
}

}  // namespace

void append_numeric_binary(std::string& out, std::string_view text) {
  std::string_view t = text;
  if (iequals(t, "nan")) return write_special(out, kNaN);
  if (iequals(t, "infinity") || iequals(t, "+infinity") || iequals(t, "inf"))
    return write_special(out, kPlusInfinity);
  if (iequals(t, "-infinity") || iequals(t, "-inf")) return write_special(out, kMinusInfinity);

  size_t i = 0;
  bool negative = false;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) negative = t[i++] == '-';
  std::string digits;  // all significant digits, the decimal point removed
  int64_t int_digits = 0, frac_digits = 0;
  for (; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])); ++i, ++int_digits)
    digits.push_back(t[i]);
  if (i < t.size() && t[i] == '.')
    for (++i; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])); ++i, ++frac_digits)
      digits.push_back(t[i]);
  if (digits.empty()) bad_text(text);
  int64_t exponent = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool neg_exp = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) neg_exp = t[i++] == '-';
    if (i == t.size()) bad_text(text);
    for (; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])); ++i) {
      exponent = exponent * 10 + (t[i] - '0');
      if (exponent > 100000) throw SqlError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
    }
    if (neg_exp) exponent = -exponent;
  }
  if (i != t.size()) bad_text(text);

  int64_t dscale = std::max<int64_t>(0, frac_digits - exponent);
  if (dscale > kDscaleMask) throw SqlError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  int64_t point = int_digits + exponent;  // digits before the decimal point
  size_t lead = digits.find_first_not_of('0');
  ByteWriter w(out);
  if (lead == std::string::npos) {  // zero
    w.i16(0);
    w.i16(0);
    w.u16(kPositive);
    w.u16(static_cast<uint16_t>(dscale));
    return;
  }
  digits.erase(0, lead);
  point -= static_cast<int64_t>(lead);
  // Align the decimal point on a base-10000 group boundary, then pad the tail to whole groups.
  int64_t pad = ((4 - point % 4) % 4 + 4) % 4;
  digits.insert(0, static_cast<size_t>(pad), '0');
  point += pad;
  digits.append((4 - digits.size() % 4) % 4, '0');
  int64_t weight = point / 4 - 1;
  std::vector<int16_t> groups;
  for (size_t k = 0; k < digits.size(); k += 4)
    groups.push_back(static_cast<int16_t>(std::stoi(digits.substr(k, 4))));
  while (!groups.empty() && groups.back() == 0) groups.pop_back();
  if (weight > INT16_MAX || weight < INT16_MIN || groups.size() > INT16_MAX)
    throw SqlError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  w.i16(static_cast<int16_t>(groups.size()));
  w.i16(static_cast<int16_t>(weight));
  w.u16(negative ? kNegative : kPositive);
  w.u16(static_cast<uint16_t>(dscale));
  for (int16_t g : groups) w.i16(g);
}

std::string numeric_binary_to_text(std::string_view bytes) {
  ByteReader in(bytes, "binary representation of numeric", sqlstate::kInvalidBinaryRepresentation);
  uint16_t ndigits = in.u16();
  int16_t weight = in.i16();
  uint16_t sign = in.u16();
  uint16_t dscale = in.u16();
  if (sign != kPositive && sign != kNegative && sign != kNaN && sign != kPlusInfinity &&
      sign != kMinusInfinity)
    throw SqlError(sqlstate::kInvalidBinaryRepresentation, "invalid sign in external \"numeric\" value");
  if ((dscale & kDscaleMask) != dscale)
    throw SqlError(sqlstate::kInvalidBinaryRepresentation, "invalid scale in external \"numeric\" value");
  std::vector<int16_t> d(ndigits);
  for (auto& x : d) {
    x = in.i16();
    if (x < 0 || x >= 10000)
      throw SqlError(sqlstate::kInvalidBinaryRepresentation, "invalid digit in external \"numeric\" value");
  }
  in.expect_end();
  if (sign == kNaN) return "NaN";
  if (sign == kPlusInfinity) return "Infinity";
  if (sign == kMinusInfinity) return "-Infinity";

  auto digit = [&](int64_t w) -> int {  // the base-10000 digit of weight w
    int64_t k = int64_t(weight) - w;
    return k >= 0 && k < ndigits ? d[static_cast<size_t>(k)] : 0;
  };
  std::string s;
  if (weight < 0) {
    s = "0";
  } else {
    s = std::to_string(digit(weight));
    for (int64_t w = int64_t(weight) - 1; w >= 0; --w) {
      std::string g = std::to_string(digit(w));
      s.append(4 - g.size(), '0').append(g);
    }
  }
  if (dscale > 0) {
    s.push_back('.');
    std::string frac;
    for (int64_t w = -1; frac.size() < dscale; --w) {
      std::string g = std::to_string(digit(w));
      frac.append(4 - g.size(), '0').append(g);
    }
    s.append(frac, 0, dscale);
  }
  bool nonzero = s.find_first_of("123456789") != std::string::npos;
  if (sign == kNegative && nonzero) s.insert(0, 1, '-');
  return s;
}

}  // namespace eddy::protocol
