#include <catch.hpp>

#include <map>

#include "common/value_text.h"
#include "connectors/redis/redis_connection.h"
#include "connectors/redis/redis_hash_table.h"
#include "redis_test_server.h"
#include "storage/key_encoding.h"

using namespace eddy;
using namespace eddy::connectors;
using eddy::testing::RedisTestServer;

namespace {

// The seed article's result table: clicks_by_asset (asset TEXT PRIMARY KEY, count BIGINT, note TEXT).
catalog::Relation counts_relation() {
  catalog::Relation r;
  r.name = "clicks_by_asset";
  r.kind = catalog::RelationKind::Table;
  r.connector = "redis";
  r.columns = {{"asset", Type::text(), false, true}, {"count", Type::int64()}, {"note", Type::text()}};
  return r;
}

std::map<std::string, std::string> hgetall(RedisConnection& c, const std::string& key) {
  RedisReply r = c.command({"HGETALL", key});
  std::map<std::string, std::string> out;
  for (size_t i = 0; i + 1 < r->elements; i += 2)
    out[std::string(reply_text(r->element[i]))] = std::string(reply_text(r->element[i + 1]));
  return out;
}

engine::SinkChange upsert(Row row) { return {false, std::move(row), {}}; }

}  // namespace

TEST_CASE("redis hash sink: upserts, NULL fields, TTL and erases as spark-redis hashes") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  auto rel = counts_relation();
  auto options = parse_redis_table_options({{"table", "click"}, {"key.column", "asset"}, {"ttl", "300"}});
  RedisHashSink sink(rel, server.endpoint(), options, redis_key_column(rel, options));
  CHECK(sink.describe() == "redis hashes click:<asset> at 127.0.0.1:" + std::to_string(server.port()));

  std::vector<engine::SinkChange> epoch1 = {
      upsert({Value::text("test"), Value::int64(1), Value::null(Type::text())}),
      upsert({Value::text("b"), Value::int64(2), Value::text("x y")}),
  };
  sink.write(1, epoch1);
  sink.write(1, epoch1);  // a retried epoch: the same result
  CHECK(hgetall(c, "click:test") == std::map<std::string, std::string>{{"asset", "test"}, {"count", "1"}});
  CHECK(hgetall(c, "click:b") ==
        std::map<std::string, std::string>{{"asset", "b"}, {"count", "2"}, {"note", "x y"}});
  const int64_t ttl = c.command({"TTL", "click:test"})->integer;
  CHECK(ttl > 290);
  CHECK(ttl <= 300);

  // an update that sets a column to NULL removes its field; absolute values, not increments
  sink.write(2, {upsert({Value::text("b"), Value::int64(5), Value::null(Type::text())})});
  CHECK(hgetall(c, "click:b") == std::map<std::string, std::string>{{"asset", "b"}, {"count", "5"}});

  // erase by the row, and by the encoded key alone
  sink.write(3, {{true, {Value::text("b"), Value::int64(5), Value::null(Type::text())}, {}},
                 {true, {}, storage::encode_key({Value::text("test")})}});
  CHECK(c.command({"EXISTS", "click:b"})->integer == 0);
  CHECK(c.command({"EXISTS", "click:test"})->integer == 0);

  // many changes go through in pipelines
  std::vector<engine::SinkChange> many;
  for (int i = 0; i < 2500; ++i)
    many.push_back(upsert({Value::text("k" + std::to_string(i)), Value::int64(i), Value::null(Type::text())}));
  sink.write(4, many);
  CHECK(c.command({"DBSIZE"})->integer == 2500);
  CHECK(hgetall(c, "click:k2499").at("count") == "2499");
}

TEST_CASE("redis hash sink: survives Redis going away by throwing, then writes again") {
  RedisTestServer server;
  auto rel = counts_relation();
  auto options = parse_redis_table_options({{"table", "click"}});
  RedisHashSink sink(rel, server.endpoint(), options, redis_key_column(rel, options));
  sink.write(1, {upsert({Value::text("a"), Value::int64(1), Value::null(Type::text())})});
  server.stop(true);
  CHECK_THROWS_AS(sink.write(2, {upsert({Value::text("a"), Value::int64(2), Value::null(Type::text())})}), RedisError);
  server.start();
  sink.write(2, {upsert({Value::text("a"), Value::int64(2), Value::null(Type::text())})});
  RedisConnection c(server.endpoint());
  CHECK(hgetall(c, "click:a").at("count") == "2");
}

