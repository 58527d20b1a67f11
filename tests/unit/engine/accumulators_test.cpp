// Accumulators: the aggregates' per-group state, kind by kind, under inserts, retractions,
// merge (session windows) and encode/decode (stored state).
#include <catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "common/error.h"
#include "common/value_text.h"
#include "engine/accumulators.h"
#include "engine/hyperloglog.h"

using namespace eddy;
using namespace eddy::engine;

namespace {

AggregateSpec spec(AggregateKind kind, Type in, Type out, const char* name, int input = 0) {
  AggregateSpec s;
  s.kind = kind;
  s.input = input;
  s.input_type = in;
  s.result_type = out;
  s.name = name;
  return s;
}

AggregateSpec distinct(AggregateKind kind, Type in, Type out, const char* name, int input = 0) {
  AggregateSpec s = spec(kind, in, out, name, input);
  s.distinct = true;
  return s;
}

AggregateSpec retractable(AggregateSpec s) {
  s.retractable = true;
  return s;
}

// first_value/last_value/string_agg/array_agg(x ORDER BY column 1)
AggregateSpec ordered(AggregateSpec s, bool descending = false, Type key_type = Type::int64()) {
  AggregateOrderKey k;
  k.input = 1;
  k.type = key_type;
  k.descending = descending;
  k.nulls_first = descending;
  s.order_by.push_back(k);
  return s;
}

using Int = std::optional<int64_t>;
using Text = std::optional<std::string>;

// One column (x BIGINT), each row with weight +1 unless given.
Batch ints(const std::vector<Int>& xs, int64_t weight = 1) {
  Batch b = Batch::with_types({Type::int64()});
  for (const auto& x : xs) {
    if (x) b.columns[0].append_int(*x);
    else b.columns[0].append_null();
    b.weights.push_back(weight);
  }
  return b;
}

Batch texts(const std::vector<Text>& xs, int64_t weight = 1) {
  Batch b = Batch::with_types({Type::text()});
  for (const auto& x : xs) {
    if (x) b.columns[0].append_string(*x);
    else b.columns[0].append_null();
    b.weights.push_back(weight);
  }
  return b;
}

Batch floats(const std::vector<double>& xs, int64_t weight = 1) {
  Batch b = Batch::with_types({Type::float64()});
  for (double x : xs) {
    b.columns[0].append_float(x);
    b.weights.push_back(weight);
  }
  return b;
}

// (x TEXT, y BIGINT, weight)
Batch text_by_int(const std::vector<std::tuple<Text, Int, int64_t>>& rows) {
  Batch b = Batch::with_types({Type::text(), Type::int64()});
  for (const auto& [x, y, w] : rows) {
    if (x) b.columns[0].append_string(*x);
    else b.columns[0].append_null();
    if (y) b.columns[1].append_int(*y);
    else b.columns[1].append_null();
    b.weights.push_back(w);
  }
  return b;
}

// Accumulators with every row of a batch going to one group.
struct Harness {
  std::vector<AggregateSpec> specs;
  Accumulators acc;

  explicit Harness(std::vector<AggregateSpec> s, size_t groups = 1) : specs(s), acc(std::move(s)) { acc.resize(groups); }

  void feed(const Batch& b, uint32_t group = 0) {
    acc.check_retractions(b);
    std::vector<uint32_t> rows, groups;
    for (size_t r = 0; r < b.rows(); ++r) {
      rows.push_back(static_cast<uint32_t>(r));
      groups.push_back(group);
    }
    acc.update(b, rows, groups);
  }

  Value result(size_t a = 0, uint32_t g = 0) const {
    std::vector<Column> out;
    for (const auto& s : specs) out.emplace_back(s.result_type);
    acc.append_results(g, out, 0);
    return out[a].get(0);
  }
  std::string text(size_t a = 0, uint32_t g = 0) const {
    Value v = result(a, g);
    return v.is_null ? "NULL" : format_value(v);
  }

