// The parse cache (grammar/parse_cache.h): a string of a cached shape gets exactly the tree a
// fresh parse gives it, positions and text included; strings the scanner cannot vouch for are
// parsed every time.

#include "grammar/ast_clone.h"
#include "grammar/ast_equal.h"
#include "grammar/literal_shape.h"
#include "grammar/parse_cache.h"
#include "parse_helpers.h"

using namespace eddy;
using eddy::test::parse_error;

namespace {

// A fresh parse of `sql`: the cache cleared first, so it cannot answer.
std::vector<ast::Statement> fresh_parse(std::string_view sql) {
  grammar::clear_parse_cache();
  return parse_sql(sql);
}

bool same(const std::vector<ast::Statement>& a, const std::vector<ast::Statement>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].position != b[i].position || a[i].text != b[i].text) return false;
    const auto* x = std::get_if<ast::SelectStmt>(&a[i].body);
    const auto* y = std::get_if<ast::SelectStmt>(&b[i].body);
    if (x == nullptr || y == nullptr || !grammar::same_select(*x, *y)) return false;
  }
  return true;
}

// Parses `first` twice (which caches its shape), then `second` of the same shape from the
// cache, and requires the result to be what a fresh parse of `second` gives.
void check_cached(const std::string& first, const std::string& second) {
  INFO(first << "  then  " << second);
  const auto expected = fresh_parse(second);
  grammar::clear_parse_cache();
  parse_sql(first);
  parse_sql(first);
  REQUIRE(grammar::parse_cache_size() == 1);
  const size_t hits = grammar::parse_cache_hits();
  const auto got = parse_sql(second);
  CHECK(grammar::parse_cache_hits() == hits + 1);
  CHECK(same(got, expected));
}

// Parsing `sql` three times never uses the cache.
void check_not_cached(const std::string& sql) {
  INFO(sql);
  grammar::clear_parse_cache();
  const auto first = parse_sql(sql);
  const size_t hits = grammar::parse_cache_hits();
  parse_sql(sql);
  const auto again = parse_sql(sql);
  CHECK(grammar::parse_cache_hits() == hits);
  CHECK(again.size() == first.size());
}

}  // namespace

TEST_CASE("literal_shape: literals become markers, with their places", "[grammar][parse_cache]") {
  auto s = grammar::literal_shape("  SELECT a FROM t WHERE id = 42 AND name = 'it''s' ;  ");
  REQUIRE(s);
  CHECK(s->key == "  SELECT a FROM t WHERE id = \x01I AND name = \x01S ;  ");
  REQUIRE(s->literals.size() == 2);
  CHECK(s->literals[0].kind == grammar::LiteralToken::Kind::Integer);
  CHECK(s->literals[0].position == 30);
  CHECK(s->literals[0].chars == 2);
  CHECK(s->literals[1].kind == grammar::LiteralToken::Kind::String);
  CHECK(s->literals[1].chars == 7);
  CHECK(s->begin == 2);
  CHECK(s->position == 3);
  const std::string_view text = "  SELECT a FROM t WHERE id = 42 AND name = 'it''s' ;  ";
  CHECK(text.substr(s->begin, s->end - s->begin) == "SELECT a FROM t WHERE id = 42 AND name = 'it''s'");
  // Characters, not bytes: 'é' is one.
  auto u = grammar::literal_shape("SELECT 'é', 7");
  REQUIRE(u);
  CHECK(u->literals[0].chars == 3);
  CHECK(u->literals[1].position == 13);
  // Words, parameters and quoted names are not literals.
  auto w = grammar::literal_shape("SELECT t1.\"x 1\" FROM t1 WHERE a = $1");
  REQUIRE(w);
  CHECK(w->literals.empty());
}

TEST_CASE("literal_shape: what the scanner does not vouch for", "[grammar][parse_cache]") {
  for (const char* sql : {"SELECT 1.5", "SELECT .5", "SELECT 1e3", "SELECT E'a\\n'", "SELECT $$x$$", "SELECT 1 -- c",
                          "SELECT /* c */ 1", "SELECT 1; SELECT 2", "SELECT 'abc", "SELECT \"abc", "SELECT 12abc",
                          "SELECT x'1f'", "SELECT \x01", "", "  ;  "}) {
    INFO(sql);
    CHECK_FALSE(grammar::literal_shape(sql));
  }
  CHECK_FALSE(grammar::literal_shape(std::string(grammar::kMaxShapeBytes + 1, ' ')));
}

