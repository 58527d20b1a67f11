// SELECT as PostgreSQL clients and BI tools send it.

#include "parse_helpers.h"

using namespace eddy;
using ast::JoinType;
using ast::SetOp;
using ast::TableRef;
using eddy::test::parse_select;
using eddy::test::render;

TEST_CASE("select list: star, qualified star, aliases", "[grammar][select]") {
  auto s = parse_select("SELECT *, t.*, a AS x, b y, c \"Mixed Case\", 1 + 2 AS sum, d AS from FROM t");
  REQUIRE(s.items.size() == 7);
  CHECK(s.items[0].expr->kind == ast::ExprKind::Star);
  CHECK(s.items[0].expr->name.empty());
  CHECK(s.items[1].expr->kind == ast::ExprKind::Star);
  CHECK(s.items[1].expr->name == std::vector<std::string>{"t"});
  CHECK(s.items[2].alias == "x");
  CHECK(s.items[3].alias == "y");
  CHECK(s.items[4].alias == "Mixed Case");
  CHECK(s.items[5].alias == "sum");
  CHECK(s.items[6].alias == "from");
  CHECK(s.items[0].alias.empty());
}

TEST_CASE("DISTINCT, WHERE, GROUP BY, HAVING, EMIT", "[grammar][select]") {
  auto s = parse_select(
      "SELECT DISTINCT asset FROM clicks WHERE cost > 10 GROUP BY asset HAVING count(*) > 1");
  CHECK(s.distinct);
  CHECK(render(*s.where) == "(> cost 10)");
  REQUIRE(s.group_by.size() == 1);
  CHECK(render(*s.having) == "(> count(*) 1)");
  CHECK_FALSE(s.emit_on_window_close);
  CHECK(s.position == 1);

  auto e = parse_select(
      "SELECT asset, count(*) FROM clicks GROUP BY asset, WINDOW(ts, '1 minute') "
      "HAVING count(*) > 1 EMIT ON WINDOW CLOSE");
  CHECK(e.emit_on_window_close);
  REQUIRE(e.having);
  CHECK_FALSE(parse_select("SELECT ALL a FROM t").distinct);
}

TEST_CASE("qualified table names and aliases", "[grammar][select]") {
  auto s = parse_select(
      "SELECT c.relname FROM pg_catalog.pg_class c, information_schema.tables AS t (a, b)");
  REQUIRE(s.from.size() == 2);
  CHECK(s.from[0]->kind == TableRef::Kind::Named);
  CHECK(s.from[0]->name == std::vector<std::string>{"pg_catalog", "pg_class"});
  CHECK(s.from[0]->alias == "c");
  CHECK(s.from[1]->name == std::vector<std::string>{"information_schema", "tables"});
  CHECK(s.from[1]->alias == "t");
  CHECK(s.from[1]->column_aliases == std::vector<std::string>{"a", "b"});
  CHECK(s.from[1]->position == 46);
}

TEST_CASE("joins", "[grammar][select]") {
  auto s = parse_select(
      "SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c USING (id, k) "
      "RIGHT OUTER JOIN d ON true FULL JOIN e ON true CROSS JOIN f INNER JOIN g ON true");
  REQUIRE(s.from.size() == 1);
  const TableRef* j = s.from[0].get();
  // left-deep: ((((((a b) c) d) e) f) g)
  REQUIRE(j->kind == TableRef::Kind::Join);
  CHECK(j->join_type == JoinType::Inner);
  CHECK(j->right->name == std::vector<std::string>{"g"});
  j = j->left.get();
  CHECK(j->join_type == JoinType::Cross);
  CHECK_FALSE(j->on);
  j = j->left.get();
  CHECK(j->join_type == JoinType::Full);
  j = j->left.get();
  CHECK(j->join_type == JoinType::Right);
  j = j->left.get();
  CHECK(j->join_type == JoinType::Left);
  CHECK(j->using_columns == std::vector<std::string>{"id", "k"});
  j = j->left.get();
  CHECK(j->join_type == JoinType::Inner);
  CHECK(render(*j->on) == "(= a.id b.id)");
  CHECK(j->left->name == std::vector<std::string>{"a"});
  CHECK(j->right->name == std::vector<std::string>{"b"});
}

