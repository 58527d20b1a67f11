#include <catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "engine/interval_join.h"
#include "engine/watermark.h"
#include "storage/key_encoding.h"

using namespace eddy;
using namespace eddy::engine;

namespace {

constexpr int64_t kNone = WatermarkTracker::kNone;

std::string render(const Row& row) {
  std::string s;
  for (const auto& v : row) {
    if (!s.empty()) s += '|';
    if (v.is_null) {
      s += "N";
      continue;
    }
    switch (v.type.physical()) {
      case PhysicalType::Int64: s += std::to_string(v.i); break;
      case PhysicalType::Float64: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v.f);
        s += buf;
        break;
      }
      case PhysicalType::String: s += "'" + v.s + "'"; break;
      case PhysicalType::Interval:
        s += std::to_string(v.iv.months) + "m" + std::to_string(v.iv.days) + "d" + std::to_string(v.iv.micros);
        break;
    }
  }
  return s;
}

std::string out_key(int64_t a_seq, std::optional<int64_t> b_seq) {
  std::string k;
  storage::append_key(k, Value::int64(a_seq));
  storage::append_key(k, b_seq ? Value::int64(*b_seq) : Value::null(Type::int64()));
  return k;
}

// The view a delta stream builds: output key -> (count, rendered row). Counts must stay 0 or 1.
struct View {
  std::map<std::string, std::pair<int64_t, std::string>> rows;

  void apply(const JoinDelta& d, size_t from = 0) {
    REQUIRE(d.keys.size() == d.rows.rows());
    for (size_t i = from; i < d.rows.rows(); ++i) {
      const std::string text = render(d.rows.row(i));
      auto& [count, stored] = rows[d.keys[i]];
      if (count != 0) CHECK(stored == text);
      count += d.rows.weights[i];
      stored = text;
      REQUIRE(count >= 0);
      REQUIRE(count <= 1);
      if (count == 0) rows.erase(d.keys[i]);
    }
  }
  std::map<std::string, std::string> contents() const {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : rows) out[k] = v.second;
    return out;
  }
};

// ---- hand-written cases: a (k BIGINT, ts TIMESTAMP, v TEXT), b (k BIGINT, ts TIMESTAMP, w BIGINT)

IntervalJoinSpec simple_spec(int64_t lower, int64_t upper, bool left_outer) {
  IntervalJoinSpec s;
  s.left_types = {Type::int64(), Type::timestamp(), Type::text()};
  s.right_types = {Type::int64(), Type::timestamp(), Type::int64()};
  s.left_keys = {0};
  s.right_keys = {0};
  s.left_ts = 1;
  s.right_ts = 1;
  s.lower_micros = lower;
  s.upper_micros = upper;
  s.left_outer = left_outer;
  return s;
}

Batch a_rows(const std::vector<std::tuple<std::optional<int64_t>, std::optional<int64_t>, std::string>>& rows) {
  Batch b = Batch::with_types({Type::int64(), Type::timestamp(), Type::text()});
  for (const auto& [k, ts, v] : rows)
    b.append_row({k ? Value::int64(*k) : Value::null(), ts ? Value::timestamp(*ts) : Value::null(), Value::text(v)});
  return b;
}

Batch b_rows(const std::vector<std::tuple<std::optional<int64_t>, std::optional<int64_t>, int64_t>>& rows) {
  Batch b = Batch::with_types({Type::int64(), Type::timestamp(), Type::int64()});
  for (const auto& [k, ts, w] : rows)
    b.append_row({k ? Value::int64(*k) : Value::null(), ts ? Value::timestamp(*ts) : Value::null(), Value::int64(w)});
  return b;
}

std::vector<int64_t> no_watermarks(size_t n) { return std::vector<int64_t>(n, kNone); }

}  // namespace