  Row encode(uint32_t g = 0) const {
    Row r;
    acc.encode(g, r);
    return r;
  }
  // A fresh Accumulators restored from group g's encoded state.
  Harness restored(uint32_t g = 0) const {
    Harness h(specs);
    Row r = encode(g);
    size_t pos = 0;
    REQUIRE(h.acc.decode(0, r, pos));
    REQUIRE(pos == r.size());
    return h;
  }
};

std::string sqlstate_of_feed(Harness& h, const Batch& b) {
  try {
    h.feed(b);
  } catch (const SqlError& e) {
    return e.sqlstate();
  }
  return "";
}

std::string error_text(Harness& h, const Batch& b) {
  try {
    h.feed(b);
  } catch (const SqlError& e) {
    return std::string(e.what()) + " | " + e.hint();
  }
  return "";
}

}  // namespace

// ---- count/sum/avg(DISTINCT x) ----------------------------------------------------------------

TEST_CASE("count, sum and avg DISTINCT count each value once, and retractions remove one occurrence") {
  Harness h({distinct(AggregateKind::Count, Type::int64(), Type::int64(), "count"),
             distinct(AggregateKind::Sum, Type::int64(), Type::numeric(), "sum"),
             distinct(AggregateKind::Avg, Type::int64(), Type::numeric(), "avg")});
  CHECK(h.result(0).i == 0);
  CHECK(h.result(1).is_null);
  h.feed(ints({1, 1, 2, 3, std::nullopt, 3}));
  CHECK(h.result(0).i == 3);
  CHECK(h.result(1).f == 6.0);
  CHECK(h.result(2).f == 2.0);

  h.feed(ints({1}, -1));  // one of two 1s: still there
  CHECK(h.result(0).i == 3);
  h.feed(ints({1}, -1));  // the last 1
  CHECK(h.result(0).i == 2);
  CHECK(h.result(1).f == 5.0);
  CHECK(h.result(2).f == 2.5);
  h.feed(ints({7}, -1));  // never inserted: ignored
  CHECK(h.result(0).i == 2);
  h.feed(ints({1}));
  CHECK(h.result(0).i == 3);
  CHECK(h.result(1).f == 6.0);

  h.feed(ints({1, 2, 3, 3}, -1));
  CHECK(h.result(0).i == 0);
  CHECK(h.result(1).is_null);
  CHECK(h.result(2).is_null);
}

TEST_CASE("count DISTINCT of text, floats and intervals uses SQL equality") {
  Harness t({distinct(AggregateKind::Count, Type::text(), Type::int64(), "count")});
  t.feed(texts({"a", "b", "a", std::nullopt, "", ""}));
  CHECK(t.result().i == 3);  // a, b and the empty string
  t.feed(texts({"b"}, -1));
  CHECK(t.result().i == 2);

  Harness f({distinct(AggregateKind::Count, Type::float64(), Type::int64(), "count"),
             distinct(AggregateKind::Sum, Type::float64(), Type::float64(), "sum")});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  f.feed(floats({0.0, -0.0, 1.5, 1.5, nan, -nan}));
  CHECK(f.result(0).i == 3);  // 0, 1.5, NaN
  CHECK(std::isnan(f.result(1).f));
  f.feed(floats({nan, 0.0}, -1));
  CHECK(f.result(0).i == 3);  // NaN and 0 occurred twice each (-NaN is NaN, -0 is 0)
  f.feed(floats({-nan, -0.0}, -1));
  CHECK(f.result(0).i == 1);
  CHECK(f.result(1).f == 1.5);  // NaN taken back: the sum is finite again
  const double inf = std::numeric_limits<double>::infinity();
  f.feed(floats({inf, 2.0}));
  CHECK(f.result(1).f == inf);
  f.feed(floats({-inf}));
  CHECK(std::isnan(f.result(1).f));
  f.feed(floats({inf, -inf}, -1));
  CHECK(f.result(1).f == 3.5);
  CHECK(f.restored().result(1).f == 3.5);

  Harness iv({distinct(AggregateKind::Count, Type::interval(), Type::int64(), "count")});
  Batch b = Batch::with_types({Type::interval()});
  b.columns[0].append_interval(Interval{1, 0, 0});
  b.columns[0].append_interval(Interval{0, 30, 0});  // '30 days' = '1 mon' in PostgreSQL
  b.columns[0].append_interval(Interval{0, 0, 5});
  b.weights = {1, 1, 1};
  iv.feed(b);
  CHECK(iv.result().i == 2);
}

