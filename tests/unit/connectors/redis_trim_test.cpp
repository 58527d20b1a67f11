// Resuming a Redis stream source after the stream was trimmed (or entries deleted) past the
// committed position: the loss is counted exactly and reported, never skipped silently.

#include <catch.hpp>

#include <nlohmann/json.hpp>

#include <thread>

#include "connectors/redis/redis_connection.h"
#include "connectors/redis/redis_stream_source.h"
#include "redis_test_server.h"

using namespace eddy;
using namespace eddy::connectors;
using eddy::testing::poll_rows;
using eddy::testing::redis_stream_relation;
using eddy::testing::RedisTestServer;
using namespace std::chrono_literals;

namespace {

catalog::Relation trim_relation() {
  return redis_stream_relation("clicks", {{"asset", Type::text()}, {"cost", Type::int64(), false}});
}

RedisStreamOptions trim_options(int64_t batch = 10000) {
  catalog::Options o{{"stream.keys", "s"}, {"stream.offsets", "earliest"}, {"stream.group.name", "eddy"},
                     {"stream.read.batch.size", std::to_string(batch)}};
  return parse_redis_stream_options(o);
}

// Adds entries <from>-0 .. <to>-0 to key s.
void add_range(RedisConnection& c, int from, int to) {
  for (int i = from; i <= to; ++i) c.command({"XADD", "s", std::to_string(i) + "-0", "asset", "a", "cost", "1"});
}

std::vector<std::string> ids_of(const Batch& b) {
  return b.columns.empty() ? std::vector<std::string>{} : b.columns[b.columns.size() - 2].strings();
}

std::vector<std::string> id_range(int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i <= to; ++i) out.push_back(std::to_string(i) + "-0");
  return out;
}

// A source resumed from `position` (as position() returned it).
std::unique_ptr<RedisStreamSource> resume(const RedisTestServer& server, const std::string& position,
                                          int64_t batch = 10000) {
  std::map<std::string, std::string> positions;
  std::map<std::string, uint64_t> counters;
  uint64_t consumed = 0;
  REQUIRE(RedisStreamSource::parse_position(position, positions, consumed, counters));
  return std::make_unique<RedisStreamSource>(trim_relation(), server.endpoint(), trim_options(batch),
                                             DeadLetterFn{}, positions, consumed, counters);
}

// Lets the source look at Redis again (the lag refresh, once a second), reading nothing new.
void idle_refresh(RedisStreamSource& src) {
  std::this_thread::sleep_for(1100ms);
  Batch none;
  CHECK(src.poll(none, 50ms) == engine::PollResult::Idle);
}

uint64_t stored_counter(const std::string& position) {
  auto j = nlohmann::json::parse(position);
  return j.at("counters").at("s").get<uint64_t>();
}

}  // namespace

TEST_CASE("redis trim: entries trimmed past the committed position are counted exactly") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  add_range(c, 1, 5);
  std::string position;
  {
    RedisStreamSource a(trim_relation(), server.endpoint(), trim_options(3), {});
    CHECK(ids_of(poll_rows(a, 5, 3s)) == id_range(1, 5));
    a.committed();
    idle_refresh(a);  // caught up: the counter at 5-0 is entries-added, 5
    add_range(c, 6, 10);
    // one full batch of 3: 6..8 are consumed, 9..10 are read ahead (delivered, never processed)
    CHECK(ids_of(poll_rows(a, 3, 3s)) == id_range(6, 8));
    position = a.position();
    a.committed();
    CHECK(a.notice().empty());
  }
  CHECK(stored_counter(position) == 8);
  add_range(c, 11, 15);
  c.command({"XTRIM", "s", "MAXLEN", "3"});  // keeps 13..15: 9..12 were never processed

  auto b = resume(server, position);
  CHECK(ids_of(poll_rows(*b, 3, 3s)) == id_range(13, 15));
  CHECK(b->notice() == "lost 4 entries of stream key s: trimmed past the committed position 8-0 while Eddy was down");
  CHECK(b->lost_entries() == 4);
  Batch none;
  CHECK(b->poll(none, 200ms) == engine::PollResult::Idle);  // nothing else arrives
  CHECK(b->offset() == 8 + 2 + 3);  // the trimmed read-ahead 9, 10 are consumed (as deleted entries) too
  // the counter goes on exactly: 15 entries ever added, all at or below 15-0
  const std::string again = b->position();
  b->committed();
  CHECK(stored_counter(again) == 15);

  // a second restart after another trim is exact too
  b.reset();
  add_range(c, 16, 20);
  c.command({"XTRIM", "s", "MAXLEN", "2"});  // keeps 19, 20
  auto d = resume(server, again);
  CHECK(ids_of(poll_rows(*d, 2, 3s)) == id_range(19, 20));
  CHECK(d->notice() == "lost 3 entries of stream key s: trimmed past the committed position 15-0 while Eddy was down");
}