TEST_CASE("interval join: inner pairs, inclusive bounds, output keys and layout") {
  IntervalJoin j(simple_spec(-5, 10, false));
  CHECK(j.output_types().size() == 6);
  JoinDelta d;
  auto wa = no_watermarks(3);
  j.consume_left(a_rows({{1, 100, "x"}, {2, 100, "y"}, {1, 200, "z"}}), 10, wa.data(), d);
  CHECK(d.rows.rows() == 0);
  CHECK(d.rows.columns.size() == 6);
  // b.ts - a.ts: 95-100 = -5 (in), 94 (out), 110 (in), 111 (out); key 2 never matches a key-1 b
  auto wb = no_watermarks(5);
  j.consume_right(b_rows({{1, 95, 1}, {1, 94, 2}, {1, 110, 3}, {1, 111, 4}, {2, 105, 5}}), 0, wb.data(), d);
  REQUIRE(d.rows.rows() == 3);
  std::map<std::string, std::string> got;
  for (size_t i = 0; i < d.rows.rows(); ++i) {
    CHECK(d.rows.weights[i] == 1);
    got[d.keys[i]] = render(d.rows.row(i));
  }
  std::map<std::string, std::string> want = {
      {out_key(10, 0), "1|100|'x'|1|95|1"},
      {out_key(10, 2), "1|100|'x'|1|110|3"},
      {out_key(11, 4), "2|100|'y'|2|105|5"},
  };
  CHECK(got == want);
  CHECK(j.kept_rows() == 8);
  CHECK(j.late_rows() == 0);

  // The other order: an a row arriving after its partners.
  JoinDelta d2;
  j.consume_left(a_rows({{1, 101, "w"}}), 13, wa.data(), d2);
  REQUIRE(d2.rows.rows() == 2);  // b.ts in [96, 111]: 110 and 111 (95 and 94 are too early)
  std::set<std::string> keys(d2.keys.begin(), d2.keys.end());
  CHECK(keys == std::set<std::string>{out_key(13, 2), out_key(13, 3)});
}

TEST_CASE("interval join: LEFT emits padded rows and retracts them on the first match only") {
  IntervalJoin j(simple_spec(0, 10, true));
  JoinDelta d;
  auto w = no_watermarks(4);
  j.consume_left(a_rows({{1, 100, "x"}, {std::nullopt, 100, "nullkey"}, {1, std::nullopt, "nullts"}}), 0, w.data(), d);
  REQUIRE(d.rows.rows() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(d.rows.weights[i] == 1);
    CHECK(d.keys[i] == out_key(static_cast<int64_t>(i), std::nullopt));
    CHECK(d.rows.columns[3].is_null(i));
    CHECK(d.rows.columns[5].is_null(i));
  }
  CHECK(j.kept_rows() == 1);  // NULL key / NULL ts rows are not kept

  JoinDelta d2;
  j.consume_right(b_rows({{1, 105, 7}, {1, 110, 8}}), 50, w.data(), d2);
  REQUIRE(d2.rows.rows() == 3);
  CHECK(d2.rows.weights == std::vector<int64_t>{-1, 1, 1});
  CHECK(d2.keys[0] == out_key(0, std::nullopt));
  CHECK(render(d2.rows.row(0)) == "1|100|'x'|N|N|N");
  CHECK(d2.keys[1] == out_key(0, 50));
  CHECK(render(d2.rows.row(1)) == "1|100|'x'|1|105|7");
  CHECK(d2.keys[2] == out_key(0, 51));

  // State: the a row's partner count changed, so it is put again.
  std::vector<std::pair<std::string, std::string>> put;
  std::vector<std::string> erase;
  j.take_state_changes(put, erase);
  CHECK(put.size() == 3);
  CHECK(erase.empty());
  put.clear();
  JoinDelta d3;
  j.consume_right(b_rows({{1, 111, 9}}), 52, w.data(), d3);  // no match (111 - 100 > 10)
  CHECK(d3.rows.rows() == 0);
  j.take_state_changes(put, erase);
  REQUIRE(put.size() == 1);
  CHECK(put[0].first == "b/0000000000000034");
}

