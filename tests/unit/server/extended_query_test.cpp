#include <catch.hpp>

#include "common/error.h"
#include "grammar/parser.h"
#include "server/database.h"
#include "server/executor.h"
#include "server/extended_query.h"
#include "tests/unit/protocol/wire_test_util.h"

using namespace eddy;

namespace {

// Message types in a backend byte string, e.g. "12TDC".
std::string message_types(const std::string& bytes) {
  std::string types;
  size_t i = 0;
  while (i + 5 <= bytes.size()) {
    types.push_back(bytes[i]);
    uint32_t len = (uint8_t(bytes[i + 1]) << 24) | (uint8_t(bytes[i + 2]) << 16) | (uint8_t(bytes[i + 3]) << 8) |
                   uint8_t(bytes[i + 4]);
    i += 1 + len;
  }
  return types;
}

class NullWriter : public ResultWriter {
 public:
  void describe(const std::vector<OutputColumn>&) override {}
  void rows(const Batch&) override {}
  void complete(const std::string&) override {}
};

void run(Executor& ex, SessionState& s, const std::string& sql) {
  NullWriter w;
  for (const auto& st : parse_sql(sql)) ex.execute(st, s, w);
}

}  // namespace

TEST_CASE("$n parameters are counted outside quotes and comments") {
  CHECK(count_parameters("SELECT $1, $2") == 2);
  CHECK(count_parameters("SELECT '$3', \"$4\" -- $5\n /* $6 */ , $1") == 1);
  CHECK(count_parameters("SELECT 1") == 0);
  CHECK(count_parameters("SELECT $12") == 12);
}

TEST_CASE("parse, bind, describe and execute page through a result") {
  Database db(DatabaseOptions{});
  Executor executor(db);
  SessionState session;
  run(executor, session, "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1,'a'),(2,'b'),(3,'c')");
  ExtendedQuery eq(executor, session);
  std::string out;
  eq.parse(protocol::Parse{"", "SELECT name FROM t WHERE id >= $1 ORDER BY id", {}}, out);
  eq.describe(protocol::Describe{'S', ""}, out);
  CHECK(message_types(out) == "1tT");  // ParseComplete, ParameterDescription, RowDescription
  out.clear();
  protocol::Bind bind;
  bind.params.push_back(std::string("2"));
  eq.bind(bind, out);
  eq.describe(protocol::Describe{'P', ""}, out);
  eq.execute(protocol::Execute{"", 1}, out);
  CHECK(message_types(out) == "2TDs");  // one row, then PortalSuspended
  out.clear();
  eq.execute(protocol::Execute{"", 0}, out);
  CHECK(message_types(out) == "DC");
  CHECK(out.find("SELECT 1") != std::string::npos);
  out.clear();
  eq.close(protocol::Close{'P', ""}, out);
  CHECK(message_types(out) == "3");
  CHECK_THROWS_AS(eq.execute(protocol::Execute{"", 0}, out), SqlError);
}

TEST_CASE("binding the wrong number of parameters is an error") {
  Database db(DatabaseOptions{});
  Executor executor(db);
  SessionState session;
  ExtendedQuery eq(executor, session);
  std::string out;
  eq.parse(protocol::Parse{"s1", "SELECT $1::int + $2::int", {}}, out);
  protocol::Bind bind;
  bind.statement = "s1";
  bind.params.push_back(std::string("1"));
  CHECK_THROWS_AS(eq.bind(bind, out), SqlError);
  bind.params.push_back(std::string("41"));
  out.clear();
  eq.bind(bind, out);
  eq.execute(protocol::Execute{"", 0}, out);
  CHECK(out.find("42") != std::string::npos);
  CHECK_THROWS_AS(eq.parse(protocol::Parse{"s2", "SELECT 1; SELECT 2", {}}, out), SqlError);
}

namespace {

using protocol::test::be16;
using protocol::test::be32;
using protocol::test::data_row_fields;
using protocol::test::split_messages;

// The SQLSTATE and message of the SqlError `f` throws.
template <typename F>
std::pair<std::string, std::string> error_of(F&& f) {
  try {
    f();
  } catch (const SqlError& e) {
    return {e.sqlstate(), e.message()};
  }
  return {"", "no error"};
}

// A session with a table t(id BIGINT, name TEXT, ts TIMESTAMP) of rows 1..n.
struct Fixture {
  Database db{DatabaseOptions{}};
  Executor executor{db};
  SessionState session;
  ExtendedQuery eq{executor, session};
  std::string out;

