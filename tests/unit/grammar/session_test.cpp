// SHOW, SET, RESET, EXPLAIN and transactions, including what drivers send on connect.

#include "parse_helpers.h"

using namespace eddy;
using eddy::test::parse_as;

TEST_CASE("SHOW", "[grammar][session]") {
  auto what = [](const char* sql) { return parse_as<ast::Show>(sql).what; };
  CHECK(what("SHOW ALL") == "all");
  CHECK(what("SHOW server_version") == "server_version");
  CHECK(what("SHOW search_path") == "search_path");
  CHECK(what("show TimeZone") == "timezone");
  CHECK(what("SHOW TIME ZONE") == "timezone");
  CHECK(what("SHOW TRANSACTION ISOLATION LEVEL") == "transaction isolation level");
  CHECK(what("SHOW transaction_isolation") == "transaction_isolation");
  CHECK(what("SHOW eddy.checkpoint_interval") == "eddy.checkpoint_interval");
  CHECK(what("SHOW \"DateStyle\"") == "DateStyle");
}

TEST_CASE("SET", "[grammar][session]") {
  auto s = parse_as<ast::Set>("SET extra_float_digits = 3");
  CHECK(s.name == "extra_float_digits");
  CHECK(s.values == std::vector<std::string>{"3"});
  CHECK_FALSE(s.local);
  CHECK_FALSE(s.reset);

  CHECK(parse_as<ast::Set>("SET application_name = 'PostgreSQL JDBC Driver'").values ==
        std::vector<std::string>{"PostgreSQL JDBC Driver"});
  auto path = parse_as<ast::Set>("SET SESSION search_path TO \"$user\", public");
  CHECK(path.values == std::vector<std::string>{"$user", "public"});
  CHECK_FALSE(path.local);
  auto local = parse_as<ast::Set>("SET LOCAL statement_timeout = -1");
  CHECK(local.local);
  CHECK(local.values == std::vector<std::string>{"-1"});
  CHECK(parse_as<ast::Set>("SET datestyle TO ISO, MDY").values ==
        std::vector<std::string>{"iso", "mdy"});
  CHECK(parse_as<ast::Set>("SET standard_conforming_strings = on").values ==
        std::vector<std::string>{"on"});
  CHECK(parse_as<ast::Set>("SET x = true").values == std::vector<std::string>{"true"});
  auto def = parse_as<ast::Set>("SET search_path TO DEFAULT");
  CHECK(def.name == "search_path");
  CHECK(def.values.empty());
  CHECK(parse_as<ast::Set>("SET eddy.checkpoint_interval = '10ms'").name ==
        "eddy.checkpoint_interval");

  auto tz = parse_as<ast::Set>("SET TIME ZONE 'UTC'");
  CHECK(tz.name == "timezone");
  CHECK(tz.values == std::vector<std::string>{"UTC"});
  CHECK(parse_as<ast::Set>("SET TIME ZONE LOCAL").values.empty());
  CHECK(parse_as<ast::Set>("SET timezone TO 'Europe/Paris'").values ==
        std::vector<std::string>{"Europe/Paris"});
  auto names = parse_as<ast::Set>("SET NAMES 'UTF8'");
  CHECK(names.name == "client_encoding");
  CHECK(names.values == std::vector<std::string>{"UTF8"});
  auto enc = parse_as<ast::Set>("SET client_encoding TO 'UTF8'");
  CHECK(enc.name == "client_encoding");

  auto txn = parse_as<ast::Set>("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY");
  CHECK(txn.name == "transaction");
  CHECK(txn.values == std::vector<std::string>{"isolation level serializable", "read only"});
  auto chars = parse_as<ast::Set>(
      "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
  CHECK(chars.name == "session characteristics");
  CHECK(chars.values == std::vector<std::string>{"isolation level read committed"});
}

TEST_CASE("RESET", "[grammar][session]") {
  auto r = parse_as<ast::Set>("RESET search_path");
  CHECK(r.reset);
  CHECK(r.name == "search_path");
  CHECK(r.values.empty());
  CHECK(parse_as<ast::Set>("RESET ALL").name == "all");
  CHECK(parse_as<ast::Set>("RESET TIME ZONE").name == "timezone");
}

TEST_CASE("DESCRIBE", "[grammar][session]") {
  CHECK(parse_as<ast::Describe>("DESCRIBE public.\"Clicks\"").name ==
        std::vector<std::string>{"public", "Clicks"});
}

TEST_CASE("EXPLAIN", "[grammar][session]") {
  auto e = parse_as<ast::Explain>("EXPLAIN ANALYZE SELECT 1");
  CHECK(e.analyze);
  REQUIRE(e.target);
  CHECK(e.target->text == "SELECT 1");
  CHECK(e.target->position == 17);
  CHECK_FALSE(parse_as<ast::Explain>("EXPLAIN SELECT 1").analyze);
  CHECK(parse_as<ast::Explain>("EXPLAIN (ANALYZE, FORMAT text) SELECT 1").analyze);
  CHECK_FALSE(parse_as<ast::Explain>("EXPLAIN (ANALYZE false) SELECT 1").analyze);
  CHECK(parse_as<ast::Explain>("EXPLAIN (SELECT 1)").target);
  auto v = parse_as<ast::Explain>(
      "EXPLAIN CREATE MATERIALIZED VIEW v AS SELECT a, count(*) FROM s GROUP BY a");
  CHECK(std::holds_alternative<ast::CreateView>(v.target->body));
  auto i = parse_as<ast::Explain>("EXPLAIN VERBOSE INSERT INTO t SELECT * FROM s");
  CHECK(std::holds_alternative<ast::Insert>(i.target->body));
}

TEST_CASE("transactions", "[grammar][session]") {
  auto action = [](const char* sql) { return parse_as<ast::Transaction>(sql).action; };
  CHECK(action("BEGIN") == "begin");
  CHECK(action("BEGIN TRANSACTION") == "begin");
  CHECK(action("begin work") == "begin");
  CHECK(action("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") == "begin");
  CHECK(action("BEGIN READ WRITE NOT DEFERRABLE") == "begin");
  CHECK(action("START TRANSACTION ISOLATION LEVEL READ UNCOMMITTED") == "begin");
  CHECK(action("START TRANSACTION") == "begin");
  CHECK(action("COMMIT") == "commit");
  CHECK(action("COMMIT WORK") == "commit");
  CHECK(action("END") == "commit");
  CHECK(action("END TRANSACTION") == "commit");
  CHECK(action("ROLLBACK") == "rollback");
  CHECK(action("ABORT") == "rollback");
}