TEST_CASE("interval join: late rows are dropped and reported, and a late a row is not padded") {
  IntervalJoin j(simple_spec(0, 10, true));
  JoinDelta d;
  std::vector<int64_t> wa = {kNone, 100, 100};
  std::vector<uint32_t> late;
  // row 1: ts 99 < 100 late; row 2: ts 100 not late (strictly before); NULL-key row late too
  j.consume_left(a_rows({{1, 50, "a"}, {1, 99, "late"}, {1, 100, "ok"}}), 0, wa.data(), d, &late);
  CHECK(late == std::vector<uint32_t>{1});
  CHECK(d.rows.rows() == 2);
  late.clear();
  std::vector<int64_t> wa2 = {200, 200};
  j.consume_left(a_rows({{std::nullopt, 150, "nullkey late"}, {2, std::nullopt, "null ts never late"}}), 3, wa2.data(),
                 d, &late);
  CHECK(late == std::vector<uint32_t>{0});
  CHECK(d.rows.rows() == 3);
  CHECK(d.keys[2] == out_key(4, std::nullopt));

  std::vector<int64_t> wb = {kNone, 104};
  late.clear();
  j.consume_right(b_rows({{1, 105, 1}, {1, 103, 2}}), 0, wb.data(), d, &late);
  CHECK(late == std::vector<uint32_t>{1});
  CHECK(j.late_rows() == 3);
  // 105 matches a@100 (5) only; a@50 stays padded
  REQUIRE(d.rows.rows() == 5);
  CHECK(d.rows.weights[3] == -1);
  CHECK(d.keys[3] == out_key(2, std::nullopt));
  CHECK(d.keys[4] == out_key(2, 0));
}

TEST_CASE("interval join: watermarks free state; a freed unmatched row keeps its padded row") {
  IntervalJoin j(simple_spec(-10, 10, true));
  JoinDelta d;
  auto w = no_watermarks(3);
  j.consume_left(a_rows({{1, 100, "a"}, {1, 200, "b"}, {2, 300, "c"}}), 0, w.data(), d);
  j.consume_right(b_rows({{1, 205, 1}, {3, 1000, 2}}), 0, w.data(), d);
  CHECK(d.rows.rows() == 5);  // 3 padded, -1 and +1 for a@200
  std::vector<std::pair<std::string, std::string>> put;
  std::vector<std::string> erase;
  j.take_state_changes(put, erase);
  CHECK(put.size() == 5);
  put.clear();

  // a freed when a.ts + 10 < wm_b: wm_b = 211 frees a@100 and a@200 (210 < 211), not a@300.
  // b freed when b.ts + 10 < wm_a: wm_a = 215 frees b@205 (215 < 215 is false): kept.
  j.free_state(215, 211);
  CHECK(j.kept_rows() == 3);
  j.take_state_changes(put, erase);
  CHECK(put.empty());
  CHECK(std::set<std::string>(erase.begin(), erase.end()) ==
        std::set<std::string>{"a/0000000000000000", "a/0000000000000001"});
  erase.clear();
  j.free_state(216, 211);
  CHECK(j.kept_rows() == 2);
  j.free_state(kNone, kNone);  // no watermark frees nothing
  CHECK(j.kept_rows() == 2);
  j.free_state(std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::max());
  CHECK(j.kept_rows() == 0);
  j.take_state_changes(put, erase);
  CHECK(erase.size() == 3);
  // A row kept and freed between two takes is neither put nor erased.
  JoinDelta d2;
  j.consume_left(a_rows({{1, 5000, "x"}}), 9, w.data(), d2);
  CHECK(d2.rows.rows() == 1);  // padded, and it stays
  j.free_state(kNone, 6000);
  put.clear();
  erase.clear();
  j.take_state_changes(put, erase);
  CHECK(put.empty());
  CHECK(erase.empty());
  CHECK(j.state_bytes() > 0);
}

TEST_CASE("interval join: b before a (negative bounds) and an empty interval") {
  IntervalJoin j(simple_spec(-10, -5, false));
  JoinDelta d;
  auto w = no_watermarks(4);
  j.consume_right(b_rows({{1, 89, 1}, {1, 90, 2}, {1, 95, 3}, {1, 96, 4}}), 0, w.data(), d);
  j.consume_left(a_rows({{1, 100, "x"}}), 0, w.data(), d);
  CHECK(std::set<std::string>(d.keys.begin(), d.keys.end()) == std::set<std::string>{out_key(0, 1), out_key(0, 2)});

  IntervalJoin empty(simple_spec(5, 4, true));
  JoinDelta e;
  empty.consume_left(a_rows({{1, 100, "x"}}), 0, w.data(), e);
  empty.consume_right(b_rows({{1, 104, 1}, {1, 105, 2}}), 0, w.data(), e);
  CHECK(e.rows.rows() == 1);  // only the padded row
}

