#include <catch.hpp>

#include <algorithm>
#include <set>
#include <thread>

#include "common/value_text.h"
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

catalog::Relation clicks_relation() {
  return redis_stream_relation("clicks", {{"asset", Type::text()}, {"cost", Type::int64(), false}});
}

RedisStreamOptions stream_options(const std::string& keys, const std::string& offsets = "earliest",
                                  const std::string& group = "eddy", int64_t batch = 10000) {
  catalog::Options o{{"stream.keys", keys}, {"stream.offsets", offsets}, {"stream.group.name", group},
                     {"stream.read.batch.size", std::to_string(batch)}};
  return parse_redis_stream_options(o);
}

std::string xadd(RedisConnection& c, const std::string& key, std::vector<std::string_view> fields,
                 const std::string& id = "*") {
  std::vector<std::string_view> argv{"XADD", key, id};
  argv.insert(argv.end(), fields.begin(), fields.end());
  return std::string(c.command(argv).text());
}

int64_t xpending(RedisConnection& c, const std::string& key, const std::string& group = "eddy") {
  RedisReply r = c.command({"XPENDING", key, group});
  return r->element[0]->integer;
}

std::set<std::string> pending_ids(RedisConnection& c, const std::string& key, const std::string& group = "eddy") {
  RedisReply r = c.command({"XPENDING", key, group, "-", "+", "100000"});
  std::set<std::string> out;
  for (size_t i = 0; i < r->elements; ++i) out.insert(std::string(reply_text(r->element[i]->element[0])));
  return out;
}

// The _id column (the relation's second-to-last column) of `b`.
std::vector<std::string> ids_of(const Batch& b) {
  return b.columns.empty() ? std::vector<std::string>{} : b.columns[b.columns.size() - 2].strings();
}

}  // namespace

TEST_CASE("redis stream source: creates the group at earliest, latest or an entry ID") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(xadd(c, "s", {"asset", "a" + std::to_string(i), "cost", "1"}));

  RedisStreamSource earliest(clicks_relation(), server.endpoint(), stream_options("s", "earliest", "g1"), {});
  CHECK(ids_of(poll_rows(earliest, 3, 2s)) == ids);

  RedisStreamSource latest(clicks_relation(), server.endpoint(), stream_options("s", "latest", "g2"), {});
  Batch none;
  CHECK(latest.poll(none, 100ms) == engine::PollResult::Idle);
  std::string fresh = xadd(c, "s", {"asset", "new", "cost", "2"});
  CHECK(ids_of(poll_rows(latest, 1, 2s)) == std::vector<std::string>{fresh});
  latest.committed();

  RedisStreamSource from_id(clicks_relation(), server.endpoint(), stream_options("s", ids[1], "g3"), {});
  CHECK(ids_of(poll_rows(from_id, 2, 2s)) == std::vector<std::string>{ids[2], fresh});

  // an existing group keeps its position: stream.offsets only applies when it is created
  RedisStreamSource again(clicks_relation(), server.endpoint(), stream_options("s", "earliest", "g2"), {});
  CHECK(again.poll(none, 100ms) == engine::PollResult::Idle);
  CHECK(again.health().empty());

  // a key that does not exist yet is created (MKSTREAM)
  RedisStreamSource empty(clicks_relation(), server.endpoint(), stream_options("nothing"), {});
  CHECK(empty.poll(none, 50ms) == engine::PollResult::Idle);
  CHECK(c.command({"TYPE", "nothing"}).text() == "stream");
  CHECK(empty.describe() == "redis nothing at 127.0.0.1:" + std::to_string(server.port()) +
                                " (group eddy, consumer eddy-1)");
}

