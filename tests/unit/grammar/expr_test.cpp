// Expressions: precedence, operators, literals, calls, CASE, CAST, subqueries.

#include "parse_helpers.h"

using eddy::ast::ExprKind;
using eddy::ast::LiteralKind;
using eddy::test::parse_expr;
using eddy::test::render;

namespace {
std::string shape(const std::string& text) { return render(*parse_expr(text)); }
}  // namespace

TEST_CASE("arithmetic precedence and associativity", "[grammar][expr]") {
  CHECK(shape("1 + 2 * 3") == "(+ 1 (* 2 3))");
  CHECK(shape("(1 + 2) * 3") == "(* (+ 1 2) 3)");
  CHECK(shape("a - b - c") == "(- (- a b) c)");
  CHECK(shape("a / b % c") == "(% (/ a b) c)");
  CHECK(shape("-a * b") == "(* (- a) b)");
  CHECK(shape("- 5") == "(- 5)");
  CHECK(shape("+a") == "(+ a)");
  CHECK(shape("2 ^ 3 * 4") == "(* (^ 2 3) 4)");
  CHECK(shape("a || b || 'c'") == "(|| (|| a b) 'c')");
  CHECK(shape("a + 1 || b") == "(|| (+ a 1) b)");
}

TEST_CASE("boolean precedence", "[grammar][expr]") {
  CHECK(shape("a OR b AND c") == "(or a (and b c))");
  CHECK(shape("NOT a AND b") == "(and (not a) b)");
  CHECK(shape("NOT a = b") == "(not (= a b))");
  CHECK(shape("a = 1 OR b <> 2 AND c != 3") == "(or (= a 1) (and (<> b 2) (<> c 3)))");
  CHECK(shape("a < b AND c <= d AND e > f AND g >= h") ==
        "(and (and (and (< a b) (<= c d)) (> e f)) (>= g h))");
  CHECK(shape("a + 1 > b * 2") == "(> (+ a 1) (* b 2))");
}

TEST_CASE("regular expression and JSON operators", "[grammar][expr]") {
  CHECK(shape("a ~ 'x'") == "(~ a 'x')");
  CHECK(shape("a ~* 'x'") == "(~* a 'x')");
  CHECK(shape("a !~ 'x'") == "(!~ a 'x')");
  CHECK(shape("a !~* 'x'") == "(!~* a 'x')");
  CHECK(shape("j -> 'k' ->> 'l'") == "(->> (-> j 'k') 'l')");
}

TEST_CASE("IS [NOT] NULL / TRUE / FALSE / DISTINCT FROM", "[grammar][expr]") {
  CHECK(shape("a IS NULL") == "(isnull a)");
  CHECK(shape("a IS NOT NULL") == "(not-isnull a)");
  CHECK(shape("a IS TRUE") == "(istrue a)");
  CHECK(shape("a IS NOT FALSE") == "(not-isfalse a)");
  CHECK(shape("a IS UNKNOWN") == "(isnull a)");
  CHECK(shape("a IS NOT UNKNOWN") == "(not-isnull a)");
  CHECK(shape("a = b IS NULL") == "(isnull (= a b))");
  CHECK(shape("NOT a IS NULL") == "(not (isnull a))");
  CHECK(shape("a IS DISTINCT FROM b") == "(is distinct from a b)");
  CHECK(shape("a IS NOT DISTINCT FROM b") == "(is not distinct from a b)");
}