TEST_CASE("interval join: extreme timestamps and bounds do not overflow") {
  const int64_t max = std::numeric_limits<int64_t>::max(), min = std::numeric_limits<int64_t>::min() + 1;
  IntervalJoin j(simple_spec(-max, max, false));
  JoinDelta d;
  auto w = no_watermarks(2);
  j.consume_left(a_rows({{1, max, "hi"}, {1, min, "lo"}}), 0, w.data(), d);
  j.consume_right(b_rows({{1, 0, 1}}), 0, w.data(), d);
  CHECK(d.rows.rows() == 2);  // 0 - max = -max (in), 0 - min = max (in)
  j.free_state(max, max);     // a: ts + max < max for ts = min only; b: 0 - (-max) < max: no
  CHECK(j.kept_rows() == 2);
}

TEST_CASE("interval join: keys compare as SQL values (int = float, NaN, -0.0, multi-column, intervals)") {
  IntervalJoinSpec s;
  s.left_types = {Type::int64(), Type::float64(), Type::interval(), Type::timestamp()};
  s.right_types = {Type::timestamp(), Type::float64(), Type::float64(), Type::interval()};
  s.left_keys = {0, 1, 2};
  s.right_keys = {1, 2, 3};
  s.left_ts = 3;
  s.right_ts = 0;
  s.lower_micros = 0;
  s.upper_micros = 0;
  IntervalJoin j(s);
  Batch a = Batch::with_types(s.left_types);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  a.append_row({Value::int64(1), Value::float64(nan), Value::interval({0, 1, 0}), Value::timestamp(7)});
  a.append_row({Value::int64(2), Value::float64(-0.0), Value::interval({0, 0, 0}), Value::timestamp(7)});
  Batch b = Batch::with_types(s.right_types);
  const Interval day_in_micros{0, 0, 86400000000LL};  // = '1 day'
  b.append_row({Value::timestamp(7), Value::float64(1.0), Value::float64(-nan), Value::interval(day_in_micros)});
  b.append_row({Value::timestamp(7), Value::float64(2.0), Value::float64(0.0), Value::interval({0, 0, 0})});
  b.append_row({Value::timestamp(7), Value::float64(2.5), Value::float64(0.0), Value::interval({0, 0, 0})});
  JoinDelta d;
  j.consume_left(a, 0, nullptr, d);
  j.consume_right(b, 0, nullptr, d);
  CHECK(std::set<std::string>(d.keys.begin(), d.keys.end()) == std::set<std::string>{out_key(0, 0), out_key(1, 1)});
}

TEST_CASE("interval join: restore refuses what it did not write") {
  IntervalJoin j(simple_spec(0, 10, true));
  CHECK_FALSE(j.restore("a/0000000000000000", "garbage"));
  CHECK_FALSE(j.restore("x", ""));
  CHECK_FALSE(j.restore("c/0000000000000000", ""));
  JoinDelta d;
  auto w = no_watermarks(1);
  j.consume_left(a_rows({{1, 100, "x"}}), 3, w.data(), d);
  std::vector<std::pair<std::string, std::string>> put;
  std::vector<std::string> erase;
  j.take_state_changes(put, erase);
  REQUIRE(put.size() == 1);
  CHECK(put[0].first == "a/0000000000000003");
  IntervalJoin other(simple_spec(0, 10, true));
  CHECK_FALSE(other.restore("a/0000000000000004", put[0].second));  // seq mismatch
  CHECK_FALSE(other.restore("b/0000000000000003", put[0].second));  // b's layout differs
  CHECK(other.restore(put[0].first, put[0].second));
  CHECK(other.kept_rows() == 1);
  JoinDelta d2;
  other.consume_right(b_rows({{1, 101, 5}}), 0, w.data(), d2);
  CHECK(d2.rows.weights == std::vector<int64_t>{-1, 1});
}

// ---- randomized differential test against a brute-force batch join --------------------------
//
// a (k1 BIGINT, ts TIMESTAMP, name TEXT, k2 TEXT), b (x FLOAT8, k2 TEXT, ts TIMESTAMP, k1 BIGINT),
// joined ON a.k1 = b.k1 AND a.k2 = b.k2 AND b.ts BETWEEN a.ts + lower AND a.ts + upper.

