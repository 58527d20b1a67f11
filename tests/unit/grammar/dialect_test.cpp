// Every statement of /work/shared/DIALECT.md, as written there (a `(...)` placeholder becomes
// a real column list), parses to the AST the planner expects.

#include "parse_helpers.h"

using namespace eddy;
using eddy::test::parse_as;
using eddy::test::parse_select;
using eddy::test::render;

namespace {

std::string opt(const std::vector<ast::Option>& options, const std::string& key) {
  for (const auto& o : options) {
    if (o.key == key) return o.value;
  }
  return "<missing>";
}

}  // namespace

TEST_CASE("DIALECT: CREATE STREAM from Redis with a watermark", "[grammar][dialect]") {
  auto s = parse_as<ast::CreateStream>(R"(CREATE STREAM IF NOT EXISTS clicks (
    asset TEXT,
    cost  BIGINT,
    ts    TIMESTAMP,                                  -- optional event-time column
    WATERMARK FOR ts AS ts - INTERVAL '10 seconds'    -- optional: lateness bound
) USING redis OPTIONS (
    host 'localhost', port '6379',                    -- or url 'redis://[:pass@]host:port/db'
    stream.keys 'clicks',                             -- comma-separated for several keys
    stream.offsets 'earliest'                          -- 'latest' (default), 'earliest', or an entry ID
))");
  CHECK(s.if_not_exists);
  CHECK(s.name == "clicks");
  REQUIRE(s.columns.size() == 3);
  CHECK(s.columns[0].name == "asset");
  CHECK(s.columns[0].type.name == "text");
  CHECK(s.columns[1].name == "cost");
  CHECK(s.columns[1].type.name == "bigint");
  CHECK(s.columns[2].name == "ts");
  CHECK(s.columns[2].type.name == "timestamp");
  REQUIRE(s.watermark.has_value());
  CHECK(s.watermark->column == "ts");
  CHECK(render(*s.watermark->expr) == "(- ts interval'10 seconds')");
  CHECK(s.using_ == "redis");
  REQUIRE(s.options.size() == 4);
  CHECK(s.options[0].key == "host");
  CHECK(s.options[0].value == "localhost");
  CHECK(s.options[1].key == "port");
  CHECK(s.options[1].value == "6379");
  CHECK(s.options[2].key == "stream.keys");
  CHECK(s.options[2].value == "clicks");
  CHECK(s.options[3].key == "stream.offsets");
  CHECK(s.options[3].value == "earliest");
}

TEST_CASE("DIALECT: CREATE STREAM without IF NOT EXISTS", "[grammar][dialect]") {
  auto s = parse_as<ast::CreateStream>(
      "CREATE STREAM clicks (asset TEXT, cost BIGINT, ts TIMESTAMP) USING redis OPTIONS "
      "(url 'redis://:pass@localhost:6379/0', stream.keys 'a,b')");
  CHECK_FALSE(s.if_not_exists);
  CHECK_FALSE(s.watermark.has_value());
  CHECK(opt(s.options, "url") == "redis://:pass@localhost:6379/0");
  CHECK(opt(s.options, "stream.keys") == "a,b");
}

TEST_CASE("DIALECT: CREATE STREAM from the generator, socket and files", "[grammar][dialect]") {
  auto bids = parse_as<ast::CreateStream>(
      "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP) "
      "USING generator OPTIONS (kind 'nexmark_bid', rate '100000', seed '1')");
  CHECK(bids.using_ == "generator");
  CHECK(bids.columns.size() == 4);
  CHECK(opt(bids.options, "kind") == "nexmark_bid");
  CHECK(opt(bids.options, "rate") == "100000");
  CHECK(opt(bids.options, "seed") == "1");

  auto points = parse_as<ast::CreateStream>(
      "CREATE STREAM points (line TEXT) USING socket OPTIONS (host 'localhost', port '9999')");
  CHECK(points.name == "points");
  REQUIRE(points.columns.size() == 1);
  CHECK(points.columns[0].name == "line");
  CHECK(points.using_ == "socket");
  CHECK(opt(points.options, "port") == "9999");

  auto logs = parse_as<ast::CreateStream>(
      "CREATE STREAM logs (level TEXT, message TEXT) USING file "
      "OPTIONS (path '/var/spool/in', format 'json')");
  CHECK(logs.using_ == "file");
  CHECK(opt(logs.options, "path") == "/var/spool/in");
  CHECK(opt(logs.options, "format") == "json");
}

