// Errors: PostgreSQL's SQLSTATEs, messages and 1-based positions.

#include "parse_helpers.h"

using namespace eddy;
using eddy::test::parse_error;

namespace {
void check_error(const char* sql, const char* sqlstate, const std::string& message, int position) {
  INFO(sql);
  SqlError e = parse_error(sql);
  CHECK(e.sqlstate() == sqlstate);
  CHECK(e.message() == message);
  CHECK(e.position() == position);
}
}  // namespace

TEST_CASE("syntax errors name the token where parsing stopped", "[grammar][errors]") {
  check_error("CREATE STREM x (a INT)", "42601", "syntax error at or near \"STREM\"", 8);
  check_error("SELECT FROM WHERE", "42601", "syntax error at or near \"WHERE\"", 13);
  check_error("SELEC 1", "42601", "syntax error at or near \"SELEC\"", 1);
  check_error("SELECT 1 +;", "42601", "syntax error at or near \";\"", 11);
  check_error("SELECT a FROM t WHERE", "42601", "syntax error at end of input", 22);
  check_error("SELECT * FROM t ORDER a", "42601", "syntax error at or near \"a\"", 23);
  check_error("SELECT 1 ? 2", "42601", "syntax error at or near \"?\"", 10);
  check_error("SELECT 'a' 'b'", "42601", "syntax error at or near \"'b'\"", 12);
  check_error("INSERT INTO t VALUES (1,)", "42601", "syntax error at or near \")\"", 25);
  check_error("CREATE TABLE t (a INT) garbage", "42601", "syntax error at or near \"garbage\"", 24);
  check_error("SELECT a FROM t; DROP", "42601", "syntax error at end of input", 22);
  check_error("SELECT 1; SELEC 2", "42601", "syntax error at or near \"SELEC\"", 11);
}

TEST_CASE("an incomplete statement fails at end of input", "[grammar][errors]") {
  check_error("SELECT 1 +", "42601", "syntax error at end of input", 11);
  check_error("SELECT 1 +   ", "42601", "syntax error at end of input", 14);
  check_error("CREATE STREAM", "42601", "syntax error at end of input", 14);
  check_error("SELECT (1", "42601", "syntax error at end of input", 10);
  check_error("SELECT 'é' +", "42601", "syntax error at end of input", 13);
}

TEST_CASE("unterminated literals and comments", "[grammar][errors]") {
  check_error("SELECT 'abc", "42601", "unterminated quoted string at or near \"'abc\"", 8);
  check_error("SELECT 'it''s", "42601", "unterminated quoted string at or near \"'it''s\"", 8);
  check_error("SELECT E'ab\\'", "42601", "unterminated quoted string at or near \"E'ab\\'\"", 8);
  check_error("SELECT $$abc", "42601", "unterminated dollar-quoted string at or near \"$$abc\"", 8);
  check_error("SELECT \"abc", "42601", "unterminated quoted identifier at or near \"\"abc\"", 8);
  check_error("SELECT 1 /* never closed", "42601",
              "unterminated /* comment at or near \"/* never closed\"", 10);
  // An earlier syntax error wins, as in PostgreSQL.
  check_error("SELEC 'abc", "42601", "syntax error at or near \"SELEC\"", 1);
}

TEST_CASE("lexical and value errors", "[grammar][errors]") {
  check_error("SELECT \"\"", "42601", "zero-length delimited identifier at or near \"\"\"\"", 8);
  check_error("SELECT E'\\u12'", "22025", "invalid Unicode escape", 10);
  check_error("SELECT E'\\xff'", "22021", "invalid byte sequence for encoding \"UTF8\": 0xff", 0);
  check_error("SELECT E'\\xc3'", "22021", "invalid byte sequence for encoding \"UTF8\": 0xc3", 0);
  check_error("SELECT $99999999999", "42601", "syntax error at or near \"$99999999999\"", 8);
  check_error("SELECT 'a\xff'", "22021", "invalid byte sequence for encoding \"UTF8\": 0xff", 0);
  check_error("SELECT '\xe2\x82'", "22021",
              "invalid byte sequence for encoding \"UTF8\": 0xe2 0x82 0x27", 0);
  check_error("SELECT 1 INTERSECT ALL SELECT 2", "0A000", "INTERSECT ALL is not supported", 20);
  check_error("SELECT 1 EXCEPT ALL SELECT 2", "0A000", "EXCEPT ALL is not supported", 17);
}

TEST_CASE("errors carry SQLSTATE 42601 for every malformed statement", "[grammar][errors]") {
  const char* bad[] = {
      "CREATE STREAM s (a)",         "CREATE TABLE t (a INT",      "DROP STREAM",
      "SUBSCRIBE TO",                "FETCH",                      "COPY t FROM",
      "COPY t TO STDIN",             "SET x",                      "SHOW",
      "SELECT * FROM t JOIN u",      "SELECT a b c FROM t",        "INSERT INTO t",
      "CREATE STREAM s USING",       "SELECT count(* FROM t",      "EXPLAIN",
      "SELECT CASE WHEN 1 THEN 2",   "BEGIN ISOLATION LEVEL FOO",  "SELECT 1 = = 2",
      "SELECT a FROM t LIMIT",       "DECLARE c CURSOR FOR",       "SELECT x::",
      "FETCH ABSOLUTE c",            "MOVE BACKWARD 1 2 c",        "DECLARE c SCROLL",
      "SELECT select FROM t",        "SELECT * FROM from",         "SELECT a, FROM t",
  };
  for (const char* sql : bad) {
    INFO(sql);
    CHECK(parse_error(sql).sqlstate() == "42601");
  }
}

TEST_CASE("nesting and chain limits", "[grammar][errors]") {
  auto nested = [](int depth) {
    return "SELECT " + std::string(depth, '(') + "1" + std::string(depth, ')');
  };
  CHECK(parse_sql(nested(256)).size() == 1);
  SqlError deep = parse_error(nested(257));
  CHECK(deep.sqlstate() == "54001");
  CHECK(deep.message() == "stack depth limit exceeded");
  CHECK(deep.position() == 8 + 256);

  std::string nots = "SELECT ";
  for (int i = 0; i < 300; ++i) nots += "NOT ";
  CHECK(parse_error(nots + "true").sqlstate() == "54001");
  std::string minuses = "SELECT ";
  for (int i = 0; i < 300; ++i) minuses += "- ";
  CHECK(parse_error(minuses + "1").sqlstate() == "54001");

  std::string chain = "SELECT 1";
  for (int i = 0; i < 10000; ++i) chain += "+1";
  CHECK(parse_sql(chain).size() == 1);
  SqlError long_chain = parse_error(chain + "+1");
  CHECK(long_chain.sqlstate() == "54001");
  CHECK(long_chain.position() == 8);

  std::string ors = "SELECT * FROM t WHERE a = 0";
  for (int i = 0; i < 10001; ++i) ors += " OR a = 1";
  CHECK(parse_error(ors).sqlstate() == "54001");
}