namespace {

struct Stream {
  Batch rows;
  std::vector<int64_t> watermarks;  // before each row
  std::vector<uint8_t> late;
  int64_t bound = 0;
  uint64_t seq_base = 0;
  int ts_col = 0;
  std::vector<int> key_cols;

  void compute(int ts_column, int64_t b) {
    ts_col = ts_column;
    bound = b;
    const Column& ts = rows.columns[static_cast<size_t>(ts_col)];
    int64_t max_ts = kNone;
    for (size_t r = 0; r < rows.rows(); ++r) {
      watermarks.push_back(max_ts == kNone ? kNone : max_ts - bound);
      late.push_back(!ts.is_null(r) && ts.ints()[r] < watermarks.back());
      if (!ts.is_null(r)) max_ts = std::max(max_ts, ts.ints()[r]);
    }
  }
  // The watermark after the first n rows.
  int64_t watermark_after(size_t n) const {
    if (n == 0) return kNone;
    if (n < rows.rows()) return watermarks[n];
    const Column& ts = rows.columns[static_cast<size_t>(ts_col)];
    int64_t max_ts = kNone;
    for (size_t r = 0; r < n; ++r)
      if (!ts.is_null(r)) max_ts = std::max(max_ts, ts.ints()[r]);
    return max_ts == kNone ? kNone : max_ts - bound;
  }
  bool matchable(size_t r) const {
    if (rows.columns[static_cast<size_t>(ts_col)].is_null(r) || late[r]) return false;
    for (int k : key_cols)
      if (rows.columns[static_cast<size_t>(k)].is_null(r)) return false;
    return true;
  }
  int64_t ts(size_t r) const { return rows.columns[static_cast<size_t>(ts_col)].ints()[r]; }
};

struct Scenario {
  IntervalJoinSpec spec;
  Stream a, b;
};

Scenario make_scenario(std::mt19937_64& rng) {
  auto uniform = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  Scenario s;
  s.spec.left_types = {Type::int64(), Type::timestamp(), Type::text(), Type::text()};
  s.spec.right_types = {Type::float64(), Type::text(), Type::timestamp(), Type::int64()};
  s.spec.left_keys = {0, 3};
  s.spec.right_keys = {3, 1};
  s.spec.left_ts = 1;
  s.spec.right_ts = 2;
  s.spec.left_outer = chance(0.5);
  s.spec.lower_micros = uniform(-30, 20);
  s.spec.upper_micros = chance(0.05) ? s.spec.lower_micros - 1 : s.spec.lower_micros + uniform(0, 40);
  const int64_t nk1 = uniform(1, 5);
  const int64_t nk2 = uniform(1, 2);
  const double null_key = chance(0.3) ? 0.0 : 0.06;
  const double null_ts = chance(0.3) ? 0.0 : 0.05;
  const int64_t span = uniform(50, 600);
  const int64_t jitter = uniform(0, 40);

  auto gen = [&](Stream& st, bool is_a, size_t n) {
    st.rows = Batch::with_types(is_a ? s.spec.left_types : s.spec.right_types);
    st.key_cols = is_a ? s.spec.left_keys : s.spec.right_keys;
    st.seq_base = is_a ? uint64_t(1) << 40 : uint64_t(uniform(0, 1000));
    for (size_t i = 0; i < n; ++i) {
      Value k1 = chance(null_key) ? Value::null() : Value::int64(uniform(0, nk1 - 1));
      Value k2 = chance(null_key) ? Value::null() : Value::text(std::string(1, char('x' + uniform(0, nk2 - 1))));
      const int64_t base = static_cast<int64_t>(i) * span / static_cast<int64_t>(std::max<size_t>(n, 1));
      Value ts = chance(null_ts) ? Value::null() : Value::timestamp(base + uniform(-jitter, jitter));
      if (is_a) {
        Value name = chance(0.1) ? Value::null()
                                 : Value::text((chance(0.2) ? std::string(20, 'L') : std::string()) + "n" +
                                               std::to_string(i));
        st.rows.append_row({k1, ts, name, k2});
      } else {
        Value x = chance(0.1) ? Value::null() : Value::float64(static_cast<double>(uniform(0, 1000)) / 8);
        st.rows.append_row({x, k2, ts, k1});
      }
    }
    st.compute(is_a ? s.spec.left_ts : s.spec.right_ts, chance(0.2) ? 0 : uniform(0, 2 * jitter + 5));
  };
  gen(s.a, true, static_cast<size_t>(uniform(0, 80)));
  gen(s.b, false, static_cast<size_t>(uniform(0, 80)));
  return s;
}

// The batch join of the first na rows of a and nb rows of b, minus late rows.
std::map<std::string, std::string> brute_force(const Scenario& s, size_t na, size_t nb) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < na; ++i) {
    if (s.a.late[i]) continue;
    const Row ar = s.a.rows.row(i);
    bool matched = false;
    if (s.a.matchable(i)) {
      for (size_t j = 0; j < nb; ++j) {
        if (!s.b.matchable(j)) continue;
        bool eq = true;
        for (size_t k = 0; k < s.spec.left_keys.size() && eq; ++k)
          eq = values_equal(ar[static_cast<size_t>(s.spec.left_keys[k])],
                            s.b.rows.columns[static_cast<size_t>(s.spec.right_keys[k])].get(j));
        const int64_t diff = s.b.ts(j) - s.a.ts(i);
        if (!eq || diff < s.spec.lower_micros || diff > s.spec.upper_micros) continue;
        matched = true;
        Row joined = ar;
        for (const auto& v : s.b.rows.row(j)) joined.push_back(v);
        out[out_key(static_cast<int64_t>(s.a.seq_base + i), static_cast<int64_t>(s.b.seq_base + j))] = render(joined);
      }
    }
    if (s.spec.left_outer && !matched) {
      Row joined = ar;
      for (size_t c = 0; c < s.spec.right_types.size(); ++c) joined.push_back(Value::null());
      out[out_key(static_cast<int64_t>(s.a.seq_base + i), std::nullopt)] = render(joined);
    }
  }
  return out;
}