TEST_CASE("DIALECT: CREATE STREAM fed over the wire", "[grammar][dialect]") {
  auto s = parse_as<ast::CreateStream>("CREATE STREAM events (asset TEXT, cost BIGINT, ts TIMESTAMP)");
  CHECK(s.name == "events");
  CHECK(s.columns.size() == 3);
  CHECK(s.using_.empty());
  CHECK(s.options.empty());
}

TEST_CASE("DIALECT: CREATE TABLE kept in Eddy", "[grammar][dialect]") {
  auto t = parse_as<ast::CreateTable>(
      "CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT, segment TEXT)");
  CHECK(t.name == "users");
  REQUIRE(t.columns.size() == 3);
  CHECK(t.columns[0].primary_key);
  CHECK_FALSE(t.columns[1].primary_key);
  CHECK(t.columns[1].name == "name");
  CHECK(t.columns[2].name == "segment");
  CHECK(t.using_.empty());
  CHECK_FALSE(t.as_select);
}

TEST_CASE("DIALECT: CREATE TABLE in Redis hashes and PostgreSQL", "[grammar][dialect]") {
  auto redis = parse_as<ast::CreateTable>(
      "CREATE TABLE clicks_by_asset (asset TEXT PRIMARY KEY, count BIGINT)\n"
      "    USING redis OPTIONS (table 'click', key.column 'asset', ttl '300')");
  REQUIRE(redis.columns.size() == 2);
  CHECK(redis.columns[0].primary_key);
  CHECK(redis.columns[1].name == "count");
  CHECK(redis.using_ == "redis");
  REQUIRE(redis.options.size() == 3);
  CHECK(redis.options[0].key == "table");
  CHECK(redis.options[0].value == "click");
  CHECK(redis.options[1].key == "key.column");
  CHECK(redis.options[1].value == "asset");
  CHECK(redis.options[2].key == "ttl");
  CHECK(redis.options[2].value == "300");

  auto pg = parse_as<ast::CreateTable>(
      "CREATE TABLE totals (asset TEXT PRIMARY KEY, total BIGINT)\n"
      "    USING postgres OPTIONS (dsn 'postgresql://...', table 'totals')");
  CHECK(pg.using_ == "postgres");
  CHECK(opt(pg.options, "dsn") == "postgresql://...");
  CHECK(opt(pg.options, "table") == "totals");
}

TEST_CASE("DIALECT: CREATE TABLE ... USING redis AS SELECT", "[grammar][dialect]") {
  auto t = parse_as<ast::CreateTable>(
      "CREATE TABLE clicks_by_asset USING redis OPTIONS (table 'click', key.column 'asset')\n"
      "    AS SELECT asset, count(*) AS count FROM clicks GROUP BY asset");
  CHECK(t.columns.empty());
  CHECK(t.using_ == "redis");
  CHECK(opt(t.options, "key.column") == "asset");
  REQUIRE(t.as_select);
  REQUIRE(t.as_select->items.size() == 2);
  CHECK(render(*t.as_select->items[1].expr) == "count(*)");
  CHECK(t.as_select->items[1].alias == "count");
  REQUIRE(t.as_select->group_by.size() == 1);
  CHECK(render(*t.as_select->group_by[0]) == "asset");
}

