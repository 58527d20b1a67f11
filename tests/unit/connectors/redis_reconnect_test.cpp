#include <catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "connectors/redis/redis_connection.h"
#include "connectors/redis/redis_stream_source.h"
#include "redis_test_server.h"

using namespace eddy;
using namespace eddy::connectors;
using eddy::testing::RedisTestServer;
using namespace std::chrono_literals;

namespace {

catalog::Relation clicks_relation() {
  return eddy::testing::redis_stream_relation("clicks", {{"asset", Type::text()}, {"cost", Type::int64()}});
}

RedisStreamOptions stream_options(const std::string& key, int64_t batch = 10000) {
  return parse_redis_stream_options(
      {{"stream.keys", key}, {"stream.offsets", "earliest"}, {"stream.read.batch.size", std::to_string(batch)}});
}

}  // namespace

TEST_CASE("redis: an unreachable Redis is a clear error naming host and port") {
  RedisEndpoint nowhere;
  nowhere.host = "127.0.0.1";
  nowhere.port = eddy::testing::free_tcp_port();
  const std::string where = "127.0.0.1:" + std::to_string(nowhere.port);
  try {
    check_reachable(nowhere);
    FAIL("no error");
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == "08001");
    CHECK(e.message() == "could not connect to Redis at " + where + ": Connection refused");
  }

  // a source started while Redis is down reports it and keeps trying
  RedisStreamSource src(clicks_relation(), nowhere, stream_options("s"), {});
  Batch b;
  CHECK(src.poll(b, 250ms) == engine::PollResult::Idle);
  CHECK(src.health().rfind("retrying: Redis at " + where + " unreachable (Connection refused), next attempt in ", 0) ==
        0);
  CHECK(src.lag() == -1);
  src.committed();  // nothing to acknowledge, and must not throw while Redis is away
}

TEST_CASE("redis: error replies name the server and the command") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  c.command({"SET", "k", "v"});
  try {
    c.command({"HSET", "k", "f", "v"});
    FAIL("no error");
  } catch (const RedisError& e) {
    CHECK_FALSE(e.connection_lost());
    CHECK(std::string(e.what()).rfind("Redis at 127.0.0.1:" + std::to_string(server.port()) + " refused HSET: WRONGTYPE", 0) == 0);
  }
  RedisEndpoint wrong = server.endpoint();
  wrong.password = "nope";
  try {
    RedisConnection bad(wrong);
    FAIL("no error");
  } catch (const RedisError& e) {
    CHECK(e.sqlstate() == "28P01");
  }
  RedisEndpoint db3 = server.endpoint();
  db3.db = 3;
  RedisConnection in3(db3);
  in3.command({"SET", "only3", "x"});
  CHECK(c.command({"EXISTS", "only3"})->integer == 0);
}

TEST_CASE("redis stream source: Redis killed and restarted mid-read loses and duplicates nothing") {
  RedisTestServer server(/*appendonly=*/true);
  const int total = 1000;
  // The test's main thread writes (and kills and restarts Redis: the server follows the thread
  // that started it); another thread is the runner, polling the source the whole time.
  RedisStreamSource src(clicks_relation(), server.endpoint(), stream_options("s", 200), {});
  std::vector<int64_t> costs;
  std::set<std::string> healths;
  std::atomic<bool> stop_reading{false};
  std::thread reader([&] {
    int polls = 0;
    while (costs.size() < static_cast<size_t>(total) && !stop_reading) {
      Batch b;
      if (src.poll(b, 50ms) == engine::PollResult::Data) {
        costs.insert(costs.end(), b.columns[1].ints().begin(), b.columns[1].ints().end());
        if (++polls % 2 == 0) src.committed();  // leave every other batch unacknowledged across the restart
      }
      if (std::string h = src.health(); !h.empty()) healths.insert(h.substr(0, h.find("next attempt")));
    }
  });

  std::string writer_error;
  std::unique_ptr<RedisConnection> w;
  for (int n = 1; n <= total && writer_error.empty(); ++n) {
    if (n == total / 2) {  // kill -9 while the source is reading, come back half a second later
      server.stop(/*kill=*/true);
      std::this_thread::sleep_for(500ms);
      server.start();
      w.reset();
    }
    for (int attempt = 0;; ++attempt) {
      try {
        if (!w) w = std::make_unique<RedisConnection>(server.endpoint());
        const std::string id = std::to_string(n) + "-1";
        RedisReply r = w->try_command({"XADD", "s", id, "asset", "x", "cost", std::to_string(n)});
        if (r.is_error() && r.text().find("equal or smaller") == std::string_view::npos)
          writer_error = std::string(r.text());
        break;
      } catch (const RedisError& e) {  // applied or not: the explicit ID makes a retry exact
        w.reset();
        if (attempt > 500) {
          writer_error = e.what();
          break;
        }
        std::this_thread::sleep_for(10ms);
      }
    }
    if (n % 20 == 0) std::this_thread::sleep_for(2ms);
  }
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline && src.offset() < static_cast<uint64_t>(total))
    std::this_thread::sleep_for(10ms);
  stop_reading = true;
  reader.join();
  CHECK(writer_error.empty());
  REQUIRE(costs.size() == static_cast<size_t>(total));
  std::vector<int64_t> expected(total);
  for (int i = 0; i < total; ++i) expected[i] = i + 1;
  CHECK(costs == expected);  // every entry once, in order
  CHECK(src.offset() == static_cast<uint64_t>(total));
  const std::string prefix = "retrying: Redis at 127.0.0.1:" + std::to_string(server.port()) + " ";
  REQUIRE_FALSE(healths.empty());
  for (const auto& h : healths) CHECK(h.rfind(prefix, 0) == 0);
  CHECK(src.health().empty());
  src.committed();
  RedisConnection c(server.endpoint());
  CHECK(c.command({"XPENDING", "s", "eddy"})->element[0]->integer == 0);
  Batch none;
  CHECK(src.poll(none, 100ms) == engine::PollResult::Idle);
}

TEST_CASE("redis stream source: a group lost with an empty restart is recreated at the last position") {
  RedisTestServer server;  // no persistence: a restart forgets everything
  std::vector<std::string> before;
  {
    RedisConnection c(server.endpoint());
    for (int i = 0; i < 5; ++i) before.push_back(std::string(c.command({"XADD", "s", "*", "asset", "a", "cost", "1"}).text()));
  }
  RedisStreamSource src(clicks_relation(), server.endpoint(), stream_options("s"), {});
  REQUIRE(eddy::testing::poll_rows(src, 5, 2s).rows() == 5);
  src.committed();
  server.stop();
  server.start();
  std::vector<std::string> after;
  {
    RedisConnection c(server.endpoint());
    for (int i = 0; i < 3; ++i) after.push_back(std::string(c.command({"XADD", "s", "*", "asset", "b", "cost", "2"}).text()));
  }
  Batch rows = eddy::testing::poll_rows(src, 3, 5s);
  CHECK(rows.rows() == 3);
  CHECK(rows.columns[rows.columns.size() - 2].strings() == after);
  CHECK(src.health().empty());
  CHECK(src.positions().at("s") == after.back());

  // the group vanishes while connected (the key was deleted): NOGROUP, recreated, reading goes on
  std::string later;
  {
    RedisConnection c(server.endpoint());
    c.command({"DEL", "s"});
    later = std::string(c.command({"XADD", "s", "*", "asset", "c", "cost", "3"}).text());
  }
  Batch more = eddy::testing::poll_rows(src, 1, 5s);
  REQUIRE(more.rows() == 1);
  CHECK(more.columns[more.columns.size() - 2].strings()[0] == later);
}