  explicit Fixture(int n = 3) {
    std::string sql = "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, ts TIMESTAMP); INSERT INTO t VALUES ";
    for (int i = 1; i <= n; ++i)
      sql += (i > 1 ? ", " : "") + std::string("(") + std::to_string(i) + ", 'n" + std::to_string(i) +
             "', '2026-11-20 10:00:0" + std::to_string(i % 10) + "')";
    run(executor, session, sql);
  }
  void parse(const std::string& name, const std::string& sql, std::vector<uint32_t> types = {}) {
    eq.parse(protocol::Parse{name, sql, std::move(types)}, out);
  }
  void bind(const std::string& portal, const std::string& statement, std::vector<std::optional<std::string>> params = {},
            std::vector<int16_t> param_formats = {}, std::vector<int16_t> result_formats = {}) {
    protocol::Bind b;
    b.portal = portal;
    b.statement = statement;
    b.params = std::move(params);
    b.param_formats = std::move(param_formats);
    b.result_formats = std::move(result_formats);
    eq.bind(b, out);
  }
  void execute(const std::string& portal, int32_t max_rows = 0) {
    auto copy = eq.execute(protocol::Execute{portal, max_rows}, out);
    REQUIRE_FALSE(copy);
  }
  // Runs one statement through Parse / Bind / Execute of the unnamed statement and portal.
  void exec(const std::string& sql) {
    parse("", sql);
    bind("", "");
    execute("");
  }
  std::string take() { return std::exchange(out, std::string()); }
};

// The CommandComplete tags in a reply.
std::vector<std::string> tags(const std::string& bytes) {
  std::vector<std::string> out;
  for (const auto& m : split_messages(bytes))
    if (m.type == 'C') out.push_back(m.payload.substr(0, m.payload.size() - 1));
  return out;
}

}  // namespace

TEST_CASE("ParameterDescription reports inferred types", "[server][extended]") {
  Fixture f;
  f.parse("s", "SELECT name FROM t WHERE id = $1 AND ts < $2 LIMIT $3");
  f.eq.describe(protocol::Describe{'S', "s"}, f.out);
  auto msgs = split_messages(f.take());
  REQUIRE(msgs.size() == 3);
  CHECK(msgs[1].type == 't');
  CHECK(msgs[1].payload == be16(3) + be32(20) + be32(1114) + be32(20));
  CHECK(msgs[2].type == 'T');

  // A text parameter of an inferred type is parsed as that type at Bind (22P02 when it is not one).
  auto [state, message] = error_of([&] { f.bind("", "s", {std::string("x"), std::string("2026-01-01"), std::nullopt}); });
  CHECK(state == "22P02");
  CHECK(message == "invalid input syntax for type bigint: \"x\"");
}

TEST_CASE("named statements and portals: duplicates and unknown names", "[server][extended]") {
  Fixture f;
  f.parse("s", "SELECT 1");
  CHECK(error_of([&] { f.parse("s", "SELECT 2"); }) ==
        std::pair<std::string, std::string>("42P05", "prepared statement \"s\" already exists"));
  f.parse("", "SELECT 1");
  f.parse("", "SELECT 2");  // the unnamed statement is replaced
  CHECK(error_of([&] { f.bind("", "nope"); }) ==
        std::pair<std::string, std::string>("26000", "prepared statement \"nope\" does not exist"));
  f.bind("p", "s");
  CHECK(error_of([&] { f.bind("p", "s"); }) == std::pair<std::string, std::string>("42P03", "cursor \"p\" already exists"));
  CHECK(error_of([&] { f.execute("nope"); }) == std::pair<std::string, std::string>("34000", "portal \"nope\" does not exist"));
  CHECK(error_of([&] { f.eq.describe(protocol::Describe{'P', "nope"}, f.out); }).first == "34000");
  CHECK(error_of([&] { f.eq.describe(protocol::Describe{'S', "nope"}, f.out); }).first == "26000");
  f.take();
  f.eq.close(protocol::Close{'S', "nope"}, f.out);  // closing what does not exist is fine
  f.eq.close(protocol::Close{'S', "s"}, f.out);
  CHECK(message_types(f.take()) == "33");
  f.execute("p");  // the portal outlives its closed statement
  CHECK(tags(f.take()) == std::vector<std::string>{"SELECT 1"});
  CHECK(error_of([&] { f.parse("x", "SELECT 1; SELECT 2"); }) ==
        std::pair<std::string, std::string>("42601", "cannot insert multiple commands into a prepared statement"));
}

