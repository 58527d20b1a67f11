#include <catch.hpp>

#include <map>

#include "common/error.h"
#include "common/value_text.h"
#include "engine/hash_aggregate.h"

using namespace eddy;
using namespace eddy::engine;

namespace {

AggregateSpec spec(AggregateKind kind, int input, Type in, Type out, const char* name) {
  AggregateSpec s;
  s.kind = kind;
  s.input = input;
  s.input_type = in;
  s.result_type = out;
  s.name = name;
  return s;
}

// (asset TEXT, cost BIGINT, ts TIMESTAMP) with weights
Batch clicks(const std::vector<std::tuple<std::string, int64_t, int64_t, int64_t>>& rows) {
  Batch b = Batch::with_types({Type::text(), Type::int64(), Type::timestamp()});
  for (const auto& [asset, cost, ts, w] : rows) {
    b.columns[0].append_string(asset);
    b.columns[1].append_int(cost);
    b.columns[2].append_int(ts);
    b.weights.push_back(w);
  }
  return b;
}

}  // namespace

TEST_CASE("hash aggregate counts and sums per key and emits only changed groups") {
  HashAggregate agg({0}, {Type::text()}, std::nullopt,
                    {spec(AggregateKind::CountStar, -1, Type::null(), Type::int64(), "count"),
                     spec(AggregateKind::Sum, 1, Type::int64(), Type::numeric(), "sum")});
  agg.consume(clicks({{"a", 29, 0, 1}, {"b", 3, 0, 1}, {"a", 1, 0, 1}}));
  AggregateChanges changes;
  agg.take_changes(changes, false);
  Batch& out = changes.rows;
  auto& alive = changes.alive;
  REQUIRE(out.rows() == 2);
  REQUIRE(out.columns.size() == 3);
  CHECK(out.columns[0].strings()[0] == "a");
  CHECK(out.columns[1].ints()[0] == 2);
  CHECK(out.columns[2].floats()[0] == 30.0);
  CHECK(out.columns[0].strings()[1] == "b");
  CHECK(alive == std::vector<uint8_t>{1, 1});

  agg.consume(clicks({{"b", 4, 0, 1}}));
  agg.take_changes(changes, false);
  REQUIRE(out.rows() == 1);
  CHECK(out.columns[0].strings()[0] == "b");
  CHECK(out.columns[1].ints()[0] == 2);
  CHECK(out.columns[2].floats()[0] == 7.0);

  // Retracting both b rows leaves the group dead, so a view deletes it.
  agg.consume(clicks({{"b", 3, 0, -1}, {"b", 4, 0, -1}}));
  agg.take_changes(changes, false);
  REQUIRE(out.rows() == 1);
  CHECK(alive[0] == 0);
  agg.take_changes(changes, false);
  CHECK(changes.rows.rows() == 0);
}

TEST_CASE("tumbling windows assign each row to floor(ts/size)*size") {
  const int64_t minute = 60 * kMicrosPerSecond;
  HashAggregate agg({0}, {Type::text()}, WindowSpec{WindowKind::Tumbling, 2, minute, 0},
                    {spec(AggregateKind::CountStar, -1, Type::null(), Type::int64(), "count")});
  agg.consume(clicks({{"a", 1, 0, 1}, {"a", 1, minute - 1, 1}, {"a", 1, minute, 1}, {"a", 1, -1, 1}}));
  Batch out = agg.all_groups();
  REQUIRE(out.rows() == 3);
  // layout: asset, window_start, window_end, count
  std::map<int64_t, int64_t> counts;
  for (size_t r = 0; r < out.rows(); ++r) {
    CHECK(out.columns[2].ints()[r] - out.columns[1].ints()[r] == minute);
    counts[out.columns[1].ints()[r]] = out.columns[3].ints()[r];
  }
  CHECK(counts[0] == 2);
  CHECK(counts[minute] == 1);
  CHECK(counts[-minute] == 1);  // before the epoch, the window still starts at a multiple
}

TEST_CASE("a global aggregate always has its one row, with NULL sums when empty") {
  HashAggregate agg({}, {}, std::nullopt,
                    {spec(AggregateKind::CountStar, -1, Type::null(), Type::int64(), "count"),
                     spec(AggregateKind::Sum, 1, Type::int64(), Type::numeric(), "sum"),
                     spec(AggregateKind::Max, 1, Type::int64(), Type::int64(), "max")});
  Batch out = agg.all_groups();
  REQUIRE(out.rows() == 1);
  CHECK(out.columns[0].ints()[0] == 0);
  CHECK(out.columns[1].is_null(0));
  CHECK(out.columns[2].is_null(0));
  agg.consume(clicks({{"a", 5, 0, 1}, {"b", 9, 0, 1}, {"c", 2, 0, 1}}));
  out = agg.all_groups();
  CHECK(out.columns[0].ints()[0] == 3);
  CHECK(out.columns[1].floats()[0] == 16.0);
  CHECK(out.columns[2].ints()[0] == 9);
}

