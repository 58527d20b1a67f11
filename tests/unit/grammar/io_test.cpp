// INSERT, COPY, SUBSCRIBE and cursors.

#include "parse_helpers.h"

using namespace eddy;
using eddy::test::parse_as;
using eddy::test::render;

TEST_CASE("INSERT forms", "[grammar][io]") {
  auto i = parse_as<ast::Insert>("INSERT INTO s.t (a, \"B\") VALUES (1, DEFAULT), ($1, $2)");
  CHECK(i.table == "s.t");
  CHECK(i.columns == std::vector<std::string>{"a", "B"});
  REQUIRE(i.values.size() == 2);
  CHECK(render(*i.values[0][1]) == "default()");
  CHECK(render(*i.values[1][0]) == "$1");
  CHECK_FALSE(i.select);

  auto s = parse_as<ast::Insert>("INSERT INTO t (a) SELECT x FROM u WHERE x > 0");
  CHECK(s.columns == std::vector<std::string>{"a"});
  REQUIRE(s.select);
  CHECK(render(*s.select->where) == "(> x 0)");

  auto p = parse_as<ast::Insert>("INSERT INTO t (SELECT 1)");
  CHECK(p.columns.empty());
  REQUIRE(p.select);
}

TEST_CASE("COPY FROM STDIN with options", "[grammar][io]") {
  auto c = parse_as<ast::CopyStmt>(
      "COPY t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', NULL '')");
  CHECK(c.from);
  CHECK(c.table == "t");
  CHECK(c.columns == std::vector<std::string>{"a", "b"});
  REQUIRE(c.options.size() == 4);
  CHECK(c.options[0].key == "format");
  CHECK(c.options[0].value == "csv");
  CHECK(c.options[1].key == "header");
  CHECK(c.options[1].value == "true");
  CHECK(c.options[2].key == "delimiter");
  CHECK(c.options[2].value == ",");
  CHECK(c.options[3].key == "null");
  CHECK(c.options[3].value == "");

  auto bare = parse_as<ast::CopyStmt>("COPY t FROM STDIN (FORMAT 'text', HEADER)");
  REQUIRE(bare.options.size() == 2);
  CHECK(bare.options[0].value == "text");
  CHECK(bare.options[1].key == "header");
  CHECK(bare.options[1].value == "true");

  CHECK(parse_as<ast::CopyStmt>("COPY t FROM STDIN").options.empty());
}

TEST_CASE("legacy COPY options", "[grammar][io]") {
  auto c = parse_as<ast::CopyStmt>("COPY t FROM STDIN CSV HEADER");
  REQUIRE(c.options.size() == 2);
  CHECK(c.options[0].key == "format");
  CHECK(c.options[0].value == "csv");
  CHECK(c.options[1].key == "header");
  CHECK(c.options[1].value == "true");

  auto d = parse_as<ast::CopyStmt>("COPY t FROM STDIN WITH DELIMITER AS '|' NULL AS '\\N' CSV");
  REQUIRE(d.options.size() == 3);
  CHECK(d.options[0].key == "delimiter");
  CHECK(d.options[0].value == "|");
  CHECK(d.options[1].key == "null");
  CHECK(d.options[1].value == "\\N");
  CHECK(d.options[2].key == "format");
  CHECK(d.options[2].value == "csv");

  auto b = parse_as<ast::CopyStmt>("COPY t TO STDOUT BINARY");
  CHECK(b.options[0].key == "format");
  CHECK(b.options[0].value == "binary");
}

TEST_CASE("COPY TO STDOUT", "[grammar][io]") {
  auto t = parse_as<ast::CopyStmt>("COPY t TO STDOUT");
  CHECK_FALSE(t.from);
  CHECK(t.table == "t");

  auto q = parse_as<ast::CopyStmt>("COPY (SELECT a FROM t) TO STDOUT WITH (FORMAT csv)");
  CHECK_FALSE(q.from);
  CHECK(q.table.empty());
  REQUIRE(q.query);
  CHECK(q.options.size() == 1);

  auto s = parse_as<ast::CopyStmt>(
      "COPY (SUBSCRIBE (SELECT a FROM v) WITH (snapshot false)) TO STDOUT");
  REQUIRE(s.subscribe);
  REQUIRE(s.subscribe->query);
  REQUIRE(s.subscribe->options.size() == 1);
  CHECK(s.subscribe->options[0].key == "snapshot");
  CHECK(s.subscribe->options[0].value == "false");
  CHECK_FALSE(s.file.has_value());
}