TEST_CASE("count DISTINCT merges two groups as the union of their multisets") {
  Harness h({distinct(AggregateKind::Count, Type::int64(), Type::int64(), "count"),
             distinct(AggregateKind::Sum, Type::int64(), Type::numeric(), "sum")},
            2);
  h.feed(ints({1, 2, 2}), 0);
  h.feed(ints({2, 3}), 1);
  h.acc.merge(0, 1);
  CHECK(h.result(0, 0).i == 3);
  CHECK(h.result(1, 0).f == 6.0);
  CHECK(h.result(0, 1).i == 0);  // `from` is emptied
  // 2 occurred three times in the union: two retractions leave it
  h.feed(ints({2, 2}, -1), 0);
  CHECK(h.result(0, 0).i == 3);
  h.feed(ints({2}, -1), 0);
  CHECK(h.result(0, 0).i == 2);
  CHECK(h.result(1, 0).f == 4.0);
}

TEST_CASE("count DISTINCT state survives encode and decode, occurrences included") {
  Harness h({distinct(AggregateKind::Count, Type::text(), Type::int64(), "count"),
             distinct(AggregateKind::Avg, Type::int64(), Type::numeric(), "avg", 1)});
  Batch b = text_by_int({{"a", 1, 1}, {"a", 1, 1}, {"b", 5, 1}, {std::string(40, 'x'), 9, 1}});
  h.feed(b);
  Harness r = h.restored();
  CHECK(r.result(0).i == 3);
  CHECK(r.result(1).f == 5.0);
  r.feed(text_by_int({{"a", 1, -1}}));
  CHECK(r.result(0).i == 3);  // one "a" left
  r.feed(text_by_int({{"a", 1, -1}}));
  CHECK(r.result(0).i == 2);
  CHECK(r.result(1).f == 7.0);
  CHECK(r.acc.extra_bytes(0) > 40);
}

// ---- min / max --------------------------------------------------------------------------------

TEST_CASE("append-only min/max keep the running extreme and refuse retractions") {
  Harness h({spec(AggregateKind::Min, Type::int64(), Type::int64(), "min"),
             spec(AggregateKind::Max, Type::int64(), Type::int64(), "max")});
  CHECK(is_append_only(h.specs[0]));
  h.feed(ints({5, 3, std::nullopt, 9}));
  CHECK(h.result(0).i == 3);
  CHECK(h.result(1).i == 9);
  CHECK(sqlstate_of_feed(h, ints({3}, -1)) == "0A000");
  CHECK(h.result(0).i == 3);  // nothing changed
  CHECK(h.acc.extra_bytes(0) == 2 * std::string().capacity());
}

TEST_CASE("retractable min/max find the next extreme when the extreme is retracted") {
  Harness h({retractable(spec(AggregateKind::Min, Type::int64(), Type::int64(), "min")),
             retractable(spec(AggregateKind::Max, Type::int64(), Type::int64(), "max"))});
  CHECK_FALSE(is_append_only(h.specs[0]));
  CHECK_FALSE(is_append_only(h.specs[1]));
  h.feed(ints({5, 3, 9, 3}));
  CHECK(h.result(0).i == 3);
  CHECK(h.result(1).i == 9);
  h.feed(ints({3}, -1));
  CHECK(h.result(0).i == 3);  // the other 3
  h.feed(ints({3}, -1));
  CHECK(h.result(0).i == 5);
  h.feed(ints({9}, -1));
  CHECK(h.result(1).i == 5);
  h.feed(ints({42}, -1));  // not held: ignored
  CHECK(h.result(1).i == 5);
  h.feed(ints({5}, -1));
  CHECK(h.result(0).is_null);
  CHECK(h.result(1).is_null);
  h.feed(ints({-4}));
  CHECK(h.result(0).i == -4);
  CHECK(h.result(1).i == -4);
}

