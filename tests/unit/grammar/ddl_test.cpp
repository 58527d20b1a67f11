// CREATE STREAM / TABLE / VIEW / ROLE beyond the DIALECT examples: constraints, options in all
// spellings, USING names.

#include "parse_helpers.h"

using namespace eddy;
using eddy::test::parse_as;
using eddy::test::parse_error;
using eddy::test::render;

TEST_CASE("option key and value spellings", "[grammar][ddl]") {
  auto s = parse_as<ast::CreateStream>(
      "CREATE STREAM s (a INT) USING redis OPTIONS (stream.keys 'x', 'stream.group.name' 'g', "
      "stream.read.batch.size = '100', port 6379, host = localhost, 'Key.Column' = 'Asset', "
      "limit 5, table 'click', STREAM.OFFSETS '0-0', neg -1, ratio 0.5, flag true, "
      "\"Quoted\" 'v', e_key E'a\\tb')");
  REQUIRE(s.options.size() == 14);
  auto check = [&](size_t i, const std::string& key, const std::string& value) {
    INFO("option " << i);
    CHECK(s.options[i].key == key);
    CHECK(s.options[i].value == value);
  };
  check(0, "stream.keys", "x");
  check(1, "stream.group.name", "g");
  check(2, "stream.read.batch.size", "100");
  check(3, "port", "6379");
  check(4, "host", "localhost");
  check(5, "key.column", "Asset");
  check(6, "limit", "5");
  check(7, "table", "click");
  check(8, "stream.offsets", "0-0");
  check(9, "neg", "-1");
  check(10, "ratio", "0.5");
  check(11, "flag", "true");
  check(12, "quoted", "v");
  check(13, "e_key", "a\tb");
  CHECK(s.options[0].position == 46);
}

TEST_CASE("USING names", "[grammar][ddl]") {
  CHECK(parse_as<ast::CreateTable>("CREATE TABLE t (a INT) USING org.apache.spark.sql.redis").using_ ==
        "org.apache.spark.sql.redis");
  CHECK(parse_as<ast::CreateTable>("CREATE TABLE t (a INT) USING Redis").using_ == "redis");
  CHECK(parse_as<ast::CreateStream>("CREATE STREAM t (a INT) USING 'File'").using_ == "file");
  CHECK(parse_as<ast::CreateStream>("CREATE STREAM t (a INT) USING generator OPTIONS ()").options.empty());
}