TEST_CASE("binary parameters and results", "[server][extended]") {
  Fixture f;
  f.parse("s", "SELECT id, name, ts FROM t WHERE id = $1");
  f.take();
  f.bind("", "s", {std::string("\0\0\0\0\0\0\0\2", 8)}, {1}, {1});
  f.execute("");
  auto msgs = split_messages(f.take());
  REQUIRE(msgs.size() == 3);  // BindComplete, DataRow, CommandComplete
  auto row = data_row_fields(msgs[1].payload);
  REQUIRE(row.size() == 3);
  CHECK(*row[0] == std::string("\0\0\0\0\0\0\0\2", 8));
  CHECK(*row[1] == "n2");
  // 2026-11-20 10:00:02: PostgreSQL sends 0x000303b1136ae800 for 10:00:00, plus 2000000 µs
  CHECK(*row[2] == std::string("\x00\x03\x03\xb1\x13\x89\x6c\x80", 8));

  // Result formats per column: the name in text, the rest binary.
  f.bind("", "s", {std::string("2")}, {}, {1, 0, 1});
  f.execute("");
  row = data_row_fields(split_messages(f.take())[1].payload);
  CHECK(row[0]->size() == 8);
  CHECK(*row[1] == "n2");
  f.bind("", "s", {std::string("2")}, {}, {1, 0});
  CHECK(error_of([&] { f.execute(""); }) ==
        std::pair<std::string, std::string>("08P01", "bind message has 2 result formats but query has 3 columns"));

  // Wrong lengths of binary parameters, as PostgreSQL words them.
  CHECK(error_of([&] { f.bind("", "s", {std::string("\0\0\0\2", 4)}, {1}); }) ==
        std::pair<std::string, std::string>("08P01", "insufficient data left in message"));
  CHECK(error_of([&] { f.bind("", "s", {std::string(9, '\0')}, {1}); }) ==
        std::pair<std::string, std::string>("22P03", "incorrect binary data format in bind parameter 1"));
  f.parse("j", "SELECT $1::jsonb, $2::numeric");
  CHECK(error_of([&] { f.bind("", "j", {std::string("\x02{}"), std::nullopt}, {1}); }).first == "22P03");
  CHECK(error_of([&] { f.bind("", "j", {std::string("{}"), std::string("\0\x01", 2)}, {0, 1}); }).first == "08P01");
  CHECK(error_of([&] { f.bind("", "j", {std::string("{}"), std::string("1")}, {0, 1, 0}); }) ==
        std::pair<std::string, std::string>("08P01", "bind message has 3 parameter formats but 2 parameters"));
}

TEST_CASE("Execute pages with PortalSuspended, then completes", "[server][extended]") {
  Fixture f(4);
  f.parse("", "SELECT id FROM t ORDER BY id");
  f.bind("p", "");
  f.execute("p", 2);
  CHECK(message_types(f.take()) == "12DDs");
  f.execute("p", 2);  // exactly the last two rows: still suspended, as in PostgreSQL
  CHECK(message_types(f.take()) == "DDs");
  f.execute("p", 2);
  CHECK(tags(f.take()) == std::vector<std::string>{"SELECT 0"});
  f.execute("p", 0);  // a finished SELECT portal answers again with no rows
  CHECK(tags(f.take()) == std::vector<std::string>{"SELECT 0"});

  f.parse("", "INSERT INTO t VALUES (10, 'x', NULL)");
  f.bind("ins", "");
  f.execute("ins", 1);  // a row limit does not apply to INSERT
  CHECK(tags(f.take()) == std::vector<std::string>{"INSERT 0 1"});
  CHECK(error_of([&] { f.execute("ins"); }) ==
        std::pair<std::string, std::string>("55000", "portal \"ins\" cannot be run"));

  f.parse("", "");
  f.bind("", "");
  f.eq.describe(protocol::Describe{'P', ""}, f.out);
  f.execute("");
  CHECK(message_types(f.take()) == "12nI");  // NoData, EmptyQueryResponse
}