// What the rows kept after free_state(watermark of a, watermark of b) must be.
size_t expected_kept(const Scenario& s, size_t na, size_t nb) {
  const int64_t wa = s.a.watermark_after(na), wb = s.b.watermark_after(nb);
  size_t n = 0;
  for (size_t i = 0; i < na; ++i)
    if (s.a.matchable(i) && (wb == kNone || s.a.ts(i) + s.spec.upper_micros >= wb)) ++n;
  for (size_t j = 0; j < nb; ++j)
    if (s.b.matchable(j) && (wa == kNone || s.b.ts(j) - s.spec.lower_micros >= wa)) ++n;
  return n;
}

using Store = std::map<std::string, std::string>;

void take_into(IntervalJoin& j, Store& store) {
  std::vector<std::pair<std::string, std::string>> put;
  std::vector<std::string> erase;
  j.take_state_changes(put, erase);
  std::set<std::string> seen;
  for (const auto& k : erase) {
    REQUIRE(seen.insert(k).second);
    REQUIRE(store.erase(k) == 1);
  }
  for (auto& [k, v] : put) {
    REQUIRE(seen.insert(k).second);
    REQUIRE(k.size() <= 200);
    store[k] = v;
  }
  REQUIRE(store.size() == j.kept_rows());
}

struct Step {
  bool left;
  size_t from, to;
  bool free_after;
  bool take_after;
};

}  // namespace