TEST_CASE("DIALECT: CREATE MATERIALIZED VIEW with windows", "[grammar][dialect]") {
  auto v = parse_as<ast::CreateView>(R"(CREATE MATERIALIZED VIEW clicks_per_minute AS
    SELECT asset, window_start, window_end, count(*) AS clicks, sum(cost) AS spend
    FROM clicks
    GROUP BY asset, WINDOW(ts, '1 minute');                  -- tumbling)");
  CHECK(v.materialized);
  CHECK(v.name == "clicks_per_minute");
  REQUIRE(v.query);
  REQUIRE(v.query->items.size() == 5);
  CHECK(render(*v.query->items[1].expr) == "window_start");
  CHECK(v.query->items[3].alias == "clicks");
  CHECK(render(*v.query->items[4].expr) == "sum(cost)");
  CHECK(v.query->items[4].alias == "spend");
  REQUIRE(v.query->from.size() == 1);
  CHECK(v.query->from[0]->name == std::vector<std::string>{"clicks"});
  REQUIRE(v.query->group_by.size() == 2);
  CHECK(render(*v.query->group_by[1]) == "window(ts '1 minute')");
  CHECK_FALSE(v.query->emit_on_window_close);

  auto sliding = parse_select(
      "SELECT asset, count(*) FROM clicks GROUP BY asset, WINDOW(ts, '1 hour', '5 minutes')");
  CHECK(render(*sliding.group_by[1]) == "window(ts '1 hour' '5 minutes')");

  auto session = parse_select(
      "SELECT user_id, count(*) FROM clicks GROUP BY user_id, SESSION_WINDOW(ts, '10 minutes')");
  CHECK(render(*session.group_by[1]) == "session_window(ts '10 minutes')");

  auto closed = parse_as<ast::CreateView>(
      "CREATE MATERIALIZED VIEW v AS SELECT asset, count(*) FROM clicks "
      "GROUP BY asset, WINDOW(ts, '1 minute') EMIT ON WINDOW CLOSE");
  CHECK(closed.query->emit_on_window_close);
}

TEST_CASE("DIALECT: INSERT INTO table SELECT (a continuous job)", "[grammar][dialect]") {
  auto i = parse_as<ast::Insert>(
      "INSERT INTO clicks_by_asset SELECT asset, count(*) FROM clicks GROUP BY asset");
  CHECK(i.table == "clicks_by_asset");
  CHECK(i.columns.empty());
  CHECK(i.values.empty());
  REQUIRE(i.select);
  CHECK(i.select->items.size() == 2);
}

TEST_CASE("DIALECT: reading", "[grammar][dialect]") {
  auto s = parse_select("SELECT asset, count FROM clicks_by_asset ORDER BY count DESC LIMIT 10");
  REQUIRE(s.items.size() == 2);
  CHECK(render(*s.items[1].expr) == "count");
  REQUIRE(s.order_by.size() == 1);
  CHECK(render(*s.order_by[0].expr) == "count");
  CHECK(s.order_by[0].descending);
  REQUIRE(s.limit);
  CHECK(render(*s.limit) == "10");

  auto sub = parse_as<ast::Subscribe>("SUBSCRIBE TO clicks_per_minute");
  CHECK(sub.target == "clicks_per_minute");
  CHECK_FALSE(sub.query);

  auto subq = parse_as<ast::Subscribe>(
      "SUBSCRIBE TO (SELECT asset, clicks FROM clicks_per_minute WHERE clicks > 100)");
  CHECK(subq.target.empty());
  REQUIRE(subq.query);
  CHECK(render(*subq.query->where) == "(> clicks 100)");

  auto copy = parse_as<ast::CopyStmt>("COPY (SUBSCRIBE TO clicks_per_minute) TO STDOUT");
  CHECK_FALSE(copy.from);
  REQUIRE(copy.subscribe);
  CHECK(copy.subscribe->target == "clicks_per_minute");

  auto both = parse_sql("DECLARE c CURSOR FOR SUBSCRIBE TO clicks_per_minute; FETCH 100 c;");
  REQUIRE(both.size() == 2);
  auto& declare = std::get<ast::DeclareCursor>(both[0].body);
  CHECK(declare.name == "c");
  REQUIRE(declare.subscribe);
  CHECK(declare.subscribe->target == "clicks_per_minute");
  auto& fetch = std::get<ast::Fetch>(both[1].body);
  CHECK(fetch.cursor == "c");
  CHECK(fetch.count == 100);
}