TEST_CASE("stream-stream join within a time bound", "[grammar][select]") {
  auto s = parse_select(
      "SELECT a.id FROM clicks a JOIN views b "
      "ON a.id = b.id AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '30 minutes'");
  CHECK(render(*s.from[0]->on) ==
        "(and (= a.id b.id) (between b.ts a.ts (+ a.ts interval'30 minutes')))");
  CHECK(s.from[0]->left->alias == "a");
  CHECK(s.from[0]->right->alias == "b");
}

TEST_CASE("subqueries and functions in FROM, parenthesized joins", "[grammar][select]") {
  auto s = parse_select(
      "SELECT * FROM (SELECT a FROM t) AS sub, generate_series(1, 10) g(n), (x JOIN y ON true) j");
  REQUIRE(s.from.size() == 3);
  CHECK(s.from[0]->kind == TableRef::Kind::Subquery);
  CHECK(s.from[0]->alias == "sub");
  REQUIRE(s.from[0]->subquery);
  CHECK(s.from[1]->kind == TableRef::Kind::Function);
  CHECK(s.from[1]->name == std::vector<std::string>{"generate_series"});
  CHECK(s.from[1]->args.size() == 2);
  CHECK(s.from[1]->alias == "g");
  CHECK(s.from[1]->column_aliases == std::vector<std::string>{"n"});
  CHECK(s.from[2]->kind == TableRef::Kind::Join);
  CHECK(s.from[2]->alias == "j");
  auto noalias = parse_select("SELECT * FROM (SELECT 1) ");
  CHECK(noalias.from[0]->alias.empty());
}

TEST_CASE("ORDER BY, LIMIT, OFFSET, FETCH FIRST", "[grammar][select]") {
  auto s = parse_select(
      "SELECT a, b FROM t ORDER BY 2 DESC NULLS LAST, a ASC, b NULLS FIRST, c LIMIT 5 OFFSET 10");
  REQUIRE(s.order_by.size() == 4);
  CHECK(render(*s.order_by[0].expr) == "2");
  CHECK(s.order_by[0].descending);
  CHECK(s.order_by[0].nulls_first == std::optional<bool>(false));
  CHECK_FALSE(s.order_by[1].descending);
  CHECK_FALSE(s.order_by[1].nulls_first.has_value());
  CHECK(s.order_by[2].nulls_first == std::optional<bool>(true));
  CHECK(render(*s.limit) == "5");
  CHECK(render(*s.offset) == "10");

  auto o = parse_select("SELECT a FROM t OFFSET 3 ROWS LIMIT ALL");
  CHECK_FALSE(o.limit);
  CHECK(render(*o.offset) == "3");
  auto f = parse_select("SELECT a FROM t FETCH FIRST 3 ROWS ONLY");
  CHECK(render(*f.limit) == "3");
  auto f1 = parse_select("SELECT a FROM t OFFSET 1 FETCH NEXT ROW ONLY");
  CHECK(render(*f1.limit) == "1");
  auto p = parse_select("SELECT a FROM t LIMIT $1");
  CHECK(render(*p.limit) == "$1");
}

