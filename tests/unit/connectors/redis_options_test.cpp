#include <catch.hpp>

#include "common/error.h"
#include "connectors/redis/redis_options.h"
#include "sql_error_of.h"

using namespace eddy;
using namespace eddy::connectors;

namespace {

using eddy::test::error_of;

}  // namespace

TEST_CASE("redis endpoint: defaults, url, single options and the server default") {
  RedisEndpoint d = parse_redis_endpoint({}, "");
  CHECK(d.host == "localhost");
  CHECK(d.port == 6379);
  CHECK(d.db == 0);
  CHECK(d.describe() == "localhost:6379");

  RedisEndpoint u = parse_redis_endpoint({{"url", "redis://bob:s%40cret@cache.local:6380/2"}}, "");
  CHECK(u.host == "cache.local");
  CHECK(u.port == 6380);
  CHECK(u.db == 2);
  CHECK(u.user == "bob");
  CHECK(u.password == "s@cret");

  RedisEndpoint p = parse_redis_endpoint({{"url", "redis://:pw@h"}}, "");
  CHECK(p.user.empty());
  CHECK(p.password == "pw");
  CHECK(p.port == 6379);

  RedisEndpoint v6 = parse_redis_url("redis://[::1]:7000");
  CHECK(v6.host == "::1");
  CHECK(v6.describe() == "[::1]:7000");

  // spark-redis spellings, lower-cased by the grammar or not
  RedisEndpoint s = parse_redis_endpoint({{"host", "r1"}, {"port", "7001"}, {"dbnum", "3"}, {"auth", "x"}}, "");
  CHECK(s.host == "r1");
  CHECK(s.port == 7001);
  CHECK(s.db == 3);
  CHECK(s.password == "x");
  CHECK(parse_redis_endpoint({{"dbNum", "4"}}, "").db == 4);
  CHECK(parse_redis_endpoint({{"db", "5"}}, "").db == 5);

  // the server default fills what the options do not say
  RedisEndpoint f = parse_redis_endpoint({{"port", "7002"}}, "redis://:pw@shared:6390/1");
  CHECK(f.host == "shared");
  CHECK(f.port == 7002);
  CHECK(f.db == 1);
  CHECK(f.password == "pw");
  // a url option replaces the default; single options still override it
  RedisEndpoint g = parse_redis_endpoint({{"url", "redis://other"}, {"dbnum", "2"}}, "redis://:pw@shared:6390/1");
  CHECK(g.host == "other");
  CHECK(g.port == 6379);
  CHECK(g.db == 2);
  CHECK(g.password.empty());
}

TEST_CASE("redis endpoint: bad values are 22023 naming the option") {
  auto port = error_of([] { parse_redis_endpoint({{"port", "70000"}}, ""); });
  CHECK(port.first == "22023");
  CHECK(port.second == "invalid value for redis option \"port\": \"70000\"");
  auto db = error_of([] { parse_redis_endpoint({{"dbNum", "x"}}, ""); });
  CHECK(db.first == "22023");
  CHECK(db.second.find("\"dbNum\"") != std::string::npos);
  auto url = error_of([] { parse_redis_endpoint({{"url", "http://x"}}, ""); });
  CHECK(url.first == "22023");
  CHECK(url.second.find("\"url\"") != std::string::npos);
  CHECK(error_of([] { parse_redis_endpoint({{"url", "redis://h:0"}}, ""); }).first == "22023");
  CHECK(error_of([] { parse_redis_endpoint({{"url", "redis://"}}, ""); }).first == "22023");
  CHECK(error_of([] { parse_redis_endpoint({{"host", " "}}, ""); }).first == "22023");
  auto server = error_of([] { parse_redis_endpoint({}, "localhost:6379"); });
  CHECK(server.second.find("--redis-url") != std::string::npos);
  CHECK(error_of([] { parse_redis_url("rediss://h"); }).first == "0A000");
}