TEST_CASE("DIALECT: writing", "[grammar][dialect]") {
  auto i = parse_as<ast::Insert>(
      "INSERT INTO events VALUES ('a', 29, '2026-11-20 10:00:00'), ('b', 3, now())");
  CHECK(i.table == "events");
  REQUIRE(i.values.size() == 2);
  REQUIRE(i.values[0].size() == 3);
  CHECK(render(*i.values[0][0]) == "'a'");
  CHECK(render(*i.values[0][1]) == "29");
  CHECK(render(*i.values[0][2]) == "'2026-11-20 10:00:00'");
  CHECK(render(*i.values[1][2]) == "now()");

  auto c = parse_as<ast::CopyStmt>("COPY events FROM STDIN WITH (FORMAT csv)");
  CHECK(c.from);
  CHECK(c.table == "events");
  REQUIRE(c.options.size() == 1);
  CHECK(c.options[0].key == "format");
  CHECK(c.options[0].value == "csv");
}

TEST_CASE("DIALECT: catalog and operations", "[grammar][dialect]") {
  auto all = parse_sql("SHOW STREAMS; SHOW TABLES; SHOW MATERIALIZED VIEWS; SHOW QUERIES;");
  REQUIRE(all.size() == 4);
  CHECK(std::get<ast::Show>(all[0].body).what == "streams");
  CHECK(std::get<ast::Show>(all[1].body).what == "tables");
  CHECK(std::get<ast::Show>(all[2].body).what == "materialized views");
  CHECK(std::get<ast::Show>(all[3].body).what == "queries");

  auto two = parse_sql("DESCRIBE clicks;  EXPLAIN SELECT asset FROM clicks;");
  REQUIRE(two.size() == 2);
  CHECK(std::get<ast::Describe>(two[0].body).name == std::vector<std::string>{"clicks"});
  auto& explain = std::get<ast::Explain>(two[1].body);
  REQUIRE(explain.target);
  CHECK(std::holds_alternative<ast::SelectStmt>(explain.target->body));
  CHECK(explain.target->text == "SELECT asset FROM clicks");

  auto stream = parse_as<ast::Drop>("DROP STREAM clicks");
  CHECK(stream.kind == ast::ObjectKind::Stream);
  CHECK(stream.names == std::vector<std::string>{"clicks"});
  CHECK_FALSE(stream.if_exists);
  CHECK_FALSE(stream.cascade);
  auto table = parse_as<ast::Drop>("DROP TABLE IF EXISTS users CASCADE");
  CHECK(table.kind == ast::ObjectKind::Table);
  CHECK(table.if_exists);
  CHECK(table.cascade);
  auto view = parse_as<ast::Drop>("DROP MATERIALIZED VIEW IF EXISTS clicks_per_minute");
  CHECK(view.kind == ast::ObjectKind::MaterializedView);
  CHECK(view.names == std::vector<std::string>{"clicks_per_minute"});
  auto query = parse_as<ast::Drop>("DROP QUERY 42");
  CHECK(query.kind == ast::ObjectKind::Query);
  CHECK(query.names == std::vector<std::string>{"42"});
}

