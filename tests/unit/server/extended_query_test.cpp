#include <catch.hpp>

#include "common/error.h"
#include "grammar/parser.h"
#include "server/database.h"
#include "server/executor.h"
#include "server/extended_query.h"

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