TEST_CASE("interval join: randomized differential test against a brute-force join") {
  std::mt19937_64 rng(20260514);
  auto uniform = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
  size_t total_late = 0, total_outputs = 0, total_freed_checks = 0, restores = 0;
  for (int iteration = 0; iteration < 300; ++iteration) {
    INFO("iteration " << iteration);
    Scenario s = make_scenario(rng);
    // A random interleaving in random batch sizes.
    std::vector<Step> steps;
    size_t na = 0, nb = 0;
    const int64_t max_batch = uniform(1, 12);
    while (na < s.a.rows.rows() || nb < s.b.rows.rows()) {
      const bool left = nb == s.b.rows.rows() || (na < s.a.rows.rows() && uniform(0, 1) == 0);
      size_t& n = left ? na : nb;
      const size_t total = left ? s.a.rows.rows() : s.b.rows.rows();
      const size_t to = std::min(total, n + static_cast<size_t>(uniform(1, max_batch)));
      steps.push_back({left, n, to, uniform(0, 2) == 0, uniform(0, 3) == 0});
      n = to;
    }
    const size_t restore_at = static_cast<size_t>(uniform(0, static_cast<int64_t>(steps.size())));

    IntervalJoin j(s.spec);
    std::unique_ptr<IntervalJoin> restored;
    View view, restored_view;
    Store store, restored_store;
    uint64_t restored_late_base = 0;
    na = nb = 0;
    for (size_t st = 0; st <= steps.size(); ++st) {
      if (st == restore_at) {  // a restart: a fresh operator rebuilt from the stored state
        take_into(j, store);
        restored = std::make_unique<IntervalJoin>(s.spec);
        for (const auto& [k, v] : store) REQUIRE(restored->restore(k, v));
        REQUIRE(restored->kept_rows() == j.kept_rows());
        restored_view = view;
        restored_store = store;
        restored_late_base = j.late_rows();
        ++restores;
      }
      if (st == steps.size()) break;
      const Step& step = steps[st];
      Stream& side = step.left ? s.a : s.b;
      std::vector<uint32_t> idx;
      for (size_t r = step.from; r < step.to; ++r) idx.push_back(static_cast<uint32_t>(r));
      const Batch batch = side.rows.gather(idx);
      const int64_t* wm = side.watermarks.data() + step.from;
      const uint64_t first_seq = side.seq_base + step.from;
      JoinDelta d, rd;
      // Sometimes append to a delta that already holds rows.
      const bool prefill = uniform(0, 4) == 0;
      if (prefill) {
        d.rows = Batch::with_types(j.output_types());
        d.rows.append_row(Row(j.output_types().size(), Value::null()), 1);
        d.keys.push_back("prefill");
      }
      std::vector<uint32_t> late, rlate;
      if (step.left) {
        j.consume_left(batch, first_seq, wm, d, &late);
        if (restored) restored->consume_left(batch, first_seq, wm, rd, &rlate);
        na = step.to;
      } else {
        j.consume_right(batch, first_seq, wm, d, &late);
        if (restored) restored->consume_right(batch, first_seq, wm, rd, &rlate);
        nb = step.to;
      }
      std::vector<uint32_t> want_late;
      for (size_t r = step.from; r < step.to; ++r)
        if (side.late[r]) want_late.push_back(static_cast<uint32_t>(r - step.from));
      REQUIRE(late == want_late);
      total_late += late.size();
      view.apply(d, prefill ? 1 : 0);
      total_outputs += d.rows.rows();
      if (restored) {
        REQUIRE(rlate == late);
        // Exactly the same delta as the uninterrupted operator.
        REQUIRE(rd.keys == std::vector<std::string>(d.keys.begin() + (prefill ? 1 : 0), d.keys.end()));
        for (size_t i = 0; i < rd.rows.rows(); ++i) {
          REQUIRE(rd.rows.weights[i] == d.rows.weights[i + (prefill ? 1 : 0)]);
          REQUIRE(render(rd.rows.row(i)) == render(d.rows.row(i + (prefill ? 1 : 0))));
        }
        restored_view.apply(rd);
      }
      if (uniform(0, 2) == 0 || st + 1 == steps.size()) REQUIRE(view.contents() == brute_force(s, na, nb));
      if (step.free_after) {
        const int64_t wa = s.a.watermark_after(na), wb = s.b.watermark_after(nb);
        j.free_state(wa, wb);
        REQUIRE(j.kept_rows() == expected_kept(s, na, nb));
        ++total_freed_checks;
        if (restored) {
          restored->free_state(wa, wb);
          REQUIRE(restored->kept_rows() == j.kept_rows());
        }
      }
      if (step.take_after) {
        take_into(j, store);
        if (restored) {
          take_into(*restored, restored_store);
          REQUIRE(restored_store == store);
        }
      }
    }
    REQUIRE(view.contents() == brute_force(s, s.a.rows.rows(), s.b.rows.rows()));
    size_t want_late = 0;
    for (auto l : s.a.late) want_late += l;
    for (auto l : s.b.late) want_late += l;
    REQUIRE(j.late_rows() == want_late);
    if (restored) {
      REQUIRE(restored_view.contents() == view.contents());
      REQUIRE(restored_late_base + restored->late_rows() == j.late_rows());
    }
    // Once both watermarks are far ahead nothing stays, and the store empties.
    const int64_t far = 1'000'000'000;
    j.free_state(far, far);
    REQUIRE(j.kept_rows() == 0);
    take_into(j, store);
    REQUIRE(store.empty());
  }
  CHECK(restores == 300);
  CHECK(total_late > 100);
  CHECK(total_outputs > 1000);
  CHECK(total_freed_checks > 100);
}

