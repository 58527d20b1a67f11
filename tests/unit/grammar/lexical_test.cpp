// Case folding, quoted identifiers, comments, and scripts of several statements with their
// text and 1-based character positions.

#include "parse_helpers.h"

using namespace eddy;
using eddy::test::parse_as;
using eddy::test::parse_select;
using eddy::test::render;

TEST_CASE("keywords are case-insensitive, identifiers fold to lower case", "[grammar][lexical]") {
  auto s = parse_select("sElEcT Asset, COST FrOm Clicks WhErE Cost > 1");
  CHECK(render(*s.items[0].expr) == "asset");
  CHECK(render(*s.items[1].expr) == "cost");
  CHECK(s.from[0]->name == std::vector<std::string>{"clicks"});
  auto c = parse_as<ast::CreateStream>("create stream IF not EXISTS MyStream (MyCol Text)");
  CHECK(c.name == "mystream");
  CHECK(c.columns[0].name == "mycol");
  CHECK(c.columns[0].type.name == "text");
}

TEST_CASE("quoted identifiers keep their case", "[grammar][lexical]") {
  auto s = parse_select("SELECT \"Asset\", \"a\"\"b\", \"select\", \"with space\" FROM \"Clicks\"");
  CHECK(s.items[0].expr->name == std::vector<std::string>{"Asset"});
  CHECK(s.items[1].expr->name == std::vector<std::string>{"a\"b"});
  CHECK(s.items[2].expr->name == std::vector<std::string>{"select"});
  CHECK(s.items[3].expr->name == std::vector<std::string>{"with space"});
  CHECK(s.from[0]->name == std::vector<std::string>{"Clicks"});
  auto c = parse_as<ast::CreateTable>("CREATE TABLE \"T\" (\"Id\" INT PRIMARY KEY)");
  CHECK(c.name == "T");
  CHECK(c.columns[0].name == "Id");
}

TEST_CASE("non-ASCII identifiers; only ASCII letters fold", "[grammar][lexical]") {
  auto s = parse_select("SELECT Café, ÉTÉ FROM t");
  CHECK(s.items[0].expr->name == std::vector<std::string>{"caf\xc3\xa9"});
  CHECK(s.items[1].expr->name == std::vector<std::string>{"\xc3\x89t\xc3\x89"});
}

TEST_CASE("comments", "[grammar][lexical]") {
  auto s = parse_select(
      "-- leading comment\n"
      "SELECT /* inline */ a, -- trailing\n"
      "  /* multi\n line */ b /* nested /* inner */ still comment */ FROM t --end");
  CHECK(s.items.size() == 2);
  CHECK(render(*s.items[1].expr) == "b");
  auto statements = parse_sql("SELECT 1 -- no newline at the end");
  REQUIRE(statements.size() == 1);
  CHECK(statements[0].text == "SELECT 1");
  CHECK(render(*parse_select("SELECT 1--2").items[0].expr) == "1");
  CHECK(render(*parse_select("SELECT 4/*c*/-2").items[0].expr) == "(- 4 2)");
}

TEST_CASE("scripts: statements, text and positions", "[grammar][lexical]") {
  auto statements = parse_sql("SELECT 1; SELECT 2 ;\n  SHOW ALL;;  ");
  REQUIRE(statements.size() == 3);
  CHECK(statements[0].text == "SELECT 1");
  CHECK(statements[0].position == 1);
  CHECK(statements[1].text == "SELECT 2");
  CHECK(statements[1].position == 11);
  CHECK(statements[2].text == "SHOW ALL");
  CHECK(statements[2].position == 24);

  auto commented = parse_sql("/* header */ SELECT 'a;b' -- x;\n; INSERT INTO t VALUES (';')");
  REQUIRE(commented.size() == 2);
  CHECK(commented[0].position == 14);
  CHECK(commented[0].text == "SELECT 'a;b'");
  CHECK(commented[1].text == "INSERT INTO t VALUES (';')");

  // Positions count characters, not bytes.
  auto wide = parse_sql("SELECT 'é'; SELECT 'ü'");
  REQUIRE(wide.size() == 2);
  CHECK(wide[1].position == 13);
  CHECK(wide[1].text == "SELECT '\xc3\xbc'");
  auto select = std::get<ast::SelectStmt>(std::move(wide[1].body));
  CHECK(select.items[0].expr->position == 20);
}

TEST_CASE("empty scripts", "[grammar][lexical]") {
  CHECK(parse_sql("").empty());
  CHECK(parse_sql("   \n\t").empty());
  CHECK(parse_sql(";;;").empty());
  CHECK(parse_sql("-- only a comment").empty());
  CHECK(parse_sql("/* c */ ; -- d").empty());
}

TEST_CASE("multi-line statement text is kept verbatim", "[grammar][lexical]") {
  auto statements = parse_sql("CREATE STREAM s (\n  a INT\n)\n;\nSELECT\n  a\nFROM s");
  REQUIRE(statements.size() == 2);
  CHECK(statements[0].text == "CREATE STREAM s (\n  a INT\n)");
  CHECK(statements[1].text == "SELECT\n  a\nFROM s");
  CHECK(statements[1].position == 31);
}