TEST_CASE("redis stream options: spark-redis names, defaults and errors") {
  RedisStreamOptions d = parse_redis_stream_options({{"host", "h"}, {"stream.keys", "clicks"}});
  CHECK(d.keys == std::vector<std::string>{"clicks"});
  CHECK(d.offsets == "latest");
  CHECK(d.group == "eddy");
  CHECK(d.consumer == "eddy-1");
  CHECK(d.batch_size == 10000);
  CHECK(d.block_ms == 100);
  CHECK(d.group_start_id("clicks") == "$");

  RedisStreamOptions o = parse_redis_stream_options({{"stream.keys", " a, b ,a"},
                                                     {"stream.offsets", "earliest"},
                                                     {"stream.group.name", "g"},
                                                     {"stream.consumer.prefix", "c"},
                                                     {"stream.read.batch.size", "500"},
                                                     {"stream.read.block", "20"},
                                                     {"stream.parallelism", "4"}});
  CHECK(o.keys == std::vector<std::string>{"a", "b"});
  CHECK(o.group_start_id("a") == "0");
  CHECK(o.group == "g");
  CHECK(o.consumer == "c-1");
  CHECK(o.batch_size == 500);
  CHECK(o.block_ms == 20);

  CHECK(parse_redis_stream_options({{"stream.keys", "k"}, {"stream.offsets", "1548083485360-0"}}).group_start_id("k") ==
        "1548083485360-0");
  RedisStreamOptions j = parse_redis_stream_options(
      {{"stream.keys", "s,t"},
       {"stream.offsets", R"({"offsets":{"s":{"groupName":"redis-source","offset":"1548083485360-0"}}})"}});
  CHECK(j.group_start_id("s") == "1548083485360-0");
  CHECK(j.group_start_id("t") == "$");
  CHECK(j.group == "redis-source");

  auto missing = error_of([] { parse_redis_stream_options({{"host", "h"}}); });
  CHECK(missing.first == "22023");
  CHECK(missing.second == "missing option \"stream.keys\" for USING redis");
  auto unknown = error_of([] { parse_redis_stream_options({{"stream.keys", "k"}, {"stream.bogus", "1"}}); });
  CHECK(unknown.first == "22023");
  CHECK(unknown.second == "unknown option \"stream.bogus\" for USING redis");
  try {
    parse_redis_stream_options({{"stream.keys", "k"}, {"x", "1"}});
  } catch (const SqlError& e) {
    CHECK(e.hint().find("stream.group.name") != std::string::npos);
    CHECK(e.hint().find("host") != std::string::npos);
  }
  auto offsets = error_of([] { parse_redis_stream_options({{"stream.keys", "k"}, {"stream.offsets", "newest"}}); });
  CHECK(offsets.first == "22023");
  CHECK(offsets.second.find("\"stream.offsets\"") != std::string::npos);
  CHECK(error_of([] { parse_redis_stream_options({{"stream.keys", "k,,m"}}); }).second.find("stream.keys") !=
        std::string::npos);
  CHECK(error_of([] { parse_redis_stream_options({{"stream.keys", "k"}, {"stream.read.batch.size", "0"}}); })
            .second.find("stream.read.batch.size") != std::string::npos);
  CHECK(error_of([] { parse_redis_stream_options({{"stream.keys", "k"}, {"stream.read.block", "-1"}}); }).first ==
        "22023");
  CHECK(error_of([] { parse_redis_stream_options({{"stream.keys", "k"}, {"stream.offsets", "{\"offsets\":1}"}}); })
            .first == "22023");
}

TEST_CASE("redis table options: table, key.column, ttl, spark-redis extras") {
  RedisTableOptions t = parse_redis_table_options(
      {{"table", "click"}, {"key.column", "asset"}, {"ttl", "300"}, {"infer.schema", "true"},
       {"max.pipeline.size", "100"}, {"scan.count", "10"}, {"iterator.grouping.size", "5"}, {"port", "6379"},
       {"model", "hash"}});
  CHECK(t.table == "click");
  CHECK(t.key_column == "asset");
  REQUIRE(t.ttl);
  CHECK(*t.ttl == 300);
  CHECK_FALSE(parse_redis_table_options({{"table", "t"}, {"ttl", "0"}}).ttl);
  CHECK(parse_redis_table_options({{"table", "t"}}).key_column.empty());

  auto missing = error_of([] { parse_redis_table_options({{"key.column", "a"}}); });
  CHECK(missing.first == "22023");
  CHECK(missing.second == "missing option \"table\" for USING redis");
  auto ttl = error_of([] { parse_redis_table_options({{"table", "t"}, {"ttl", "5m"}}); });
  CHECK(ttl.first == "22023");
  CHECK(ttl.second.find("\"ttl\"") != std::string::npos);
  auto unknown = error_of([] { parse_redis_table_options({{"table", "t"}, {"stream.keys", "k"}}); });
  CHECK(unknown.second == "unknown option \"stream.keys\" for USING redis");
  CHECK(error_of([] { parse_redis_table_options({{"table", "t"}, {"model", "binary"}}); }).first == "0A000");

  catalog::Relation rel;
  rel.name = "clicks";
  rel.columns = {{"asset", Type::text(), false, true}, {"count", Type::int64()}};
  CHECK(redis_key_column(rel, parse_redis_table_options({{"table", "click"}})) == 0);
  CHECK(redis_key_column(rel, parse_redis_table_options({{"table", "click"}, {"key.column", "count"}})) == 1);
  CHECK(error_of([&] { redis_key_column(rel, parse_redis_table_options({{"table", "c"}, {"key.column", "x"}})); })
            .first == "42703");
}