TEST_CASE("set operations", "[grammar][select]") {
  auto u = parse_select("SELECT a FROM t UNION SELECT b FROM u");
  CHECK(u.set_op == SetOp::Union);
  REQUIRE(u.set_rhs);
  CHECK(render(*u.set_rhs->items[0].expr) == "b");

  auto all = parse_select("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 ORDER BY 1 LIMIT 2");
  CHECK(all.set_op == SetOp::UnionAll);
  CHECK(all.set_rhs->set_op == SetOp::UnionAll);
  CHECK(render(*all.set_rhs->set_rhs->items[0].expr) == "3");
  CHECK(all.order_by.size() == 1);  // ORDER BY / LIMIT apply to the whole chain
  CHECK(render(*all.limit) == "2");
  CHECK(all.set_rhs->order_by.empty());

  auto i = parse_select("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
  CHECK(i.set_op == SetOp::Union);
  CHECK(i.set_rhs->set_op == SetOp::Intersect);

  // (1 EXCEPT 2) EXCEPT 3: the left operand becomes SELECT * FROM (1 EXCEPT 2).
  auto e = parse_select("SELECT 1 EXCEPT SELECT 2 EXCEPT SELECT 3");
  CHECK(e.set_op == SetOp::Except);
  CHECK(render(*e.set_rhs->items[0].expr) == "3");
  REQUIRE(e.from.size() == 1);
  CHECK(e.from[0]->kind == TableRef::Kind::Subquery);
  CHECK(e.from[0]->subquery->set_op == SetOp::Except);
  CHECK(e.items[0].expr->kind == ast::ExprKind::Star);

  auto mixed = parse_select("SELECT 1 UNION ALL SELECT 2 UNION SELECT 3");
  CHECK(mixed.set_op == SetOp::Union);
  CHECK(mixed.from[0]->subquery->set_op == SetOp::UnionAll);

  auto paren = parse_select("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u LIMIT 2)");
  CHECK(paren.set_op == SetOp::UnionAll);
  REQUIRE(paren.from.size() == 1);
  CHECK(render(*paren.from[0]->subquery->limit) == "1");
  CHECK(render(*paren.set_rhs->limit) == "2");

  auto inter = parse_select("SELECT 1 INTERSECT SELECT 2");
  CHECK(inter.set_op == SetOp::Intersect);
}

TEST_CASE("SELECT without FROM and catalog queries from clients", "[grammar][select]") {
  auto s = parse_select("SELECT 1");
  CHECK(s.from.empty());
  parse_select("select version()");
  parse_select("SELECT current_schema(), current_user, session_user, current_database()");
  parse_select(
      "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c "
      "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r','p','v','m','f','') AND n.nspname <> 'pg_catalog' "
      "AND n.nspname !~ '^pg_toast' AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 1,2");
  parse_select(
      "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
      "(SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) FROM pg_catalog.pg_attrdef d "
      "WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef), a.attnotnull "
      "FROM pg_catalog.pg_attribute a WHERE a.attrelid = '16384'::oid AND a.attnum > 0 "
      "AND NOT a.attisdropped ORDER BY a.attnum");
  parse_select(
      "SELECT table_name, table_type FROM information_schema.tables "
      "WHERE table_schema = 'public' AND table_type IN ('BASE TABLE', 'VIEW')");
  parse_select("SELECT t.typname FROM pg_type t WHERE t.oid = $1::regtype::oid");
  parse_select("SELECT NULL::text AS x, 1::int4 AS \"count\", 'a'::varchar(10)");
  parse_select("SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id) AND a IN (SELECT b FROM u)");
  parse_select("SELECT CASE WHEN c.relkind = 'r' THEN 'table' ELSE 'other' END AS kind FROM pg_class c");
  parse_select("SELECT setting FROM pg_settings WHERE name = 'max_index_keys'");
  parse_select("SELECT oid, typbasetype FROM pg_type WHERE typname = 'lo'");
}

TEST_CASE("non-reserved keywords as names", "[grammar][select]") {
  auto s = parse_select(
      "SELECT key, type, name, format, header, snapshot, password, kind, rate, ttl, asset, "
      "count, window_start, stream, view, query, start, level, time, timestamp, values, zone "
      "FROM stream");
  CHECK(s.items.size() == 22);
  CHECK(render(*s.items[0].expr) == "key");
  CHECK(render(*s.items[19].expr) == "timestamp");
  CHECK(s.from[0]->name == std::vector<std::string>{"stream"});
  auto t = parse_select("SELECT s.key FROM session s WHERE s.window = 1");
  CHECK(t.from[0]->alias == "s");
}
