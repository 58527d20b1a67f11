#include "tests/unit/engine/per_key_plan.h"
#include <catch.hpp>

#include <map>
#include <thread>

#include "engine/continuous_query.h"
#include "engine/stream_buffer.h"
#include "storage/snapshot.h"

using namespace eddy;
using namespace eddy::engine;

namespace {

using testing::per_key_plan;

Batch rows(std::initializer_list<std::pair<const char*, int64_t>> xs) {
  Batch b = Batch::with_types({Type::text(), Type::int64()});
  for (auto [k, v] : xs) b.append_row({Value::text(k), Value::int64(v)});
  return b;
}

std::map<std::string, std::pair<int64_t, double>> view(storage::Store& store, uint64_t relation) {
  std::map<std::string, std::pair<int64_t, double>> out;
  storage::Snapshot snap;
  REQUIRE(store.snapshot(snap).ok());
  REQUIRE(snap.scan(relation, [&](std::string_view, const Row& r) {
    out[r[0].s] = {r[1].i, r[2].f};
    return true;
  }).ok());
  return out;
}

}  // namespace

TEST_CASE("an epoch commits rows, state and position together, and a restarted query resumes from them") {
  storage::Store store;
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::text(), Type::int64()});
  buffer->append(rows({{"a", 1}, {"b", 2}, {"a", 3}}));
  {
    ContinuousQuery q(7, 100, std::make_unique<BufferSource>(buffer, "s"), per_key_plan(), store,
                      std::chrono::milliseconds(5));
    q.start();
    REQUIRE(q.commit_through(3, std::chrono::seconds(5)));
    q.stop();
  }
  auto before = view(store, 100);
  CHECK(before["a"] == std::make_pair<int64_t, double>(2, 4));
  CHECK(before["b"] == std::make_pair<int64_t, double>(1, 2));
  storage::Snapshot snap;
  REQUIRE(store.snapshot(snap).ok());
  std::optional<std::string> position;
  REQUIRE(snap.get_state(ContinuousQuery::state_prefix(7) + "pos", position).ok());
  REQUIRE(position == std::string("3"));

  // More rows arrive while "down"; the new runner resumes at 3 with the stored state.
  buffer->append(rows({{"a", 10}, {"c", 5}}));
  ContinuousQuery again(7, 100, std::make_unique<BufferSource>(buffer, "s", std::stoull(*position)), per_key_plan(),
                        store, std::chrono::milliseconds(5));
  std::string error;
  REQUIRE(again.restore(snap, error));
  snap.release();
  again.start();
  REQUIRE(again.commit_through(5, std::chrono::seconds(5)));
  again.stop();
  auto after = view(store, 100);
  CHECK(after["a"] == std::make_pair<int64_t, double>(3, 14));
  CHECK(after["b"] == std::make_pair<int64_t, double>(1, 2));
  CHECK(after["c"] == std::make_pair<int64_t, double>(1, 5));
}

TEST_CASE("state written by another plan is refused, never misread") {
  storage::Store store;
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::text(), Type::int64()});
  buffer->append(rows({{"a", 1}}));
  {
    ContinuousQuery q(9, 200, std::make_unique<BufferSource>(buffer, "s"), per_key_plan(), store,
                      std::chrono::milliseconds(5));
    q.start();
    REQUIRE(q.commit_through(1, std::chrono::seconds(5)));
    q.stop();
  }
  QueryPlan changed = per_key_plan();
  changed.aggregate->aggregates.pop_back();  // sum(v) is gone
  changed.outputs.pop_back();
  changed.output_names.pop_back();
  changed.visible_outputs = 2;
  ContinuousQuery other(9, 200, std::make_unique<BufferSource>(buffer, "s"), std::move(changed), store,
                        std::chrono::milliseconds(5));
  storage::Snapshot snap;
  REQUIRE(store.snapshot(snap).ok());
  std::string error;
  CHECK_FALSE(other.restore(snap, error));
  CHECK(error.find("different plan") != std::string::npos);
}