TEST_CASE("retractable min/max over text, floats (NaN is largest) and intervals") {
  Harness t({retractable(spec(AggregateKind::Min, Type::text(), Type::text(), "min")),
             retractable(spec(AggregateKind::Max, Type::text(), Type::text(), "max"))});
  t.feed(texts({"m", "b", "x", "b"}));
  t.feed(texts({"b", "b", "x"}, -1));
  CHECK(t.text(0) == "m");
  CHECK(t.text(1) == "m");

  const double nan = std::numeric_limits<double>::quiet_NaN();
  Harness f({retractable(spec(AggregateKind::Min, Type::float64(), Type::float64(), "min")),
             retractable(spec(AggregateKind::Max, Type::float64(), Type::float64(), "max"))});
  f.feed(floats({2.5, nan, -1.0}));
  CHECK(f.result(0).f == -1.0);
  CHECK(std::isnan(f.result(1).f));
  f.feed(floats({nan}, -1));
  CHECK(f.result(1).f == 2.5);

  Harness iv({retractable(spec(AggregateKind::Max, Type::interval(), Type::interval(), "max"))});
  Batch b = Batch::with_types({Type::interval()});
  b.columns[0].append_interval(Interval{1, 0, 0});
  b.columns[0].append_interval(Interval{0, 2, 0});
  b.weights = {1, 1};
  iv.feed(b);
  CHECK(iv.result().iv == Interval{1, 0, 0});  // the value put in, not its length in micros
  b.weights = {-1, -1};
  b.columns[0].intervals().resize(1);
  b.weights.resize(1);
  iv.feed(b);
  CHECK(iv.result().iv == Interval{0, 2, 0});
}

TEST_CASE("append-only max of intervals returns the interval put in") {
  Harness h({spec(AggregateKind::Max, Type::interval(), Type::interval(), "max")}, 2);
  Batch b = Batch::with_types({Type::interval()});
  b.columns[0].append_interval(Interval{0, 29, 0});
  b.columns[0].append_interval(Interval{1, 0, 0});
  b.weights = {1, 1};
  h.feed(b);
  CHECK(h.result().iv == Interval{1, 0, 0});
  CHECK(h.restored().result().iv == Interval{1, 0, 0});
  Batch c = Batch::with_types({Type::interval()});
  c.columns[0].append_interval(Interval{0, 31, 0});
  c.weights = {1};
  h.feed(c, 1);
  h.acc.merge(0, 1);
  CHECK(h.result().iv == Interval{0, 31, 0});
}

TEST_CASE("retractable min/max merge and survive encode/decode") {
  Harness h({retractable(spec(AggregateKind::Min, Type::text(), Type::text(), "min")),
             retractable(spec(AggregateKind::Max, Type::text(), Type::text(), "max"))},
            2);
  h.feed(texts({"d", "c"}), 0);
  h.feed(texts({"a", "z", "c"}), 1);
  h.acc.merge(0, 1);
  CHECK(h.text(0) == "a");
  CHECK(h.text(1) == "z");
  Harness r = h.restored();
  r.feed(texts({"a", "z", "c"}, -1));
  CHECK(r.text(0) == "c");  // the other c
  CHECK(r.text(1) == "d");
  r.feed(texts({"c", "d"}, -1));
  CHECK(r.result(0).is_null);
}

// ---- approx_count_distinct --------------------------------------------------------------------

TEST_CASE("approx_count_distinct is exact for small sets and refuses retractions") {
  Harness h({spec(AggregateKind::ApproxCountDistinct, Type::int64(), Type::int64(), "approx_count_distinct")});
  CHECK(is_append_only(h.specs[0]));
  CHECK(h.result().i == 0);
  h.feed(ints({1, 2, 2, std::nullopt, 3}));
  CHECK(h.result().i == 3);
  for (int round = 0; round < 3; ++round) {  // the same values in other batches: the same hashes
    std::vector<Int> xs;
    for (int64_t x = 0; x < 500; ++x) xs.push_back(x);
    h.feed(ints(xs));
  }
  CHECK(h.result().i == 500);
  const std::string err = error_text(h, ints({1}, -1));
  CHECK(err.find("approx_count_distinct") != std::string::npos);
  CHECK(err.find("count(DISTINCT x)") != std::string::npos);
  CHECK(h.result().i == 500);

  Harness t({spec(AggregateKind::ApproxCountDistinct, Type::text(), Type::int64(), "approx_count_distinct")});
  std::vector<Text> words;
  for (size_t i = 0; i < HyperLogLog::kSparseLimit; ++i) words.push_back("word" + std::to_string(i % 1000));
  t.feed(texts(words));
  CHECK(t.result().i == 1000);
}