TEST_CASE("IN, BETWEEN, LIKE, ILIKE", "[grammar][expr]") {
  CHECK(shape("a IN (1, 2, 3)") == "(in a 1 2 3)");
  CHECK(shape("a NOT IN ('x')") == "(not-in a 'x')");
  CHECK(shape("a IN (SELECT b FROM t)") == "(in a subquery)");
  CHECK(shape("a NOT IN (SELECT b FROM t)") == "(not-in a subquery)");
  CHECK(shape("a BETWEEN 1 AND 2") == "(between a 1 2)");
  CHECK(shape("a NOT BETWEEN 1 + 1 AND 2 AND b") == "(and (not-between a (+ 1 1) 2) b)");
  CHECK(shape("b.ts BETWEEN a.ts AND a.ts + INTERVAL '30 minutes'") ==
        "(between b.ts a.ts (+ a.ts interval'30 minutes'))");
  CHECK(shape("name LIKE 'a%'") == "(like name 'a%')");
  CHECK(shape("name NOT ILIKE 'a%'") == "(not-ilike name 'a%')");
  CHECK(shape("name LIKE 'a!%' ESCAPE '!'") == "(like name 'a!%' '!')");
  CHECK(shape("a || 'x' LIKE 'b%'") == "(like (|| a 'x') 'b%')");
}

TEST_CASE("op ANY / ALL and ARRAY", "[grammar][expr]") {
  CHECK(shape("a = ANY (ARRAY[1, 2])") == "(= any a (array 1 2))");
  CHECK(shape("a <> ALL ($1)") == "(<> all a $1)");
  CHECK(shape("a = SOME ('{1,2}'::int[])") == "(= any a (cast '{1,2}' int[]))");
  CHECK(shape("a > ANY (SELECT b FROM t)") == "(> any a (subquery))");
  CHECK(shape("ARRAY[]") == "(array)");
  CHECK(shape("c.oid = ANY (ARRAY['pg_class'::regclass])") ==
        "(= any c.oid (array (cast 'pg_class' regclass)))");
}

TEST_CASE("subscripts, COLLATE, OPERATOR(), ARRAY(subquery)", "[grammar][expr]") {
  CHECK(shape("a[1]") == "([] a 1)");
  CHECK(shape("(current_schemas(false))[s.r]") == "([] current_schemas(false) s.r)");
  CHECK(shape("a[i + 1]::text") == "(cast ([] a (+ i 1)) text)");
  CHECK(shape("name COLLATE \"C\" < 'b'") == "(< name 'b')");
  CHECK(shape("a OPERATOR(pg_catalog.~) 'x'") == "(~ a 'x')");
  CHECK(shape("a OPERATOR(=) b") == "(= a b)");
  CHECK(shape("a OPERATOR(pg_catalog.!=) b || c") == "(|| (<> a b) c)");  // one level, left-assoc
  auto e = parse_expr("ARRAY(SELECT 1)");
  CHECK(e->kind == ExprKind::Array);
  CHECK(e->subquery);
}

TEST_CASE("casts and type names", "[grammar][expr]") {
  CHECK(shape("a::int") == "(cast a int)");
  CHECK(shape("'1'::int::text") == "(cast (cast '1' int) text)");
  CHECK(shape("-a::int") == "(- (cast a int))");
  CHECK(shape("CAST(a AS bigint)") == "(cast a bigint)");
  CHECK(shape("'t'::regclass") == "(cast 't' regclass)");
  CHECK(shape("'int4'::regtype") == "(cast 'int4' regtype)");
  CHECK(shape("1::oid") == "(cast 1 oid)");
  CHECK(shape("'x'::name") == "(cast 'x' name)");
  CHECK(shape("a::double precision") == "(cast a double precision)");
  CHECK(shape("a::DOUBLE") == "(cast a double)");
  CHECK(shape("a::timestamp with time zone") == "(cast a timestamp with time zone)");
  CHECK(shape("a::timestamp without time zone") == "(cast a timestamp without time zone)");
  CHECK(shape("a::time(3) with time zone") == "(cast a time with time zone(3))");
  CHECK(shape("CAST(a AS character varying(10))") == "(cast a character varying(10))");
  CHECK(shape("CAST(a AS char varying(10))") == "(cast a character varying(10))");
  CHECK(shape("a::varchar(10)") == "(cast a varchar(10))");
  CHECK(shape("a::numeric(10, 2)") == "(cast a numeric(10))");
  CHECK(shape("a::pg_catalog.text") == "(cast a pg_catalog.text)");
  CHECK(shape("a::\"char\"") == "(cast a char)");
  CHECK(shape("a::STRING") == "(cast a string)");
  CHECK(shape("a::text[]") == "(cast a text[])");
  CHECK(shape("(a + 1)::bigint") == "(cast (+ a 1) bigint)");
}