TEST_CASE("redis stream source: decodes every column type and the built-ins") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  auto rel = redis_stream_relation(
      "all", {{"b", Type::boolean()}, {"i2", Type::int16()}, {"i4", Type::int32()}, {"i8", Type::int64()},
              {"r", Type::float32()}, {"d", Type::float64()}, {"n", Type::numeric()}, {"t", Type::text()},
              {"v", Type::varchar(5)}, {"ts", Type::timestamp()}, {"tz", Type::timestamptz()}, {"dt", Type::date()},
              {"iv", Type::interval()}, {"j", Type::jsonb()}, {"missing", Type::text()}});
  xadd(c, "k",
       {"b", "true", "i2", "-7", "i4", "123456", "i8", "9000000000", "r", "1.5", "d", "0.1", "n", "12.25", "T", "héllo",
        "v", "abc", "ts", "2025-11-20T10:00:00Z", "tz", "1763632800000", "dt", "2025-11-20", "iv", "1 minute", "j",
        "{\"a\":1}", "extra", "ignored"},
       "1763632800000-7");
  std::vector<DeadLetter> dead;
  RedisStreamSource src(rel, server.endpoint(), stream_options("k"), [&](DeadLetter d) { dead.push_back(d); });
  Batch b = poll_rows(src, 1, 2s);
  REQUIRE(b.rows() == 1);
  CHECK(dead.empty());
  Row row = b.row(0);
  CHECK(row[0].i == 1);
  CHECK(row[1].i == -7);
  CHECK(row[2].i == 123456);
  CHECK(row[3].i == 9000000000LL);
  CHECK(row[4].f == 1.5);
  CHECK(row[5].f == 0.1);
  CHECK(row[6].f == 12.25);
  CHECK(row[7].s == "héllo");  // field "T" matched column t case-insensitively
  CHECK(row[8].s == "abc");
  const int64_t ts = 1763632800000LL * 1000;
  CHECK(row[9].i == ts);
  CHECK(row[10].i == ts);  // epoch milliseconds
  CHECK(row[11].i == ts / kMicrosPerDay);
  CHECK(row[12].iv.micros == 60 * kMicrosPerSecond);
  CHECK(row[13].s == "{\"a\":1}");
  CHECK(row[14].is_null);
  CHECK(row[15].i == ts);  // _time: the entry ID's milliseconds
  CHECK(row[16].s == "1763632800000-7");
  CHECK(row[17].s == "k");
  CHECK(src.offset() == 1);
  CHECK(src.positions() == std::map<std::string, std::string>{{"k", "1763632800000-7"}});

  // a field given twice counts once, the last; fields in another order still land right
  xadd(c, "k", {"i8", "1", "t", "x", "I8", "2"}, "1763632800001-0");
  xadd(c, "k", {"t", "y", "b", "off"}, "1763632800002-0");
  Batch more = poll_rows(src, 2, 2s);
  REQUIRE(more.rows() == 2);
  CHECK(more.row(0)[3].i == 2);
  CHECK(more.row(0)[7].s == "x");
  CHECK(more.row(0)[0].is_null);
  CHECK(more.row(1)[0].i == 0);
  CHECK(more.row(1)[7].s == "y");
  CHECK(more.row(1)[3].is_null);
  CHECK(dead.empty());
}

TEST_CASE("redis stream source: bad entries become dead letters while the good ones flow") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  xadd(c, "clicks", {"asset", "a", "cost", "29"});
  const std::string bad = xadd(c, "clicks", {"asset", "aksh1hf98qw7tt9q7", "cost", "abc"});
  xadd(c, "clicks", {"asset", "b", "cost", "3"});
  const std::string missing = xadd(c, "clicks", {"asset", "c"});
  xadd(c, "clicks", {"cost", "4"});  // asset is nullable: a row with NULL asset
  xadd(c, "clicks", {"asset", "d", "cost", "99999999999999999999"});

  std::vector<DeadLetter> dead;
  RedisStreamSource src(clicks_relation(), server.endpoint(), stream_options("clicks"),
                        [&](DeadLetter d) { dead.push_back(std::move(d)); });
  Batch b = poll_rows(src, 3, 2s);
  REQUIRE(b.rows() == 3);
  CHECK(b.columns[0].get(0).s == "a");
  CHECK(b.columns[1].ints() == std::vector<int64_t>{29, 3, 4});
  CHECK(b.columns[0].is_null(2));
  CHECK(src.offset() == 6);
  CHECK(src.dead_lettered() == 3);
  REQUIRE(dead.size() == 3);
  CHECK(dead[0].stream_key == "clicks");
  CHECK(dead[0].entry_id == bad);
  CHECK(dead[0].raw == R"({"asset":"aksh1hf98qw7tt9q7","cost":"abc"})");
  CHECK(dead[0].error == "22P02: invalid input syntax for type bigint: \"abc\" (column \"cost\")");
  CHECK(dead[0].time_micros > 0);
  CHECK(dead[1].entry_id == missing);
  CHECK(dead[1].raw == R"({"asset":"c"})");
  CHECK(dead[1].error.rfind("23502: null value in column \"cost\" of relation \"clicks\"", 0) == 0);
  CHECK(dead[2].error.rfind("22003: ", 0) == 0);
  // dead letters are consumed: acknowledged with the rest
  CHECK(xpending(c, "clicks") == 6);
  src.committed();
  CHECK(xpending(c, "clicks") == 0);
}

TEST_CASE("redis stream source: entries are acknowledged only by committed()") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  for (int i = 0; i < 25; ++i) xadd(c, "s", {"asset", "x", "cost", std::to_string(i)});
  RedisStreamSource src(clicks_relation(), server.endpoint(), stream_options("s", "earliest", "eddy", 10), {});
  auto all_pending = [&](const std::vector<std::string>& ids) {
    auto p = pending_ids(c, "s");
    return std::all_of(ids.begin(), ids.end(), [&](const std::string& id) { return p.count(id) > 0; });
  };
  auto none_pending = [&](const std::vector<std::string>& ids) {
    auto p = pending_ids(c, "s");
    return std::none_of(ids.begin(), ids.end(), [&](const std::string& id) { return p.count(id) > 0; });
  };
  Batch b;
  REQUIRE(src.poll(b, 1s) == engine::PollResult::Data);
  CHECK(b.rows() == 10);
  const auto first = ids_of(b);
  CHECK(all_pending(first));
  CHECK(src.unacknowledged() == 10);
  src.committed();
  CHECK(none_pending(first));
  REQUIRE(src.poll(b, 1s) == engine::PollResult::Data);
  auto rest = ids_of(b);
  REQUIRE(src.poll(b, 1s) == engine::PollResult::Data);
  CHECK(b.rows() == 5);
  for (const auto& id : ids_of(b)) rest.push_back(id);
  CHECK(all_pending(rest));  // polled, not committed: still pending
  CHECK(src.unacknowledged() == 15);
  src.committed();
  CHECK(xpending(c, "s") == 0);
  CHECK(src.unacknowledged() == 0);
  CHECK(src.offset() == 25);
}