TEST_CASE("interval join: state stays bounded on a long stream", "[interval_join]") {
  // Two in-order streams, one key each of 50: kept rows follow the watermark bound and the
  // interval, not the stream's length.
  IntervalJoinSpec s = simple_spec(-100, 100, true);
  IntervalJoin j(s);
  JoinDelta d;
  View view;
  const int64_t bound = 50;
  int64_t max_a = kNone, max_b = kNone;
  size_t peak = 0;
  for (int64_t round = 0; round < 400; ++round) {
    Batch a = Batch::with_types(s.left_types), b = Batch::with_types(s.right_types);
    std::vector<int64_t> wa, wb;
    for (int64_t i = 0; i < 50; ++i) {
      const int64_t ts = round * 100 + (i * 7) % 100;
      wa.push_back(max_a == kNone ? kNone : max_a - bound);
      a.append_row({Value::int64(i), Value::timestamp(ts), Value::text("v")});
      max_a = std::max(max_a, ts);
      wb.push_back(max_b == kNone ? kNone : max_b - bound);
      b.append_row({Value::int64(i), Value::timestamp(ts + 30), Value::int64(i)});
      max_b = std::max(max_b, ts + 30);
    }
    d = JoinDelta();
    j.consume_left(a, static_cast<uint64_t>(round) * 50, wa.data(), d);
    j.consume_right(b, static_cast<uint64_t>(round) * 50, wb.data(), d);
    view.apply(d);
    j.free_state(max_a - bound, max_b - bound);
    peak = std::max(peak, j.kept_rows());
  }
  CHECK(j.late_rows() > 0);
  CHECK(peak < 1000);
  CHECK(j.state_bytes() < 200000);
}

TEST_CASE("interval join: throughput", "[.][bench]") {
  // Not run by default: ./eddy_engine_tests "[bench]"
  IntervalJoinSpec s = simple_spec(-1000, 1000, true);
  IntervalJoin j(s);
  const int64_t keys = 10000, batch = 1024, batches = 2000, bound = 500;
  std::mt19937_64 rng(1);
  int64_t max_a = kNone, max_b = kNone;
  size_t outputs = 0, peak = 0;
  double seconds = 0;
  for (int64_t n = 0; n < batches; ++n) {
    Batch a = Batch::with_types(s.left_types), b = Batch::with_types(s.right_types);
    std::vector<int64_t> wa, wb;
    for (int64_t i = 0; i < batch; ++i) {
      const int64_t ts = (n * batch + i) * 10 + static_cast<int64_t>(rng() % 400);
      wa.push_back(max_a == kNone ? kNone : max_a - bound);
      a.append_row({Value::int64(static_cast<int64_t>(rng() % keys)), Value::timestamp(ts), Value::text("payload")});
      max_a = std::max(max_a, ts);
      const int64_t tb = (n * batch + i) * 10 + static_cast<int64_t>(rng() % 400);
      wb.push_back(max_b == kNone ? kNone : max_b - bound);
      b.append_row({Value::int64(static_cast<int64_t>(rng() % keys)), Value::timestamp(tb), Value::int64(i)});
      max_b = std::max(max_b, tb);
    }
    JoinDelta d;
    auto t0 = std::chrono::steady_clock::now();
    j.consume_left(a, static_cast<uint64_t>(n * batch), wa.data(), d);
    j.consume_right(b, static_cast<uint64_t>(n * batch), wb.data(), d);
    j.free_state(max_a - bound, max_b - bound);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    outputs += d.rows.rows();
    peak = std::max(peak, j.kept_rows());
  }
  const double rows = 2.0 * batch * batches;
  WARN("rows in: " << rows << ", out: " << outputs << ", " << rows / seconds / 1e6 << " M input rows/s, peak kept "
                   << peak << ", state bytes " << j.state_bytes());
}