TEST_CASE("redis table: INSERT rows and SCAN them back, every type round-trips") {
  RedisTestServer server;
  catalog::Relation rel;
  rel.name = "things";
  rel.kind = catalog::RelationKind::Table;
  rel.columns = {{"id", Type::int64(), false, true}, {"ok", Type::boolean()}, {"x", Type::float64()},
                 {"n", Type::numeric()},           {"s", Type::text()},     {"ts", Type::timestamp()},
                 {"d", Type::date()},              {"iv", Type::interval()}};
  auto options = parse_redis_table_options({{"table", "thing"}, {"ttl", "60"}});
  const int key = redis_key_column(rel, options);
  REQUIRE(key == 0);
  Batch rows = Batch::with_types({Type::int64(), Type::boolean(), Type::float64(), Type::numeric(), Type::text(),
                                  Type::timestamp(), Type::date(), Type::interval()});
  const int64_t ts = parse_timestamp("2026-11-20 10:00:00.25");
  rows.append_row({Value::int64(1), Value::boolean(true), Value::float64(0.1), Value::numeric(12.5), Value::text("a:b"),
                   Value::timestamp(ts), Value::make_int(Type::date(), parse_date("2026-11-20")),
                   Value::interval(parse_interval("1 day 02:00:00"))});
  rows.append_row({Value::int64(-2), Value::null(Type::boolean()), Value::null(Type::float64()),
                   Value::null(Type::numeric()), Value::null(Type::text()), Value::null(Type::timestamp()),
                   Value::null(Type::date()), Value::null(Type::interval())});
  CHECK(write_redis_rows(rel, server.endpoint(), options, key, rows) == 2);

  RedisConnection c(server.endpoint());
  CHECK(hgetall(c, "thing:1").at("ts") == "2026-11-20 10:00:00.25");
  CHECK(hgetall(c, "thing:1").at("ok") == "t");
  CHECK(hgetall(c, "thing:-2") == std::map<std::string, std::string>{{"id", "-2"}});
  CHECK(c.command({"TTL", "thing:1"})->integer > 0);

  // a hash without its key field (key from the name), a bad value, a non-hash, another table
  c.command({"HSET", "thing:7", "ok", "false", "x", "abc"});
  c.command({"SET", "thing:str", "x"});
  c.command({"HSET", "things:9", "id", "9"});
  RedisScanStats stats;
  Batch got = scan_redis_table(rel, server.endpoint(), options, &stats);
  CHECK(stats.hashes == 3);
  CHECK(stats.unparsable == 1);
  CHECK(stats.skipped == 1);
  REQUIRE(got.rows() == 3);
  std::map<int64_t, Row> by_id;
  for (size_t r = 0; r < got.rows(); ++r) by_id[got.row(r)[0].i] = got.row(r);
  REQUIRE(by_id.count(1));
  REQUIRE(by_id.count(-2));
  REQUIRE(by_id.count(7));
  for (size_t col = 0; col < rel.columns.size(); ++col) {
    INFO("column " << rel.columns[col].name);
    CHECK(values_equal(by_id[1][col], rows.row(0)[col]));
    CHECK(by_id[-2][col].is_null == (col != 0));
  }
  CHECK(by_id[7][1].i == 0);
  CHECK(by_id[7][2].is_null);  // "abc" is no double: NULL, counted
}

TEST_CASE("redis table: the seed article's layout, click:test = {asset: test, count: 1}") {
  RedisTestServer server;
  RedisConnection c(server.endpoint());
  // the article's ForeachWriter: HSET click:<asset> asset <asset> count <n>, EXPIRE 300
  c.command({"HSET", "click:test", "asset", "test"});
  c.command({"HSET", "click:test", "count", "1"});
  c.command({"EXPIRE", "click:test", "300"});
  // CREATE TABLE IF NOT EXISTS clicks(asset STRING, count INT) USING org.apache.spark.sql.redis OPTIONS (table 'click')
  catalog::Relation rel;
  rel.name = "clicks";
  rel.kind = catalog::RelationKind::Table;
  rel.columns = {{"asset", *type_from_name("STRING")}, {"count", *type_from_name("INT")}};
  auto options = parse_redis_table_options({{"table", "click"}});
  CHECK(redis_key_column(rel, options) == -1);
  Batch got = scan_redis_table(rel, server.endpoint(), options);
  REQUIRE(got.rows() == 1);
  CHECK(got.row(0)[0].s == "test");
  CHECK(got.row(0)[1].i == 1);

  // INSERT into a table with no key column: spark-redis's random 32-hex-digit names
  Batch rows = Batch::with_types({Type::text(), Type::int32()});
  rows.append_row({Value::text("other"), Value::int32(5)});
  write_redis_rows(rel, server.endpoint(), options, -1, rows);
  RedisReply keys = c.command({"KEYS", "click:*"});
  REQUIRE(keys->elements == 2);
  for (size_t i = 0; i < keys->elements; ++i) {
    std::string k(reply_text(keys->element[i]));
    if (k != "click:test") CHECK(k.size() == std::string("click:").size() + 32);
  }
  CHECK(scan_redis_table(rel, server.endpoint(), options).rows() == 2);

  // a NULL key is refused with PostgreSQL's error
  catalog::Relation keyed = rel;
  keyed.columns[0].primary_key = true;
  Batch null_key = Batch::with_types({Type::text(), Type::int32()});
  null_key.append_row({Value::null(Type::text()), Value::int32(1)});
  try {
    write_redis_rows(keyed, server.endpoint(), options, 0, null_key);
    FAIL("no error");
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == "23502");
  }
}