TEST_CASE("SET, SHOW, DDL and transactions through the extended protocol", "[server][extended]") {
  Fixture f;
  f.exec("SET application_name = 'x'");
  auto msgs = split_messages(f.take());
  CHECK(msgs[msgs.size() - 2].type == 'S');  // ParameterStatus before CommandComplete
  f.parse("", "SHOW application_name");
  f.bind("", "");
  f.eq.describe(protocol::Describe{'P', ""}, f.out);
  f.execute("");
  msgs = split_messages(f.take());
  REQUIRE(msgs.size() == 5);  // 1 2 T D C
  CHECK(msgs[2].type == 'T');
  CHECK(*data_row_fields(msgs[3].payload)[0] == "x");
  f.exec("CREATE STREAM s (a INT)");
  CHECK(tags(f.take()) == std::vector<std::string>{"CREATE STREAM"});

  f.exec("BEGIN");
  CHECK(f.session.in_transaction);
  f.session.transaction_failed = true;  // what the session does after an error in the block
  auto aborted = std::pair<std::string, std::string>(
      "25P02", "current transaction is aborted, commands ignored until end of transaction block");
  CHECK(error_of([&] { f.parse("", "SELECT 1"); }) == aborted);
  f.take();
  f.exec("COMMIT");  // an aborted block's COMMIT rolls back
  CHECK(tags(f.take()) == std::vector<std::string>{"ROLLBACK"});
  CHECK_FALSE(f.session.in_transaction);
  CHECK_FALSE(f.session.transaction_failed);
  f.exec("SELECT 1");
  CHECK(tags(f.take()) == std::vector<std::string>{"SELECT 1"});
}

TEST_CASE("cursors and portals are one namespace", "[server][extended]") {
  Fixture f(5);
  CHECK(error_of([&] { f.exec("DECLARE c CURSOR FOR SELECT id FROM t"); }) ==
        std::pair<std::string, std::string>("25P01", "DECLARE CURSOR can only be used in transaction blocks"));
  f.take();
  f.exec("BEGIN");
  f.exec("DECLARE c CURSOR FOR SELECT id FROM t ORDER BY id");
  CHECK(tags(f.take()) == std::vector<std::string>{"BEGIN", "DECLARE CURSOR"});
  f.execute("c", 2);  // Execute on a cursor's name reads it
  CHECK(message_types(f.take()) == "DDs");
  f.parse("", "FETCH 2 FROM c");
  f.bind("", "");
  f.eq.describe(protocol::Describe{'P', ""}, f.out);
  f.execute("");
  auto msgs = split_messages(f.take());
  REQUIRE(msgs.size() == 6);  // 1 2 T D D C
  CHECK(*data_row_fields(msgs[3].payload)[0] == "3");
  f.eq.close(protocol::Close{'P', "c"}, f.out);  // Close closes the cursor
  f.take();
  CHECK(error_of([&] { f.exec("FETCH c"); }) == std::pair<std::string, std::string>("34000", "cursor \"c\" does not exist"));
  f.take();
  f.exec("COMMIT");
  CHECK(f.session.portals.size() == 0);
}

TEST_CASE("COPY TO STDOUT through the extended protocol", "[server][extended]") {
  Fixture f(2);
  f.parse("", "COPY (SELECT id, name FROM t ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)");
  f.bind("", "");
  f.eq.describe(protocol::Describe{'P', ""}, f.out);
  f.execute("");
  auto msgs = split_messages(f.take());
  std::string types;
  std::string data;
  for (const auto& m : msgs) {
    types.push_back(m.type);
    if (m.type == 'd') data += m.payload;
  }
  CHECK(types == "12nHdddcC");
  CHECK(data == "id,name\n1,n1\n2,n2\n");
}