TEST_CASE("column constraints and table-level primary key", "[grammar][ddl]") {
  auto t = parse_as<ast::CreateTable>(
      "CREATE TABLE IF NOT EXISTS public.t (a BIGINT NOT NULL DEFAULT 0, b TEXT NULL, "
      "c TIMESTAMPTZ DEFAULT now() NOT NULL, d VARCHAR(20), e DOUBLE PRECISION, "
      "PRIMARY KEY (a, b))");
  CHECK(t.if_not_exists);
  CHECK(t.name == "public.t");
  REQUIRE(t.columns.size() == 5);
  CHECK(t.columns[0].not_null);
  REQUIRE(t.columns[0].default_value);
  CHECK(render(*t.columns[0].default_value) == "0");
  CHECK_FALSE(t.columns[1].not_null);
  CHECK(t.columns[2].not_null);
  CHECK(render(*t.columns[2].default_value) == "now()");
  CHECK(t.columns[2].type.name == "timestamptz");
  CHECK(t.columns[3].type.name == "varchar");
  CHECK(t.columns[3].type.modifier == 20);
  CHECK(t.columns[4].type.name == "double precision");
  CHECK(t.primary_key == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(t.columns[0].primary_key);
  CHECK(t.columns[0].position == 38);

  auto err = parse_error("CREATE TABLE t (a INT PRIMARY KEY, PRIMARY KEY (a))");
  CHECK(err.sqlstate() == "42P16");
  CHECK(err.message() == "multiple primary keys for table \"t\" are not allowed");
}

TEST_CASE("Spark and PostgreSQL type names", "[grammar][ddl]") {
  auto s = parse_as<ast::CreateStream>(
      "CREATE STREAM s (a STRING, b LONG, c INT, d DOUBLE, e FLOAT, f BOOLEAN, g SMALLINT, "
      "h INTEGER, i REAL, j NUMERIC(10, 2), k TEXT, l DATE, m INTERVAL, n JSONB, "
      "o TIMESTAMP WITH TIME ZONE, p CHARACTER VARYING(10), q CHAR(3), r TIME)");
  std::vector<std::string> names;
  for (const auto& c : s.columns) names.push_back(c.type.name);
  CHECK(names == std::vector<std::string>{"string", "long", "int", "double", "float", "boolean",
                                          "smallint", "integer", "real", "numeric", "text", "date",
                                          "interval", "jsonb", "timestamp with time zone",
                                          "character varying", "character", "time"});
  CHECK(s.columns[9].type.modifier == 10);
  CHECK(s.columns[15].type.modifier == 10);
  CHECK(s.columns[0].type.modifier == -1);
}

TEST_CASE("watermarks", "[grammar][ddl]") {
  auto s = parse_as<ast::CreateStream>(
      "CREATE STREAM s (ts TIMESTAMP, watermark INT, WATERMARK FOR ts AS ts - INTERVAL '5' )");
  REQUIRE(s.columns.size() == 2);
  CHECK(s.columns[1].name == "watermark");
  REQUIRE(s.watermark);
  CHECK(render(*s.watermark->expr) == "(- ts interval'5')");
  auto err = parse_error(
      "CREATE STREAM s (ts TIMESTAMP, WATERMARK FOR ts AS ts, WATERMARK FOR ts AS ts)");
  CHECK(err.sqlstate() == "42P16");
  CHECK(err.position() == 56);
}

TEST_CASE("CREATE TABLE AS SELECT without USING", "[grammar][ddl]") {
  auto t = parse_as<ast::CreateTable>("CREATE TABLE t AS SELECT a FROM s");
  REQUIRE(t.as_select);
  CHECK(t.using_.empty());
}

TEST_CASE("CREATE VIEW forms", "[grammar][ddl]") {
  auto v = parse_as<ast::CreateView>("CREATE VIEW v (x, y) AS SELECT a, b FROM t");
  CHECK_FALSE(v.materialized);
  CHECK(v.column_names == std::vector<std::string>{"x", "y"});
  auto m = parse_as<ast::CreateView>(
      "CREATE MATERIALIZED VIEW IF NOT EXISTS \"Per Minute\" AS SELECT 1");
  CHECK(m.materialized);
  CHECK(m.if_not_exists);
  CHECK(m.name == "Per Minute");
  auto r = parse_as<ast::CreateView>("CREATE OR REPLACE VIEW v AS (SELECT 1)");
  CHECK(r.or_replace);
  CHECK_FALSE(r.materialized);
}

TEST_CASE("CREATE / ALTER ROLE and USER", "[grammar][ddl]") {
  auto r = parse_as<ast::CreateRole>("CREATE ROLE alice WITH LOGIN PASSWORD 'secret'");
  CHECK(r.name == "alice");
  CHECK_FALSE(r.alter);
  REQUIRE(r.options.size() == 2);
  CHECK(r.options[0].key == "login");
  CHECK(r.options[0].value.empty());
  CHECK(r.options[1].key == "password");
  CHECK(r.options[1].value == "secret");

  auto a = parse_as<ast::CreateRole>("ALTER ROLE alice NOLOGIN SUPERUSER");
  CHECK(a.alter);
  REQUIRE(a.options.size() == 2);
  CHECK(a.options[0].key == "nologin");
  CHECK(a.options[1].key == "superuser");

  auto u = parse_as<ast::CreateRole>("CREATE USER bob PASSWORD NULL");
  REQUIRE(u.options.size() == 2);
  CHECK(u.options[0].key == "login");
  CHECK(u.options[1].key == "password");
  CHECK(u.options[1].value.empty());

  auto d = parse_as<ast::Drop>("DROP ROLE IF EXISTS alice, bob");
  CHECK(d.kind == ast::ObjectKind::Role);
  CHECK(d.names == std::vector<std::string>{"alice", "bob"});
  CHECK(parse_as<ast::Drop>("DROP USER carol").kind == ast::ObjectKind::Role);
}

TEST_CASE("DROP forms", "[grammar][ddl]") {
  auto v = parse_as<ast::Drop>("DROP VIEW a, s.b RESTRICT");
  CHECK(v.kind == ast::ObjectKind::View);
  CHECK(v.names == std::vector<std::string>{"a", "s.b"});
  CHECK_FALSE(v.cascade);
  CHECK(parse_as<ast::Drop>("DROP QUERY IF EXISTS 'q-1'").names == std::vector<std::string>{"q-1"});
  CHECK(parse_as<ast::Drop>("DROP QUERY clicks_per_minute").names ==
        std::vector<std::string>{"clicks_per_minute"});
}