TEST_CASE("parse cache: a cached shape gives what a fresh parse gives", "[grammar][parse_cache]") {
  check_cached("SELECT id, n, spend FROM per_asset WHERE id = 7",
               "SELECT id, n, spend FROM per_asset WHERE id = 12345");
  check_cached("SELECT id, n, spend FROM per_asset WHERE id = 12345;",
               "SELECT id, n, spend FROM per_asset WHERE id = 7;");
  check_cached("select * from v where k = 'a' and n > 1 order by 1 limit 10",
               "select * from v where k = 'a much longer key' and n > 100000 order by 1 limit 2");
  check_cached("SELECT 'é' || x, 1 FROM t WHERE y = 'naïve'", "SELECT 'éé' || x, 22 FROM t WHERE y = 'x'");
  check_cached("SELECT a FROM t WHERE a IN (1, 2, 3) AND b BETWEEN 4 AND 5",
               "SELECT a FROM t WHERE a IN (10, 20, 30) AND b BETWEEN 40 AND 50");
  check_cached("SELECT CAST('7' AS bigint), '8'::int, -9, x AT TIME ZONE 'UTC' FROM t",
               "SELECT CAST('70' AS bigint), '80'::int, -90, x AT TIME ZONE 'Europe/Paris' FROM t");
  check_cached("WITH w AS (SELECT 1 AS a) SELECT a FROM w WHERE a = (SELECT 2) UNION SELECT 3",
               "WITH w AS (SELECT 100 AS a) SELECT a FROM w WHERE a = (SELECT 200) UNION SELECT 300");
  check_cached("SELECT count(*) FROM t", "SELECT count(*) FROM t");  // no literal at all
  check_cached("SELECT k, sum(v) FROM t GROUP BY k HAVING sum(v) > 5 ORDER BY 2 DESC OFFSET 1",
               "SELECT k, sum(v) FROM t GROUP BY k HAVING sum(v) > 55 ORDER BY 2 DESC OFFSET 11");
  check_cached("SELECT 'it''s', ''", "SELECT '''', 'x''y'");
}

TEST_CASE("parse cache: a shape is proved and kept the second time it comes", "[grammar][parse_cache]") {
  grammar::clear_parse_cache();
  const size_t hits = grammar::parse_cache_hits();
  parse_sql("SELECT a FROM t WHERE a = 1");
  parse_sql("SELECT a FROM t WHERE a = 2");
  CHECK(grammar::parse_cache_hits() == hits);
  parse_sql("SELECT a FROM t WHERE a = 3");
  CHECK(grammar::parse_cache_hits() == hits + 1);
}

TEST_CASE("parse cache: shapes it does not keep", "[grammar][parse_cache]") {
  check_not_cached("INSERT INTO t VALUES (1, 'a')");         // only SELECTs
  check_not_cached("SELECT 1::varchar(10)");                 // a literal that is no literal node
  check_not_cached("SELECT DATE '2026-01-01'");              // a typed literal
  check_not_cached("SELECT 1; SELECT 2");                    // two statements
  check_not_cached("SELECT 1.5 FROM t");                     // a decimal: not scanned
  // Errors are not cached: the same error every time.
  grammar::clear_parse_cache();
  CHECK(parse_error("SELECT 1 FROM").message() == parse_error("SELECT 1 FROM").message());
  CHECK(grammar::parse_cache_size() == 0);
}

TEST_CASE("parse cache: a syntax error of a cached shape's sibling is still an error", "[grammar][parse_cache]") {
  grammar::clear_parse_cache();
  parse_sql("SELECT a FROM t WHERE a = 1");
  // Same text but for an unterminated string: not the same shape, so ANTLR reports it.
  SqlError e = parse_error("SELECT a FROM t WHERE a = 'x");
  CHECK(e.sqlstate() == "42601");
}

TEST_CASE("clone_select copies every field", "[grammar][parse_cache]") {
  const auto statements = fresh_parse(
      "WITH w (a) AS (SELECT 1) SELECT DISTINCT x.a AS b, count(DISTINCT y), row_number() OVER "
      "(PARTITION BY a ORDER BY b DESC NULLS FIRST), CASE a WHEN 1 THEN 'x' ELSE 'y' END, "
      "string_agg(s, ',' ORDER BY s), ARRAY[1, 2], (f(x)).n, EXISTS (SELECT 1), a IS NOT NULL, a::numeric(10, 2) "
      "FROM w AS x (a) LEFT JOIN generate_series(1, 3) g ON true CROSS JOIN (SELECT 1) s "
      "WHERE a NOT LIKE 'q%' AND a = ANY (SELECT 1) GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 5 OFFSET 2");
  REQUIRE(statements.size() == 1);
  const auto& select = std::get<ast::SelectStmt>(statements[0].body);
  CHECK(grammar::same_select(*grammar::clone_select(select), select));
}