TEST_CASE("count(x), avg, min and max skip NULLs") {
  Batch b = Batch::with_types({Type::text(), Type::int64()});
  b.columns[0].append_string("k");
  b.columns[1].append_int(4);
  b.columns[0].append_string("k");
  b.columns[1].append_null();
  b.columns[0].append_string("k");
  b.columns[1].append_int(1);
  b.weights = {1, 1, 1};
  HashAggregate agg({0}, {Type::text()}, std::nullopt,
                    {spec(AggregateKind::Count, 1, Type::int64(), Type::int64(), "count"),
                     spec(AggregateKind::Avg, 1, Type::int64(), Type::numeric(), "avg"),
                     spec(AggregateKind::Min, 1, Type::int64(), Type::int64(), "min"),
                     spec(AggregateKind::Max, 1, Type::int64(), Type::int64(), "max")});
  agg.consume(b);
  Batch out = agg.all_groups();
  REQUIRE(out.rows() == 1);
  CHECK(out.columns[1].ints()[0] == 2);
  CHECK(out.columns[2].floats()[0] == 2.5);
  CHECK(out.columns[3].ints()[0] == 1);
  CHECK(out.columns[4].ints()[0] == 4);
}

TEST_CASE("aggregate result types follow PostgreSQL") {
  CHECK(resolve_aggregate("sum", false, Type::int32(), 0)->result_type == Type::int64());
  CHECK(resolve_aggregate("sum", false, Type::int64(), 0)->result_type == Type::numeric());
  CHECK(resolve_aggregate("avg", false, Type::int32(), 0)->result_type == Type::numeric());
  CHECK(resolve_aggregate("avg", false, Type::float64(), 0)->result_type == Type::float64());
  CHECK(resolve_aggregate("max", false, Type::text(), 0)->result_type == Type::text());
  CHECK(resolve_aggregate("count", true, Type::null(), 0)->result_type == Type::int64());
  CHECK_FALSE(resolve_aggregate("lower", false, Type::text(), 0).has_value());
  CHECK_THROWS_AS(resolve_aggregate("sum", false, Type::text(), 0), SqlError);
}

namespace {

const int64_t kMinute = 60 * kMicrosPerSecond;

AggregateSpec count_star() { return spec(AggregateKind::CountStar, -1, Type::null(), Type::int64(), "count"); }

// (asset, window_start) -> count over all_groups()
std::map<std::pair<std::string, int64_t>, int64_t> windows(const HashAggregate& agg) {
  Batch out = agg.all_groups();
  std::map<std::pair<std::string, int64_t>, int64_t> m;
  for (size_t r = 0; r < out.rows(); ++r)
    m[{out.columns[0].strings()[r], out.columns[1].ints()[r]}] = out.columns[3].ints()[r];
  return m;
}

}  // namespace

TEST_CASE("sliding windows put a row into size/slide windows") {
  HashAggregate agg({0}, {Type::text()}, WindowSpec{WindowKind::Sliding, 2, 3 * kMinute, kMinute}, {count_star()});
  agg.consume(clicks({{"a", 1, 2 * kMinute + 5, 1}}));
  auto m = windows(agg);
  REQUIRE(m.size() == 3);
  CHECK(m.count({"a", 0}));
  CHECK(m.count({"a", kMinute}));
  CHECK(m.count({"a", 2 * kMinute}));
  Batch out = agg.all_groups();
  for (size_t r = 0; r < out.rows(); ++r) CHECK(out.columns[2].ints()[r] - out.columns[1].ints()[r] == 3 * kMinute);
}