TEST_CASE("DIALECT: the statements block parses as one script", "[grammar][dialect]") {
  const char* block = R"(
-- streams ---------------------------------------------------------------
CREATE STREAM IF NOT EXISTS clicks (
    asset TEXT,
    cost  BIGINT,
    ts    TIMESTAMP,                                  -- optional event-time column
    WATERMARK FOR ts AS ts - INTERVAL '10 seconds'    -- optional: lateness bound
) USING redis OPTIONS (
    host 'localhost', port '6379',                    -- or url 'redis://[:pass@]host:port/db'
    stream.keys 'clicks',                             -- comma-separated for several keys
    stream.offsets 'earliest'                          -- 'latest' (default), 'earliest', or an entry ID
);
CREATE STREAM points (line TEXT) USING socket OPTIONS (host 'localhost', port '9999');

-- tables ----------------------------------------------------------------
CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT, segment TEXT);          -- kept in Eddy
CREATE TABLE clicks_by_asset (asset TEXT PRIMARY KEY, count BIGINT)
    USING redis OPTIONS (table 'click', key.column 'asset', ttl '300');       -- hashes click:<asset>
CREATE TABLE totals (asset TEXT PRIMARY KEY, total BIGINT)
    USING postgres OPTIONS (dsn 'postgresql://...', table 'totals');          -- a real PostgreSQL table
CREATE TABLE clicks_by_asset USING redis OPTIONS (table 'click', key.column 'asset')
    AS SELECT asset, count(*) AS count FROM clicks GROUP BY asset;            -- continuous when it reads a stream

-- continuous queries ----------------------------------------------------
CREATE MATERIALIZED VIEW clicks_per_minute AS
    SELECT asset, window_start, window_end, count(*) AS clicks, sum(cost) AS spend
    FROM clicks
    GROUP BY asset, WINDOW(ts, '1 minute');                  -- tumbling
--  GROUP BY asset, WINDOW(ts, '1 hour', '5 minutes')        -- sliding (size, slide)
--  GROUP BY user_id, SESSION_WINDOW(ts, '10 minutes')       -- session (gap)
--  ... EMIT ON WINDOW CLOSE                                 -- a window's row appears once, final, after the watermark passes its end
INSERT INTO clicks_by_asset SELECT asset, count(*) FROM clicks GROUP BY asset;   -- a continuous job into a table

-- reading ---------------------------------------------------------------
SELECT asset, count FROM clicks_by_asset ORDER BY count DESC LIMIT 10;   -- a consistent snapshot
SUBSCRIBE TO clicks_per_minute;                                          -- push: every change as it happens
SUBSCRIBE TO (SELECT asset, clicks FROM clicks_per_minute WHERE clicks > 100);
COPY (SUBSCRIBE TO clicks_per_minute) TO STDOUT;                         -- what psql users run
DECLARE c CURSOR FOR SUBSCRIBE TO clicks_per_minute; FETCH 100 c;        -- what drivers with cursors run

-- writing ---------------------------------------------------------------
INSERT INTO events VALUES ('a', 29, '2026-11-20 10:00:00'), ('b', 3, now());
COPY events FROM STDIN WITH (FORMAT csv);

-- catalog and operations ------------------------------------------------
SHOW STREAMS; SHOW TABLES; SHOW MATERIALIZED VIEWS; SHOW QUERIES;
DESCRIBE clicks;  EXPLAIN SELECT * FROM clicks;
DROP STREAM IF EXISTS clicks CASCADE;
DROP QUERY 7;
)";
  auto statements = parse_sql(block);
  REQUIRE(statements.size() == 24);
  CHECK(std::holds_alternative<ast::CreateStream>(statements[0].body));
  CHECK(std::holds_alternative<ast::CreateView>(statements[6].body));
  CHECK(std::holds_alternative<ast::Drop>(statements[23].body));
  CHECK(statements[1].text ==
        "CREATE STREAM points (line TEXT) USING socket OPTIONS (host 'localhost', port '9999')");
  CHECK(statements[22].text == "DROP STREAM IF EXISTS clicks CASCADE");
}