TEST_CASE("COPY to and from server-side files parses (execution refuses it)", "[grammar][io]") {
  auto from = parse_as<ast::CopyStmt>("COPY t FROM '/etc/passwd'");
  CHECK(from.from);
  CHECK(from.file == std::optional<std::string>("/etc/passwd"));
  CHECK_FALSE(from.program);
  auto to = parse_as<ast::CopyStmt>("COPY (SELECT 1) TO PROGRAM 'cat' WITH (FORMAT csv)");
  CHECK_FALSE(to.from);
  CHECK(to.file == std::optional<std::string>("cat"));
  CHECK(to.program);
}

TEST_CASE("SUBSCRIBE forms", "[grammar][io]") {
  auto s = parse_as<ast::Subscribe>("SUBSCRIBE v WITH (snapshot true)");
  CHECK(s.target == "v");
  REQUIRE(s.options.size() == 1);
  CHECK(s.options[0].key == "snapshot");
  CHECK(s.options[0].value == "true");
  CHECK(parse_as<ast::Subscribe>("SUBSCRIBE TO public.v WITH (SNAPSHOT = false)").options[0].value ==
        "false");
  CHECK(parse_as<ast::Subscribe>("SUBSCRIBE (SELECT 1)").query);
}

TEST_CASE("DECLARE, FETCH, CLOSE", "[grammar][io]") {
  auto d = parse_as<ast::DeclareCursor>("DECLARE cur CURSOR WITH HOLD FOR SELECT * FROM t");
  CHECK(d.name == "cur");
  CHECK(d.with_hold);
  REQUIRE(d.query);
  CHECK_FALSE(d.subscribe);
  CHECK_FALSE(parse_as<ast::DeclareCursor>("DECLARE c CURSOR WITHOUT HOLD FOR SELECT 1").with_hold);

  auto fetch = [](const char* sql) { return parse_as<ast::Fetch>(sql); };
  CHECK(fetch("FETCH c").count == 1);
  CHECK(fetch("FETCH 100 c").count == 100);
  CHECK(fetch("FETCH FORWARD 5 FROM c").count == 5);
  CHECK(fetch("FETCH FORWARD c").count == 1);
  CHECK(fetch("FETCH FORWARD ALL IN c").count == -1);
  CHECK(fetch("FETCH ALL c").count == -1);
  CHECK(fetch("FETCH NEXT FROM c").count == 1);
  CHECK(fetch("FETCH ALL FROM \"C\"").cursor == "C");
  CHECK(fetch("FETCH 10000000000 c").count == 10000000000);
  CHECK(fetch("FETCH c").direction == ast::FetchDirection::Forward);
  CHECK_FALSE(fetch("FETCH c").move);

  // PostgreSQL's other directions, and MOVE.
  using D = ast::FetchDirection;
  auto is = [&](const char* sql, D direction, int64_t count) {
    INFO(sql);
    ast::Fetch f = fetch(sql);
    CHECK(f.direction == direction);
    CHECK(f.count == count);
  };
  is("FETCH PRIOR FROM c", D::Backward, 1);
  is("FETCH FIRST c", D::Absolute, 1);
  is("FETCH LAST IN c", D::Absolute, -1);
  is("FETCH ABSOLUTE -3 c", D::Absolute, -3);
  is("FETCH RELATIVE 0 c", D::Relative, 0);
  is("FETCH RELATIVE +2 c", D::Relative, 2);
  is("FETCH -2 c", D::Backward, 2);
  is("FETCH BACKWARD c", D::Backward, 1);
  is("FETCH BACKWARD 3 c", D::Backward, 3);
  is("FETCH BACKWARD -3 c", D::Forward, 3);
  is("FETCH FORWARD -3 c", D::Backward, 3);
  is("FETCH BACKWARD ALL c", D::Backward, -1);
  is("FETCH FORWARD 0 c", D::Forward, 0);
  ast::Fetch move = fetch("MOVE LAST IN c");
  CHECK(move.move);
  CHECK(move.direction == D::Absolute);
  CHECK(move.cursor == "c");

  // Cursor options.
  auto binary = parse_as<ast::DeclareCursor>("DECLARE c BINARY NO SCROLL CURSOR WITH HOLD FOR SELECT 1");
  CHECK(binary.binary);
  CHECK(binary.scroll == std::optional<bool>(false));
  CHECK(binary.with_hold);
  CHECK(parse_as<ast::DeclareCursor>("DECLARE c INSENSITIVE SCROLL CURSOR FOR SELECT 1").scroll ==
        std::optional<bool>(true));
  CHECK_FALSE(parse_as<ast::DeclareCursor>("DECLARE c CURSOR FOR SELECT 1").scroll.has_value());
  CHECK(parse_as<ast::DeclareCursor>("DECLARE \"c\" SCROLL CURSOR FOR SELECT a FROM t FOR READ ONLY").query);

  CHECK(parse_as<ast::CloseCursor>("CLOSE c").cursor == "c");
  CHECK(parse_as<ast::CloseCursor>("CLOSE ALL").cursor == "all");
}