TEST_CASE("session windows grow, and a late row bridging two sessions merges them") {
  HashAggregate agg({0}, {Type::text()}, WindowSpec{WindowKind::Session, 2, 10 * kMinute, 0}, {count_star()});
  agg.consume(clicks({{"a", 1, 0, 1}, {"a", 1, 5 * kMinute, 1}, {"a", 1, 30 * kMinute, 1}, {"b", 1, 0, 1}}));
  AggregateChanges ch;
  agg.take_changes(ch, true);
  CHECK(ch.rows.rows() == 3);  // a@0 (2 rows), a@30 (1 row), b@0
  auto m = windows(agg);
  CHECK(m[{"a", 0}] == 2);
  CHECK(m[{"a", 30 * kMinute}] == 1);
  // 20 minutes: within 10 minutes of neither (5 -> 20 is 15); 14 minutes bridges 5 and... no:
  // a row at 22 is 17 after 5 and 8 before 30: joins the later session only, moving its start.
  agg.consume(clicks({{"a", 1, 22 * kMinute, 1}}));
  agg.take_changes(ch, true);
  m = windows(agg);
  CHECK(m.count({"a", 30 * kMinute}) == 0);
  CHECK(m[{"a", 22 * kMinute}] == 2);
  // The row and state stored under the old start go.
  bool erased_old = false;
  for (size_t r = 0; r < ch.rows.rows(); ++r)
    if (!ch.alive[r] && ch.rows.columns[1].ints()[r] == 30 * kMinute) erased_old = true;
  CHECK(erased_old);
  CHECK(ch.erase_state.size() == 1);
  // A row at 13 is 8 after 5 and 9 before 22: it merges both sessions into one.
  agg.consume(clicks({{"a", 1, 13 * kMinute, 1}}));
  agg.take_changes(ch, true);
  m = windows(agg);
  CHECK(m[{"a", 0}] == 5);
  CHECK(m.count({"a", 22 * kMinute}) == 0);
  Batch all = agg.all_groups();
  for (size_t r = 0; r < all.rows(); ++r)
    if (all.columns[0].strings()[r] == "a") CHECK(all.columns[2].ints()[r] == 40 * kMinute);  // last 30 + gap
  size_t erased = 0;
  for (size_t r = 0; r < ch.rows.rows(); ++r) erased += ch.alive[r] ? 0 : 1;
  CHECK(erased == 1);  // the merged-away session's row
}

TEST_CASE("late rows are dropped and closed windows free their state") {
  HashAggregate agg({0}, {Type::text()}, WindowSpec{WindowKind::Tumbling, 2, kMinute, 0}, {count_star()});
  Batch b = clicks({{"a", 1, 10, 1}, {"a", 1, kMinute + 10, 1}, {"a", 1, 20, 1}, {"a", 1, 30, 1}});
  // Watermark before each row: nothing, then 10, then minute+10 (closes [0, 1min)), ...
  std::vector<int64_t> wm = {HashAggregate::kNoWatermark, 10, kMinute + 10, kMinute + 10};
  std::vector<uint32_t> late;
  agg.consume(b, wm.data(), &late);
  CHECK(late == std::vector<uint32_t>{2, 3});
  CHECK(agg.late_rows() == 2);
  AggregateChanges ch;
  agg.take_changes(ch, true);
  CHECK(ch.put_state.size() == 2);
  agg.close_windows(kMinute);
  agg.take_changes(ch, true);
  CHECK(ch.rows.rows() == 0);  // update mode: the row was written already and stays
  CHECK(ch.erase_state.size() == 1);
  CHECK(agg.group_count() == 1);
}

TEST_CASE("emit on window close writes each window once, final") {
  HashAggregate agg({0}, {Type::text()}, WindowSpec{WindowKind::Tumbling, 2, kMinute, 0}, {count_star()}, true);
  agg.consume(clicks({{"a", 1, 10, 1}, {"a", 1, 20, 1}, {"b", 1, kMinute + 1, 1}}));
  AggregateChanges ch;
  agg.take_changes(ch, true);
  CHECK(ch.rows.rows() == 0);
  CHECK(ch.put_state.size() == 2);
  agg.close_windows(kMinute);
  agg.take_changes(ch, true);
  REQUIRE(ch.rows.rows() == 1);
  CHECK(ch.rows.columns[0].strings()[0] == "a");
  CHECK(ch.rows.columns[3].ints()[0] == 2);
  CHECK(ch.alive[0] == 1);
  CHECK(ch.erase_state.size() == 1);
  agg.take_changes(ch, true);
  CHECK(ch.rows.rows() == 0);
}

TEST_CASE("aggregate state survives encode and restore, windows included") {
  HashAggregate a({0}, {Type::text()}, WindowSpec{WindowKind::Session, 2, kMinute, 0}, {count_star()});
  a.consume(clicks({{"x", 1, 0, 1}, {"x", 1, 30 * kMicrosPerSecond, 1}}));
  AggregateChanges ch;
  a.take_changes(ch, true);
  REQUIRE(ch.put_state.size() == 1);
  HashAggregate b({0}, {Type::text()}, WindowSpec{WindowKind::Session, 2, kMinute, 0}, {count_star()});
  REQUIRE(b.restore_group(ch.put_state[0].second));
  CHECK_FALSE(b.restore_group("garbage"));
  b.consume(clicks({{"x", 1, 80 * kMicrosPerSecond, 1}}));  // within a minute of 30 s: same session
  auto m = windows(b);
  REQUIRE(m.size() == 1);
  CHECK(m[{"x", 0}] == 3);
}