TEST_CASE("typed literals", "[grammar][expr]") {
  auto e = parse_expr("TIMESTAMP '2026-11-20 10:00:00'");
  REQUIRE(e->kind == ExprKind::Literal);
  CHECK(e->literal_kind == LiteralKind::Typed);
  CHECK(e->type_name.name == "timestamp");
  CHECK(e->text == "2026-11-20 10:00:00");
  CHECK(shape("INTERVAL '10 seconds'") == "interval'10 seconds'");
  CHECK(shape("DATE '2026-01-01'") == "date'2026-01-01'");
  CHECK(shape("timestamptz '2026-01-01 00:00+00'") == "timestamptz'2026-01-01 00:00+00'");
  CHECK(shape("TIMESTAMP WITH TIME ZONE '2026-01-01'") == "timestamp with time zone'2026-01-01'");
  CHECK(shape("ts - INTERVAL '10 seconds'") == "(- ts interval'10 seconds')");
}

TEST_CASE("literals", "[grammar][expr]") {
  auto check = [](const std::string& text, LiteralKind kind, const std::string& value) {
    auto e = parse_expr(text);
    REQUIRE(e->kind == ExprKind::Literal);
    CHECK(e->literal_kind == kind);
    CHECK(e->text == value);
  };
  check("42", LiteralKind::Integer, "42");
  check("99999999999999999999999", LiteralKind::Integer, "99999999999999999999999");
  check("1.5", LiteralKind::Decimal, "1.5");
  check(".5", LiteralKind::Decimal, ".5");
  check("1e10", LiteralKind::Decimal, "1e10");
  check("2.5E-3", LiteralKind::Decimal, "2.5E-3");
  check("3.", LiteralKind::Decimal, "3.");
  check("'it''s'", LiteralKind::String, "it's");
  check("''", LiteralKind::String, "");
  check("E'a\\nb\\t\\'c\\\\'", LiteralKind::String, "a\nb\t'c\\");
  check("e'\\x41\\101\\u00e9\\U0001F600'", LiteralKind::String, "AA\xc3\xa9\xf0\x9f\x98\x80");
  check("$$it's $1 \\n$$", LiteralKind::String, "it's $1 \\n");
  check("'multi\nline'", LiteralKind::String, "multi\nline");
  check("'héllo'", LiteralKind::String, "h\xc3\xa9llo");
  check("TRUE", LiteralKind::Bool, "true");
  check("false", LiteralKind::Bool, "false");
  check("NULL", LiteralKind::Null, "");
}

TEST_CASE("parameters", "[grammar][expr]") {
  auto e = parse_expr("$12");
  REQUIRE(e->kind == ExprKind::Param);
  CHECK(e->param_index == 12);
  CHECK(shape("a = $1 AND b = $2") == "(and (= a $1) (= b $2))");
}

TEST_CASE("function calls", "[grammar][expr]") {
  CHECK(shape("count(*)") == "count(*)");
  CHECK(shape("COUNT(DISTINCT x)") == "count(distinct x)");
  CHECK(shape("sum(cost)") == "sum(cost)");
  CHECK(shape("now()") == "now()");
  CHECK(shape("coalesce(a, b, 0)") == "coalesce(a b 0)");
  CHECK(shape("pg_catalog.format_type(a.atttypid, a.atttypmod)") ==
        "pg_catalog.format_type(a.atttypid a.atttypmod)");
  CHECK(shape("date_trunc('minute', ts)") == "date_trunc('minute' ts)");
  CHECK(shape("left(s, 3)") == "left(s 3)");
  CHECK(shape("right(s, 3)") == "right(s 3)");
  CHECK(shape("replace(s, 'a', 'b')") == "replace(s 'a' 'b')");
  CHECK(shape("current_database()") == "current_database()");
  CHECK(shape("\"MyFunc\"(1)") == "MyFunc(1)");
  auto e = parse_expr("count(*)");
  CHECK(e->star_arg);
  CHECK(e->args.empty());
}

