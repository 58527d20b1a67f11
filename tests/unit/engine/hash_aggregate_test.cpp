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
  std::vector<std::string> keys;
  std::vector<uint8_t> alive;
  Batch out = agg.take_changes(keys, alive);
  REQUIRE(out.rows() == 2);
  REQUIRE(out.columns.size() == 3);
  CHECK(out.columns[0].strings()[0] == "a");
  CHECK(out.columns[1].ints()[0] == 2);
  CHECK(out.columns[2].floats()[0] == 30.0);
  CHECK(out.columns[0].strings()[1] == "b");
  CHECK(alive == std::vector<uint8_t>{1, 1});

  agg.consume(clicks({{"b", 4, 0, 1}}));
  out = agg.take_changes(keys, alive);
  REQUIRE(out.rows() == 1);
  CHECK(out.columns[0].strings()[0] == "b");
  CHECK(out.columns[1].ints()[0] == 2);
  CHECK(out.columns[2].floats()[0] == 7.0);

  // Retracting both b rows leaves the group dead, so a view deletes it.
  agg.consume(clicks({{"b", 3, 0, -1}, {"b", 4, 0, -1}}));
  out = agg.take_changes(keys, alive);
  REQUIRE(out.rows() == 1);
  CHECK(alive[0] == 0);
  CHECK(agg.take_changes(keys, alive).rows() == 0);
}

TEST_CASE("tumbling windows assign each row to floor(ts/size)*size") {
  const int64_t minute = 60 * kMicrosPerSecond;
  HashAggregate agg({0}, {Type::text()}, WindowSpec{2, minute},
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