TEST_CASE("HyperLogLog is within 3% from a thousand to 100k distinct values") {
  HyperLogLog hll;
  uint64_t n = 0;
  for (uint64_t target : {uint64_t{HyperLogLog::kSparseLimit}, uint64_t{2000}, uint64_t{10000}, uint64_t{30000},
                          uint64_t{100000}}) {
    for (; n < target; ++n) hll.add(hash_word(n));
    const double estimate = static_cast<double>(hll.estimate());
    INFO("distinct values: " << target << ", estimate " << estimate);
    if (target == HyperLogLog::kSparseLimit) {
      CHECK(hll.is_sparse());
      CHECK(estimate == static_cast<double>(target));
    } else {
      CHECK_FALSE(hll.is_sparse());
      CHECK(std::abs(estimate - static_cast<double>(target)) / static_cast<double>(target) < 0.03);
    }
  }
  // strings too, and repeats change nothing
  HyperLogLog words;
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 100000; ++i) {
      const std::string w = "user-" + std::to_string(i);
      words.add(hash_bytes(w.data(), w.size()));
    }
  CHECK(std::abs(static_cast<double>(words.estimate()) - 100000.0) / 100000.0 < 0.03);
}

TEST_CASE("approx_count_distinct merges sketches: sparse exactly, dense within 3%") {
  Harness h({spec(AggregateKind::ApproxCountDistinct, Type::int64(), Type::int64(), "approx_count_distinct")}, 2);
  std::vector<Int> a, b;
  for (int64_t x = 0; x < 100; ++x) a.push_back(x);
  for (int64_t x = 50; x < 150; ++x) b.push_back(x);
  h.feed(ints(a), 0);
  h.feed(ints(b), 1);
  h.acc.merge(0, 1);
  CHECK(h.result(0, 0).i == 150);
  CHECK(h.result(0, 1).i == 0);

  HyperLogLog x, y, sparse;
  for (uint64_t v = 0; v < 60000; ++v) x.add(hash_word(v));
  for (uint64_t v = 40000; v < 100000; ++v) y.add(hash_word(v));
  for (uint64_t v = 0; v < 10; ++v) sparse.add(hash_word(1000000 + v));
  x.merge(y);
  x.merge(sparse);
  CHECK(std::abs(static_cast<double>(x.estimate()) - 100010.0) / 100010.0 < 0.03);
  sparse.merge(x);  // a sparse sketch taking a dense one becomes dense
  CHECK_FALSE(sparse.is_sparse());
  CHECK(sparse.estimate() == x.estimate());
}

TEST_CASE("approx_count_distinct state survives encode/decode, sparse and dense") {
  for (int64_t count : {int64_t{7}, int64_t{5000}}) {
    Harness h({spec(AggregateKind::ApproxCountDistinct, Type::int64(), Type::int64(), "approx_count_distinct")});
    std::vector<Int> xs;
    for (int64_t x = 0; x < count; ++x) xs.push_back(x * 7919);
    h.feed(ints(xs));
    Harness r = h.restored();
    CHECK(r.result().i == h.result().i);
    r.feed(ints({-1}));
    if (count == 7) CHECK(r.result().i == 8);
    CHECK(h.acc.extra_bytes(0) > 0);
  }
  HyperLogLog junk;
  CHECK_FALSE(junk.decode(""));
  CHECK_FALSE(junk.decode("S"));
  CHECK_FALSE(junk.decode("D123"));
  CHECK_FALSE(junk.decode(std::string("S\x02\x00\x00\x00", 5) + std::string(8, 'a')));  // two hashes promised, one given
  std::string dense(1 + HyperLogLog::kRegisters, '\0');
  dense[0] = 'D';
  CHECK(junk.decode(dense));
  dense[5] = static_cast<char>(HyperLogLog::kMaxRank + 1);
  CHECK_FALSE(junk.decode(dense));
}

// ---- first_value / last_value -----------------------------------------------------------------

TEST_CASE("first_value and last_value follow arrival order, NULLs included") {
  Harness h({spec(AggregateKind::FirstValue, Type::text(), Type::text(), "first_value"),
             spec(AggregateKind::LastValue, Type::text(), Type::text(), "last_value")});
  CHECK(is_append_only(h.specs[0]));
  CHECK(h.result(0).is_null);
  h.feed(texts({"a", "b"}));
  h.feed(texts({"c"}));
  CHECK(h.text(0) == "a");
  CHECK(h.text(1) == "c");
  h.feed(texts({std::nullopt}));
  CHECK(h.result(1).is_null);  // the last row's value is NULL

  const std::string err = error_text(h, texts({"a"}, -1));
  CHECK(err.find("ORDER BY") != std::string::npos);
  CHECK(err.find("first_value(x ORDER BY ts)") != std::string::npos);
  CHECK(h.text(0) == "a");
}