TEST_CASE("redis trim: trimming only processed entries loses nothing") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  add_range(c, 1, 10);
  std::string position;
  {
    RedisStreamSource a(trim_relation(), server.endpoint(), trim_options(), {});
    CHECK(ids_of(poll_rows(a, 10, 3s)) == id_range(1, 10));
    a.committed();
    idle_refresh(a);
    position = a.position();
    a.committed();
  }
  CHECK(stored_counter(position) == 10);
  add_range(c, 11, 15);

  SECTION("the oldest remaining entry is above the position") {
    c.command({"XTRIM", "s", "MAXLEN", "5"});  // keeps 11..15
    auto b = resume(server, position);
    CHECK(ids_of(poll_rows(*b, 5, 3s)) == id_range(11, 15));
    CHECK(b->notice().empty());
    CHECK(b->lost_entries() == 0);
  }
  SECTION("processed entries remain") {
    c.command({"XTRIM", "s", "MAXLEN", "8"});  // keeps 8..15
    auto b = resume(server, position);
    CHECK(ids_of(poll_rows(*b, 5, 3s)) == id_range(11, 15));
    CHECK(b->notice().empty());
  }
  SECTION("an unprocessed entry deleted with XDEL is counted too") {
    c.command({"XDEL", "s", "12-0"});
    c.command({"XDEL", "s", "3-0"});  // processed already: no loss
    auto b = resume(server, position);
    CHECK(ids_of(poll_rows(*b, 4, 3s)) == std::vector<std::string>{"11-0", "13-0", "14-0", "15-0"});
    CHECK(b->notice() == "lost 1 entry of stream key s: deleted after the committed position 10-0 while Eddy was down");
  }
}

TEST_CASE("redis trim: a position stored without counters") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  add_range(c, 1, 10);
  // as an earlier Eddy stored it after processing 1..6 (the group is created at the position)
  const std::string old = R"({"consumed":6,"positions":{"s":"6-0"}})";
  std::map<std::string, std::string> positions;
  uint64_t consumed = 0;
  REQUIRE(RedisStreamSource::parse_position(old, positions, consumed));  // the old overload still reads it
  CHECK(positions.at("s") == "6-0");
  CHECK(consumed == 6);

  SECTION("nothing trimmed: no report") {
    c.command({"XTRIM", "s", "MAXLEN", "6"});  // keeps 5..10
    auto b = resume(server, old);
    CHECK(ids_of(poll_rows(*b, 4, 3s)) == id_range(7, 10));
    CHECK(b->notice().empty());
    CHECK(b->lost_entries() == 0);
  }
  SECTION("trimmed to the entry right after the position: no report, and counting starts") {
    c.command({"XTRIM", "s", "MAXLEN", "4"});  // keeps 7..10
    auto b = resume(server, old);
    CHECK(ids_of(poll_rows(*b, 4, 3s)) == id_range(7, 10));
    CHECK(b->notice().empty());
    CHECK(stored_counter(b->position()) == 10);
  }
  SECTION("a certain loss of unknown size is reported as such") {
    c.command({"XDEL", "s", "8-0"});
    c.command({"XTRIM", "s", "MAXLEN", "1"});  // keeps 10
    auto b = resume(server, old);
    CHECK(ids_of(poll_rows(*b, 1, 3s)) == id_range(10, 10));
    CHECK(b->notice() ==
          "lost an unknown number of entries of stream key s: trimmed past the committed position 6-0 while Eddy was down");
    CHECK(b->lost_entries() == -1);
  }
}
