// Statements real clients send, verbatim: psql's meta-commands (captured with `psql -E` from
// PostgreSQL 15) and what JDBC sends on connect.

#include "parse_helpers.h"

using namespace eddy;
using eddy::test::parse_select;
using eddy::test::render;

TEST_CASE("psql \\d clicks: OPERATOR(pg_catalog.~) and COLLATE", "[grammar][clients]") {
  auto s = parse_select(R"(SELECT c.oid,
  n.nspname,
  c.relname
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname OPERATOR(pg_catalog.~) '^(clicks)$' COLLATE pg_catalog.default
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 2, 3;)");
  // COLLATE is accepted and dropped; OPERATOR(pg_catalog.~) is the operator ~.
  CHECK(render(*s.where) ==
        "(and (~ c.relname '^(clicks)$') pg_catalog.pg_table_is_visible(c.oid))");
  CHECK(s.order_by.size() == 2);
}

TEST_CASE("psql \\du: ARRAY(subquery)", "[grammar][clients]") {
  auto s = parse_select(R"(SELECT r.rolname, r.rolsuper, r.rolinherit,
  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
  r.rolconnlimit, r.rolvaliduntil,
  ARRAY(SELECT b.rolname
        FROM pg_catalog.pg_auth_members m
        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
        WHERE m.member = r.oid) as memberof
, r.rolreplication
, r.rolbypassrls
FROM pg_catalog.pg_roles r
WHERE r.rolname !~ '^pg_'
ORDER BY 1;)");
  REQUIRE(s.items.size() == 11);
  const auto& array = *s.items[8].expr;
  CHECK(array.kind == ast::ExprKind::Array);
  CHECK(array.args.empty());
  REQUIRE(array.subquery);
  CHECK(s.items[8].alias == "memberof");
}

TEST_CASE("psql \\d clicks: publications, with an array subscript", "[grammar][clients]") {
  auto s = parse_select(R"(SELECT pubname
     , NULL
     , NULL
FROM pg_catalog.pg_publication p
     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
WHERE pc.oid ='16388' and pg_catalog.pg_relation_is_publishable('16388')
UNION
SELECT pubname
     , pg_get_expr(pr.prqual, c.oid)
     , (CASE WHEN pr.prattrs IS NOT NULL THEN
         (SELECT string_agg(attname, ', ')
           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                pg_catalog.pg_attribute
          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
        ELSE NULL END) FROM pg_catalog.pg_publication p
     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
WHERE pr.prrelid = '16388'
UNION
SELECT pubname
     , NULL
     , NULL
FROM pg_catalog.pg_publication p
WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('16388')
ORDER BY 1;)");
  CHECK(s.set_op == ast::SetOp::Union);
  REQUIRE(s.set_rhs);
  CHECK(s.set_rhs->set_op == ast::SetOp::Union);
  CHECK(s.order_by.size() == 1);
  const auto& subquery = *s.set_rhs->items[2].expr->args[1]->subquery;
  CHECK(render(*subquery.where) == "(and (= attrelid pr.prrelid) (= attnum ([] prattrs s)))");
}

TEST_CASE("JDBC connection start-up", "[grammar][clients]") {
  auto statements = parse_sql(
      "SET extra_float_digits = 3; SET application_name = 'PostgreSQL JDBC Driver'");
  CHECK(statements.size() == 2);
  parse_select("select current_schema()");
  parse_select(
      "SELECT t.typname,t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON "
      "(t.typnamespace = n.oid) WHERE n.nspname != 'pg_toast' AND (t.typrelid = 0 OR "
      "(SELECT c.relkind = 'c' FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid))");
  parse_select(
      "SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid "
      "FROM pg_catalog.pg_type LEFT JOIN (select ns.oid as nspoid, ns.nspname, r.r from "
      "pg_namespace as ns join ( select s.r, (current_schemas(false))[s.r] as nspname from "
      "generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r using ( nspname ) "
      ") as sp ON sp.nspoid = typnamespace WHERE pg_type.oid = $1 ORDER BY sp.r, pg_type.oid DESC");
}

TEST_CASE("pgjdbc getColumns / getPrimaryKeys / getIndexInfo: OVER, (composite).field, TRIM FROM",
          "[grammar][clients]") {
  auto columns = parse_select(
      "SELECT * FROM (SELECT n.nspname, row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) "
      "AS attnum FROM pg_catalog.pg_attribute a) c WHERE true ORDER BY nspname, attnum");
  const auto& inner = *columns.from[0]->subquery;
  const auto& row_number = *inner.items[1].expr;
  REQUIRE(row_number.over);
  CHECK(render(*row_number.over->partition_by[0]) == "a.attrelid");
  CHECK(render(*row_number.over->order_by[0].expr) == "a.attnum");

  auto keys = parse_select(
      "SELECT (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ FROM pg_index i "
      "WHERE result.A_ATTNUM = (result.KEYS).x");
  CHECK(render(*keys.items[0].expr) == "(.n information_schema._pg_expandarray(i.indkey))");
  CHECK(render(*keys.where) == "(= result.a_attnum (.x result.keys))");

  auto trim = parse_select("SELECT trim(both '\"' from pg_get_indexdef(1, 2, false)), trim(x), trim(leading from y)");
  CHECK(render(*trim.items[0].expr) == "btrim(pg_get_indexdef(1 2 false) '\"')");
  CHECK(render(*trim.items[1].expr) == "trim(x)");
  CHECK(render(*trim.items[2].expr) == "ltrim(y)");
}