TEST_CASE("first_value and last_value merge by arrival and keep counting after a restore") {
  Harness h({spec(AggregateKind::FirstValue, Type::int64(), Type::int64(), "first_value"),
             spec(AggregateKind::LastValue, Type::int64(), Type::int64(), "last_value")},
            2);
  h.feed(ints({1, 2}), 1);  // group 1 saw rows first
  h.feed(ints({3, 4}), 0);
  h.acc.merge(0, 1);
  CHECK(h.result(0).i == 1);
  CHECK(h.result(1).i == 4);

  Harness r = h.restored();
  CHECK(r.result(0).i == 1);
  r.feed(ints({9}));  // arrives after everything restored
  CHECK(r.result(0).i == 1);
  CHECK(r.result(1).i == 9);
}

TEST_CASE("first_value/last_value(x ORDER BY y) take the smallest/largest y, ties in arrival order") {
  for (bool retract : {false, true}) {
    INFO("retractable: " << retract);
    auto make = [&](AggregateKind k, const char* name, bool desc) {
      AggregateSpec s = ordered(spec(k, Type::text(), Type::text(), name), desc);
      s.retractable = retract;
      return s;
    };
    Harness h({make(AggregateKind::FirstValue, "first_value", false), make(AggregateKind::LastValue, "last_value", false),
               make(AggregateKind::FirstValue, "first_value", true), make(AggregateKind::LastValue, "last_value", true)});
    CHECK(is_append_only(h.specs[0]) == !retract);
    h.feed(text_by_int({{"a", 3, 1}, {"b", 1, 1}, {"c", 1, 1}}));
    h.feed(text_by_int({{"d", 5, 1}, {"e", 5, 1}}));
    CHECK(h.text(0) == "b");  // y = 1: b came before c
    CHECK(h.text(1) == "e");  // y = 5: e came after d
    CHECK(h.text(2) == "d");  // DESC: y = 5 first, d before e
    CHECK(h.text(3) == "c");
    // NULL y sorts last ascending (and first descending)
    h.feed(text_by_int({{"n", std::nullopt, 1}}));
    CHECK(h.text(1) == "n");
    CHECK(h.text(2) == "n");

    if (!retract) {
      CHECK(sqlstate_of_feed(h, text_by_int({{"b", 1, -1}})) == "0A000");
      continue;
    }
    h.feed(text_by_int({{"b", 1, -1}}));
    CHECK(h.text(0) == "c");
    h.feed(text_by_int({{"c", 1, -1}, {"n", std::nullopt, -1}}));
    CHECK(h.text(0) == "a");
    CHECK(h.text(1) == "e");
    h.feed(text_by_int({{"e", 5, -1}}));
    CHECK(h.text(1) == "d");
    h.feed(text_by_int({{"zz", 5, -1}}));  // not held: ignored
    CHECK(h.text(1) == "d");
    Harness r = h.restored();
    CHECK(r.text(0) == "a");
    CHECK(r.text(1) == "d");
    r.feed(text_by_int({{"f", 5, 1}}));  // a tie that arrives later
    CHECK(r.text(1) == "f");
    r.feed(text_by_int({{"a", 3, -1}, {"d", 5, -1}, {"f", 5, -1}}));
    CHECK(r.result(0).is_null);
    CHECK(r.result(1).is_null);
  }
}