TEST_CASE("ORDER BY inside an aggregate call", "[grammar][expr]") {
  CHECK(shape("string_agg(name, ',' ORDER BY ts DESC)") == "string_agg(name ',' order by ts desc)");
  CHECK(shape("first_value(x ORDER BY y, z DESC NULLS LAST)") == "first_value(x order by y, z desc nulls last)");
  CHECK(shape("array_agg(DISTINCT x ORDER BY x)") == "array_agg(distinct x order by x)");
  auto e = parse_expr("last_value(x ORDER BY y NULLS FIRST) OVER (PARTITION BY k)");
  REQUIRE(e->order_by.size() == 1);
  CHECK(e->order_by[0].nulls_first == true);
  CHECK(e->over != nullptr);
  CHECK(parse_expr("count(x)")->order_by.empty());
  // ORDER BY needs an argument before it, and a call in FROM is no aggregate
  CHECK(eddy::test::parse_error("SELECT count(ORDER BY x) FROM t").sqlstate() == "42601");
  CHECK(eddy::test::parse_error("SELECT * FROM generate_series(1, 3 ORDER BY 1)").sqlstate() == "42809");
}

TEST_CASE("SQL functions written without parentheses", "[grammar][expr]") {
  CHECK(shape("current_user") == "current_user()");
  CHECK(shape("session_user") == "session_user()");
  CHECK(shape("USER") == "current_user()");
  CHECK(shape("current_schema") == "current_schema()");
  CHECK(shape("current_schema()") == "current_schema()");
  CHECK(shape("CURRENT_TIMESTAMP") == "current_timestamp()");
  CHECK(shape("current_date") == "current_date()");
  CHECK(shape("current_catalog") == "current_catalog()");
  CHECK(shape("localtimestamp") == "localtimestamp()");
}

TEST_CASE("extract and AT TIME ZONE", "[grammar][expr]") {
  CHECK(shape("extract(EPOCH FROM ts)") == "extract('epoch' ts)");
  CHECK(shape("EXTRACT(year FROM ts + INTERVAL '1 day')") ==
        "extract('year' (+ ts interval'1 day'))");
  CHECK(shape("extract('hour' FROM ts)") == "extract('hour' ts)");
  CHECK(shape("ts AT TIME ZONE 'UTC'") == "timezone('UTC' ts)");
}

TEST_CASE("CASE", "[grammar][expr]") {
  CHECK(shape("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END") ==
        "(case (> a 1) 'x' (> a 0) 'y' else 'z')");
  CHECK(shape("CASE a WHEN 1 THEN 'one' END") == "(case a 1 'one')");
}

TEST_CASE("subqueries", "[grammar][expr]") {
  auto e = parse_expr("(SELECT max(a) FROM t)");
  REQUIRE(e->kind == ExprKind::Subquery);
  REQUIRE(e->subquery);
  CHECK(e->subquery->items.size() == 1);
  CHECK(shape("EXISTS (SELECT 1 FROM t WHERE t.a = b)") == "(exists subquery)");
  CHECK(shape("NOT EXISTS (SELECT 1)") == "(not (exists subquery))");
  CHECK(shape("((a))") == "a");
}

TEST_CASE("column references", "[grammar][expr]") {
  auto e = parse_expr("t.\"Col\"");
  REQUIRE(e->kind == ExprKind::ColumnRef);
  CHECK(e->name == std::vector<std::string>{"t", "Col"});
  CHECK(shape("public.t.a") == "public.t.a");
  CHECK(shape("count") == "count");
  CHECK(shape("key") == "key");
  CHECK(shape("window_start") == "window_start");
  CHECK(shape("t.from") == "t.from");
}

TEST_CASE("operator positions", "[grammar][expr]") {
  auto e = parse_expr("a + b");  // SELECT a + b
  CHECK(e->position == 10);
  CHECK(e->args[0]->position == 8);
  CHECK(e->args[1]->position == 12);
  auto f = parse_expr("x::int");
  CHECK(f->position == 9);
}