TEST_CASE("redis stream source: resumes from positions without duplicates or loss") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  std::vector<std::string> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(xadd(c, "s", {"asset", "x", "cost", std::to_string(i)}));
  std::map<std::string, std::string> saved;
  {
    RedisStreamSource a(clicks_relation(), server.endpoint(), stream_options("s", "earliest", "eddy", 4), {});
    Batch b;
    REQUIRE(a.poll(b, 1s) == engine::PollResult::Data);  // 0..3, committed
    saved = a.positions();
    a.committed();
    REQUIRE(a.poll(b, 1s) == engine::PollResult::Data);  // 4..7: returned, never committed (a crash)
    CHECK(a.positions().at("s") == ids[7]);
  }
  CHECK(saved.at("s") == ids[3]);
  CHECK(pending_ids(c, "s") == std::set<std::string>(ids.begin() + 4, ids.end()));  // 4..7 and the read-ahead 8, 9
  ids.push_back(xadd(c, "s", {"asset", "x", "cost", "10"}));
  RedisStreamSource b(clicks_relation(), server.endpoint(), stream_options("s", "earliest", "eddy", 4), {}, saved, 4);
  Batch rows = poll_rows(b, 7, 3s);
  CHECK(ids_of(rows) == std::vector<std::string>(ids.begin() + 4, ids.end()));
  CHECK(b.offset() == 11);
  Batch more;
  CHECK(b.poll(more, 100ms) == engine::PollResult::Idle);
  b.committed();
  CHECK(xpending(c, "s") == 0);
}

TEST_CASE("redis stream source: pending entries at or below the resume position are acknowledged, not re-read") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(xadd(c, "s", {"asset", "x", "cost", std::to_string(i)}));
  std::map<std::string, std::string> saved;
  {
    RedisStreamSource a(clicks_relation(), server.endpoint(), stream_options("s", "earliest", "eddy", 4), {});
    Batch b;
    REQUIRE(a.poll(b, 1s) == engine::PollResult::Data);
    saved = a.positions();  // the epoch committed, but the process died before XACK
  }
  CHECK(xpending(c, "s") == 6);  // 0..3, and 4, 5 read ahead
  RedisStreamSource b(clicks_relation(), server.endpoint(), stream_options("s", "earliest", "eddy", 4), {}, saved);
  Batch rows = poll_rows(b, 2, 2s);
  CHECK(ids_of(rows) == std::vector<std::string>{ids[4], ids[5]});
  CHECK(xpending(c, "s") == 2);  // 0..3 acknowledged as already committed
  b.committed();
  CHECK(xpending(c, "s") == 0);
}

TEST_CASE("redis stream source: several keys, lag and interrupt") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  for (int i = 0; i < 30; ++i) xadd(c, "a", {"asset", "a", "cost", "1"});
  for (int i = 0; i < 20; ++i) xadd(c, "b", {"asset", "b", "cost", "2"});
  RedisStreamSource src(clicks_relation(), server.endpoint(), stream_options("a,b", "earliest", "eddy", 10), {});
  CHECK(src.lag() == -1);
  Batch b;
  REQUIRE(src.poll(b, 1s) == engine::PollResult::Data);
  CHECK(b.rows() == 20);  // COUNT applies per key
  CHECK(src.lag() == 50);  // measured as the first poll started
  std::this_thread::sleep_for(1100ms);
  REQUIRE(src.poll(b, 1s) == engine::PollResult::Data);
  CHECK(src.lag() == 30);
  auto pos = src.positions();
  CHECK(pos.size() == 2);

  Batch rest = poll_rows(src, 10, 2s);
  CHECK(rest.rows() == 10);
  std::thread waker([&] {
    std::this_thread::sleep_for(100ms);
    src.interrupt();
  });
  const auto start = std::chrono::steady_clock::now();
  CHECK(src.poll(b, 10s) == engine::PollResult::Idle);
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  waker.join();
}

TEST_CASE("redis stream source: a key that is not a stream fails the query") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  c.command({"SET", "s", "x"});
  RedisStreamSource src(clicks_relation(), server.endpoint(), stream_options("s"), {});
  Batch b;
  CHECK_THROWS_WITH(src.poll(b, 100ms), Catch::Contains("WRONGTYPE"));
}