TEST_CASE("ORDER BY keys inside aggregates order numbers, strings and NULLs as SQL does") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // (x TEXT, y DOUBLE PRECISION): ascending -inf, -2.5, -1, -0 = 0 (a tie), 3, NaN
  Batch f = Batch::with_types({Type::text(), Type::float64()});
  const std::vector<std::pair<std::string, double>> rows = {
      {"nan", nan}, {"m1", -1.0}, {"z", 0.0}, {"big", 3.0}, {"mz", -0.0}, {"m25", -2.5},
      {"minf", -std::numeric_limits<double>::infinity()}};
  for (const auto& [x, y] : rows) {
    f.columns[0].append_string(x);
    f.columns[1].append_float(y);
    f.weights.push_back(1);
  }
  AggregateSpec sa = ordered(spec(AggregateKind::StringAgg, Type::text(), Type::text(), "string_agg"), false, Type::float64());
  sa.separator = " ";
  AggregateSpec sd = ordered(spec(AggregateKind::StringAgg, Type::text(), Type::text(), "string_agg"), true, Type::float64());
  sd.separator = " ";
  Harness h({sa, sd});
  h.feed(f);
  CHECK(h.text(0) == "minf m25 m1 z mz big nan");
  CHECK(h.text(1) == "nan big z mz m1 m25 minf");  // ties stay in arrival order either way

  // (x TEXT, y TEXT): a string before its extensions ascending, after them descending; NULL
  // last ascending and first descending (PostgreSQL's defaults), or where NULLS says
  Batch t = Batch::with_types({Type::text(), Type::text()});
  for (const char* y : std::vector<const char*>{"ab", "a", "abc", "b", "", nullptr, "a\x01"}) {
    t.columns[0].append_string(y ? (std::string(y).empty() ? "empty" : std::string(y)) : "null");
    if (y) t.columns[1].append_string(y);
    else t.columns[1].append_null();
    t.weights.push_back(1);
  }
  AggregateSpec ta = ordered(spec(AggregateKind::StringAgg, Type::text(), Type::text(), "string_agg"), false, Type::text());
  ta.separator = " ";
  AggregateSpec td = ordered(spec(AggregateKind::StringAgg, Type::text(), Type::text(), "string_agg"), true, Type::text());
  td.separator = " ";
  AggregateSpec tn = td;
  tn.order_by[0].nulls_first = false;
  Harness g({ta, td, tn});
  g.feed(t);
  CHECK(g.text(0) == "empty a a\x01 ab abc b null");
  CHECK(g.text(1) == "null b abc ab a\x01 a empty");
  CHECK(g.text(2) == "b abc ab a\x01 a empty null");
}

TEST_CASE("first_value(x ORDER BY y) merges two groups and survives encode/decode") {
  for (bool retract : {false, true}) {
    INFO("retractable: " << retract);
    AggregateSpec first = ordered(spec(AggregateKind::FirstValue, Type::text(), Type::text(), "first_value"));
    AggregateSpec last = ordered(spec(AggregateKind::LastValue, Type::text(), Type::text(), "last_value"));
    first.retractable = last.retractable = retract;
    Harness h({first, last}, 2);
    h.feed(text_by_int({{"p", 2, 1}, {"q", 7, 1}}), 0);
    h.feed(text_by_int({{"r", 2, 1}, {"s", 7, 1}}), 1);  // ties with group 0, arrived later
    h.acc.merge(0, 1);
    CHECK(h.text(0) == "p");
    CHECK(h.text(1) == "s");
    Harness r = h.restored();
    CHECK(r.text(0) == "p");
    CHECK(r.text(1) == "s");
    r.feed(text_by_int({{"t", 0, 1}}));
    CHECK(r.text(0) == "t");
  }
}

// ---- string_agg / array_agg ORDER BY ----------------------------------------------------------

TEST_CASE("string_agg and array_agg with ORDER BY concatenate in that order and take retractions") {
  AggregateSpec sa = ordered(spec(AggregateKind::StringAgg, Type::text(), Type::text(), "string_agg"));
  sa.separator = ", ";
  AggregateSpec aa = ordered(spec(AggregateKind::ArrayAgg, Type::text(), Type::array_of(Type::text()), "array_agg"), true);
  Harness h({sa, aa}, 2);
  CHECK_FALSE(is_append_only(h.specs[0]));
  h.feed(text_by_int({{"x", 3, 1}, {"y", 1, 1}, {std::nullopt, 2, 1}, {"z", 2, 1}}));
  CHECK(h.text(0) == "y, z, x");  // NULL skipped
  CHECK(h.text(1) == "{x,NULL,z,y}");
  h.feed(text_by_int({{"z", 2, -1}}));
  CHECK(h.text(0) == "y, x");
  CHECK(h.text(1) == "{x,NULL,y}");

  h.feed(text_by_int({{"w", 0, 1}}), 1);
  h.acc.merge(0, 1);
  CHECK(h.text(0) == "w, y, x");
  Harness r = h.restored();
  CHECK(r.text(0) == "w, y, x");
  CHECK(r.text(1) == "{x,NULL,y,w}");
  r.feed(text_by_int({{"w", 0, -1}, {"x", 3, -1}, {"y", 1, -1}, {std::nullopt, 2, -1}}));
  CHECK(r.result(0).is_null);
  CHECK(r.result(1).is_null);

  Harness plain({spec(AggregateKind::StringAgg, Type::text(), Type::text(), "string_agg")});
  const std::string err = error_text(plain, texts({"a"}, -1));
  CHECK(err.find("ORDER BY") != std::string::npos);
}

