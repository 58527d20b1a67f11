// Output then input gives the value back, for every type, over random and edge values
// (fixed seeds, so failures reproduce).

#include <catch.hpp>

#include <bit>
#include <cmath>
#include <limits>
#include <random>

#include "common/datetime_limits.h"
#include "common/value_text.h"

using namespace eddy;

namespace {
template <typename T>
T uniform(std::mt19937_64& rng, T lo, T hi) {
  return std::uniform_int_distribution<T>(lo, hi)(rng);
}
}  // namespace

TEST_CASE("round trip: integers and booleans", "[roundtrip]") {
  std::mt19937_64 rng(1);
  const Type types[] = {Type::int16(), Type::int32(), Type::int64()};
  const int64_t lows[] = {-32768, -2147483648LL, std::numeric_limits<int64_t>::min()};
  const int64_t highs[] = {32767, 2147483647, std::numeric_limits<int64_t>::max()};
  for (int t = 0; t < 3; ++t) {
    for (int64_t x : {lows[t], highs[t], int64_t{0}, int64_t{-1}, int64_t{1}}) {
      CHECK(parse_int(format_value(Value::make_int(types[t], x)), types[t]) == x);
    }
    int bad = 0;
    for (int i = 0; i < 20000; ++i) {
      const int64_t x = uniform(rng, lows[t], highs[t]);
      if (parse_int(format_value(Value::make_int(types[t], x)), types[t]) != x) ++bad;
    }
    CHECK(bad == 0);
  }
  CHECK(parse_bool(format_value(Value::boolean(true))));
  CHECK_FALSE(parse_bool(format_value(Value::boolean(false))));
}

TEST_CASE("round trip: float8 is bit-exact", "[roundtrip][float]") {
  std::mt19937_64 rng(2);
  int bad = 0;
  auto check = [&](double x) {
    const double y = parse_double(format_float8(x), Type::float64());
    if (std::bit_cast<uint64_t>(y) != std::bit_cast<uint64_t>(x)) ++bad;
  };
  for (double x : {0.0, -0.0, 0.1, 1e23, 5e-324, -5e-324, std::numeric_limits<double>::max(),
                   std::numeric_limits<double>::min(), std::numeric_limits<double>::lowest(),
                   std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), 1e15, 1e-5})
    check(x);
  for (int i = 0; i < 100000; ++i) {
    const double x = std::bit_cast<double>(rng());
    if (!std::isnan(x)) check(x);
  }
  for (int i = 0; i < 20000; ++i) check(static_cast<double>(uniform<int64_t>(rng, -(1LL << 60), 1LL << 60)));
  CHECK(bad == 0);
  CHECK(std::isnan(parse_double(format_float8(std::nan("")), Type::float64())));
}

TEST_CASE("round trip: float4 is exact as a float", "[roundtrip][float]") {
  std::mt19937_64 rng(3);
  int bad = 0;
  for (int i = 0; i < 100000; ++i) {
    const float f = std::bit_cast<float>(static_cast<uint32_t>(rng()));
    if (std::isnan(f)) continue;
    const double y = parse_double(format_float4(f), Type::float32());
    if (std::bit_cast<uint32_t>(static_cast<float>(y)) != std::bit_cast<uint32_t>(f)) ++bad;
  }
  CHECK(bad == 0);
}

TEST_CASE("round trip: numeric as a double", "[roundtrip][numeric]") {
  std::mt19937_64 rng(4);
  int bad = 0;
  for (int i = 0; i < 20000; ++i) {
    const double x = std::ldexp(std::uniform_real_distribution<double>(-1, 1)(rng), uniform(rng, -60, 60));
    if (parse_double(format_numeric(x), Type::numeric()) != x) ++bad;
  }
  CHECK(bad == 0);
}

TEST_CASE("round trip: timestamps and dates over the whole range", "[roundtrip][datetime]") {
  std::mt19937_64 rng(5);
  int bad = 0;
  auto check = [&](int64_t t) {
    if (parse_timestamp(format_timestamp(t)) != t) ++bad;
    if (parse_timestamp(format_timestamptz(t), Type::timestamptz()) != t) ++bad;
  };
  for (int64_t t : {kMinTimestamp, int64_t{-1}, int64_t{0}, int64_t{1}, std::numeric_limits<int64_t>::max() - 1,
                    kTimestampInfinity, kTimestampMinusInfinity})
    check(t);
  for (int i = 0; i < 20000; ++i) check(uniform(rng, kMinTimestamp, std::numeric_limits<int64_t>::max() - 1));
  for (int i = 0; i < 20000; ++i) check(uniform(rng, -100 * 365 * kMicrosPerDay, 100 * 365 * kMicrosPerDay));
  for (int i = 0; i < 5000; ++i) check(uniform(rng, -kMicrosPerDay, kMicrosPerDay));  // around 1970
  for (int i = 0; i < 20000; ++i) {
    const int64_t d = uniform(rng, kMinDate, kEndDate - 1);
    if (parse_date(format_date(d)) != d) ++bad;
  }
  for (int64_t d : {kMinDate, kEndDate - 1, int64_t{0}, int64_t{-1}, kDateInfinity, kDateMinusInfinity})
    if (parse_date(format_date(d)) != d) ++bad;
  CHECK(bad == 0);
}

TEST_CASE("round trip: intervals, mixed signs included", "[roundtrip][interval]") {
  std::mt19937_64 rng(6);
  int bad = 0;
  auto check = [&](Interval iv) {
    if (!(parse_interval(format_interval(iv)) == iv)) ++bad;
  };
  check({0, 0, 0});
  check({std::numeric_limits<int32_t>::max(), std::numeric_limits<int32_t>::max(), std::numeric_limits<int64_t>::max()});
  check({std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::min(), std::numeric_limits<int64_t>::min() + 1});
  for (int i = 0; i < 20000; ++i) {
    check({uniform(rng, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()),
           uniform(rng, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()),
           uniform(rng, std::numeric_limits<int64_t>::min() + 1, std::numeric_limits<int64_t>::max())});
    check({uniform(rng, -30, 30), uniform(rng, -40, 40), uniform(rng, -3 * kMicrosPerDay, 3 * kMicrosPerDay)});
  }
  CHECK(bad == 0);
}
