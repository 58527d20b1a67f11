// ServerRelationProvider: the order names resolve in, what each schema holds, reading Eddy's
// relations and the system tables, and the reg* lookups.
#include "system_catalog_test_util.h"

#include "common/error.h"

using namespace syscat_test;

namespace {

std::string where(const ServerRelationProvider& p, std::vector<std::string> name) {
  auto r = p.find(name, 1);
  return r ? r->schema + "." + r->name : "none";
}

std::string sqlstate_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const SqlError& e) {
    return e.sqlstate();
  }
  return "none";
}

}  // namespace

TEST_CASE("unqualified names resolve in pg_catalog, then public, then eddy_catalog") {
  Fixture f;
  f.run("CREATE TABLE pg_type (x BIGINT)");  // shadowed by pg_catalog.pg_type when unqualified
  ServerRelationProvider p(f.db, f.session);
  CHECK(where(p, {"pg_class"}) == "pg_catalog.pg_class");
  CHECK(where(p, {"pg_type"}) == "pg_catalog.pg_type");
  CHECK(where(p, {"public", "pg_type"}) == "public.pg_type");
  CHECK(where(p, {"eddy", "pg_type"}) == "public.pg_type");
  CHECK(where(p, {"prices"}) == "public.prices");
  CHECK(where(p, {"eddy_dead_letters"}) == "eddy_catalog.eddy_dead_letters");
  CHECK(where(p, {"public", "eddy_dead_letters"}) == "none");
  CHECK(where(p, {"eddy_catalog", "eddy_dead_letters"}) == "eddy_catalog.eddy_dead_letters");
  CHECK(where(p, {"information_schema", "tables"}) == "information_schema.tables");
  CHECK(where(p, {"tables"}) == "none");
  CHECK(where(p, {"pg_catalog", "prices"}) == "none");
  CHECK(where(p, {"public", "pg_class"}) == "none");
  CHECK(where(p, {"eddy", "public", "prices"}) == "public.prices");
  CHECK(where(p, {"nope"}) == "none");
  CHECK(where(p, {"nope", "prices"}) == "none");
  CHECK(sqlstate_of([&] { p.find({"other", "public", "prices"}, 1); }) == "0A000");
  CHECK(sqlstate_of([&] { p.find({"prices_pkey"}, 1); }) == "42809");
}

TEST_CASE("provided relations read Eddy's rows and the system tables' rows") {
  Fixture f;
  f.run("INSERT INTO prices VALUES ('a', 1.5, 'x'), ('b', 2, NULL)");
  ServerRelationProvider p(f.db, f.session);
  auto prices = p.find({"prices"}, 1);
  REQUIRE(prices);
  CHECK(prices->oid == f.oid("prices"));
  CHECK(prices->relation != nullptr);
  CHECK(prices->read().rows() == 2);
  auto clicks = p.find({"clicks"}, 1);
  REQUIRE(clicks);
  CHECK(clicks->columns.size() == 4);  // asset, cost, ts and the hidden _time
  CHECK(clicks->columns.back().hidden);
  auto pg_class = p.find({"pg_catalog", "pg_class"}, 1);
  REQUIRE(pg_class);
  CHECK(pg_class->oid == 1259);
  CHECK(pg_class->relation == nullptr);
  CHECK(pg_class->columns.size() == 33);
  const Batch rows = pg_class->read();
  CHECK(rows.columns.size() == 33);
  CHECK(rows.rows() > 50);
}

TEST_CASE("a stream fed by a connector cannot be read directly") {
  Fixture f;
  f.run("CREATE STREAM g (asset TEXT, cost BIGINT, ts TIMESTAMP) USING generator OPTIONS (kind 'clicks', rate '10')");
  ServerRelationProvider p(f.db, f.session);
  try {
    p.find({"g"}, 15);
    FAIL("expected an error");
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == "0A000");
    CHECK(e.message() == "reading stream \"g\" (USING generator) directly is not supported");
    CHECK(e.position() == 15);
  }
}

TEST_CASE("the provider's reg* lookups") {
  Fixture f;
  ServerRelationProvider p(f.db, f.session);
  CHECK(p.regclass("pg_class") == 1259u);
  CHECK(p.regclass("pg_catalog.pg_class") == 1259u);
  CHECK(p.regclass("PRICES") == f.oid("prices"));
  CHECK(p.regclass("\"prices\"") == f.oid("prices"));
  CHECK(p.regclass("public.prices") == f.oid("prices"));
  CHECK(p.regclass("information_schema.columns") == 13295u);
  CHECK(p.regclass("\"PRICES\"") == std::nullopt);
  CHECK(p.regclass("nope") == std::nullopt);
  CHECK(p.regclass("12345") == 12345u);
  CHECK(sqlstate_of([&] { p.regclass("a.b.c.d"); }) == "42601");
  CHECK(p.regtype("integer") == 23u);
  CHECK(p.regtype("int4") == 23u);
  CHECK(p.regtype("character varying") == 1043u);
  CHECK(p.regtype("varchar(10)") == 1043u);
  CHECK(p.regtype("text[]") == 1009u);
  CHECK(p.regtype("_int4") == 1007u);
  CHECK(p.regtype("pg_catalog.timestamptz") == 1184u);
  CHECK(p.regtype("\"char\"") == 18u);
  CHECK(p.regtype("nope") == std::nullopt);
  CHECK(p.regproc("array_in") == 750u);
  CHECK(p.regproc("pg_catalog.array_in") == 750u);
  CHECK(p.regproc("nope") == std::nullopt);
  CHECK(sqlstate_of([&] { p.regproc("abs"); }) == "42725");
  CHECK(p.regnamespace("public") == 2200u);
  CHECK(p.regnamespace("eddy_catalog") == 14000u);
  CHECK(p.regnamespace("nope") == std::nullopt);
}