// ---- decode of foreign data -------------------------------------------------------------------

TEST_CASE("decode refuses state that another plan or garbage wrote, without crashing") {
  std::vector<std::vector<AggregateSpec>> plans = {
      {distinct(AggregateKind::Count, Type::int64(), Type::int64(), "count")},
      {distinct(AggregateKind::Count, Type::text(), Type::int64(), "count")},
      {retractable(spec(AggregateKind::Min, Type::int64(), Type::int64(), "min"))},
      {retractable(spec(AggregateKind::Max, Type::text(), Type::text(), "max"))},
      {spec(AggregateKind::ApproxCountDistinct, Type::int64(), Type::int64(), "approx_count_distinct")},
      {spec(AggregateKind::FirstValue, Type::int64(), Type::int64(), "first_value")},
      {retractable(ordered(spec(AggregateKind::LastValue, Type::int64(), Type::int64(), "last_value")))},
      {ordered(spec(AggregateKind::StringAgg, Type::text(), Type::text(), "string_agg"))},
  };
  // a state of each plan, with values in it
  std::vector<Row> states;
  for (const auto& p : plans) {
    Harness h(p);
    Batch b = p[0].input_type == Type::text() ? text_by_int({{"a", 1, 1}, {"b", 2, 1}})
                                              : Batch(ints({1, 2}));
    if (!p[0].order_by.empty() && p[0].input_type == Type::int64()) {
      b = Batch::with_types({Type::int64(), Type::int64()});
      for (int64_t x : {1, 2}) {
        b.columns[0].append_int(x);
        b.columns[1].append_int(x);
        b.weights.push_back(1);
      }
    }
    h.feed(b);
    states.push_back(h.encode());
  }
  for (size_t i = 0; i < plans.size(); ++i) {
    for (size_t j = 0; j < plans.size(); ++j) {
      Accumulators acc(plans[i]);
      acc.resize(1);
      size_t pos = 0;
      const bool ok = acc.decode(0, states[j], pos) && pos == states[j].size();
      INFO("plan " << i << " decoding the state of plan " << j);
      if (i == j) CHECK(ok);
      else CHECK_FALSE(ok);
    }
    Accumulators acc(plans[i]);
    acc.resize(1);
    size_t pos = 0;
    CHECK_FALSE(acc.decode(0, Row{Value::text("junk")}, pos));
    pos = 0;
    CHECK_FALSE(acc.decode(0, Row{}, pos));
    // the right shape with a damaged last value
    Row damaged = states[i];
    damaged.back() = Value::text(damaged.back().s.substr(0, damaged.back().s.size() / 2) + "\xff");
    pos = 0;
    if (plans[i][0].kind != AggregateKind::FirstValue) CHECK_FALSE(acc.decode(0, damaged, pos));
  }

  // random bytes in every value: never a crash, and the result is readable when accepted
  std::mt19937_64 rng(7);
  for (size_t i = 0; i < plans.size(); ++i) {
    for (int trial = 0; trial < 300; ++trial) {
      Row r = states[i];
      Value& v = r[rng() % r.size()];
      if (v.type.physical() == PhysicalType::String && !v.s.empty()) {
        v.s[rng() % v.s.size()] = static_cast<char>(rng());
        if (rng() % 3 == 0) v.s.resize(rng() % v.s.size());
      } else if (v.type.physical() == PhysicalType::Int64) {
        v.i = static_cast<int64_t>(rng());
      }
      Harness h(plans[i]);
      size_t pos = 0;
      if (h.acc.decode(0, r, pos)) (void)h.result();
    }
  }
}
