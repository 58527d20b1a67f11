// Parameter type inference (server/parameter_types.h): each expected list is what PostgreSQL 15
// reports in ParameterDescription for the same Parse with every type unspecified (checked
// against a real server with a raw Parse / Describe / Sync).

#include <catch.hpp>

#include "grammar/parser.h"
#include "server/database.h"
#include "server/executor.h"
#include "server/extended_query.h"
#include "server/parameter_types.h"

using namespace eddy;

namespace {

class NullWriter : public ResultWriter {
 public:
  void describe(const std::vector<OutputColumn>&) override {}
  void rows(const Batch&) override {}
  void complete(const std::string&) override {}
};

std::vector<uint32_t> infer(Database& db, const std::string& sql, std::vector<uint32_t> declared = {}) {
  auto statements = parse_sql(sql);
  REQUIRE(statements.size() == 1);
  size_t count = std::max<size_t>(count_parameters(sql), declared.size());
  return infer_parameter_types(db, statements[0], declared, count);
}

using Oids = std::vector<uint32_t>;

}  // namespace

TEST_CASE("unspecified parameter types come from their context, as in PostgreSQL", "[server][parameters]") {
  Database db(DatabaseOptions{});
  Executor executor(db);
  SessionState session;
  NullWriter w;
  for (const auto& st : parse_sql("CREATE TABLE pt (id BIGINT PRIMARY KEY, name TEXT, ts TIMESTAMP, d DATE, n NUMERIC, "
                                  "r REAL, i INTEGER, b BOOLEAN, iv INTERVAL, j JSONB, v VARCHAR(10))"))
    executor.execute(st, session, w);

  CHECK(infer(db, "SELECT * FROM pt WHERE id = $1") == Oids{20});
  CHECK(infer(db, "SELECT $1 + 1") == Oids{23});
  CHECK(infer(db, "SELECT 1 LIMIT $1 OFFSET $2") == Oids{20, 20});
  CHECK(infer(db, "INSERT INTO pt VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)") ==
        Oids{20, 25, 1114, 1082, 1700, 700, 23, 16, 1186, 3802, 1043});
  CHECK(infer(db, "SELECT $1") == Oids{25});
  CHECK(infer(db, "SELECT $1::date") == Oids{1082});
  CHECK(infer(db, "SELECT name FROM pt WHERE name = $1 AND ts > $2") == Oids{25, 1114});
  CHECK(infer(db, "SELECT * FROM pt WHERE id IN ($1, $2)") == Oids{20, 20});
  CHECK(infer(db, "SELECT * FROM pt WHERE i BETWEEN $1 AND $2") == Oids{23, 23});
  CHECK(infer(db, "SELECT $1 || 'x'") == Oids{25});
  CHECK(infer(db, "SELECT upper($1)") == Oids{25});
  CHECK(infer(db, "SELECT coalesce($1, 5)") == Oids{23});
  CHECK(infer(db, "SELECT * FROM pt WHERE name LIKE $1") == Oids{25});
  CHECK(infer(db, "SELECT n * $1 FROM pt") == Oids{1700});
  CHECK(infer(db, "SELECT ts + $1 FROM pt") == Oids{1186});
  CHECK(infer(db, "SELECT * FROM pt WHERE b = $1 OR r < $2") == Oids{16, 700});
  CHECK(infer(db, "SELECT * FROM pt WHERE v = $1") == Oids{25});
  CHECK(infer(db, "INSERT INTO pt (id, name) VALUES ($1, upper($2))") == Oids{20, 25});
  CHECK(infer(db, "SELECT $2::int, $1") == Oids{25, 23});
  CHECK(infer(db, "SELECT CASE WHEN $1 THEN 1 END") == Oids{16});
  CHECK(infer(db, "SELECT * FROM pt WHERE d = $1") == Oids{1082});
  CHECK(infer(db, "SELECT * FROM pt WHERE j = $1") == Oids{3802});
  CHECK(infer(db, "DECLARE c CURSOR FOR SELECT * FROM pt WHERE id > $1") == Oids{20});
  CHECK(infer(db, "COPY (SELECT * FROM pt WHERE ts < $1) TO STDOUT") == Oids{1114});
  CHECK(infer(db, "EXPLAIN SELECT * FROM pt WHERE i = $1") == Oids{23});
}

TEST_CASE("declared parameter types are kept and steer the others", "[server][parameters]") {
  Database db(DatabaseOptions{});
  Executor executor(db);
  SessionState session;
  NullWriter w;
  for (const auto& st : parse_sql("CREATE TABLE pt (id BIGINT PRIMARY KEY, name TEXT)")) executor.execute(st, session, w);
  CHECK(infer(db, "SELECT * FROM pt WHERE id = $1", {23}) == Oids{23});       // int4 declared
  CHECK(infer(db, "SELECT $1 + $2", {20}) == Oids{20, 20});                    // int8 + unknown -> int8
  CHECK(infer(db, "SELECT * FROM pt WHERE id = $1", {0}) == Oids{20});
  CHECK(infer(db, "SELECT 1", {23, 0}) == Oids{23, 25});                        // more declared than used
  CHECK(infer(db, "SELECT * FROM pt WHERE id = $1", {2950}) == Oids{2950});   // a type Eddy lacks (uuid)
}

TEST_CASE("statements that do not plan still get types and never throw at Parse", "[server][parameters]") {
  Database db(DatabaseOptions{});
  Executor executor(db);
  SessionState session;
  NullWriter w;
  for (const auto& st : parse_sql("CREATE TABLE pt (id BIGINT PRIMARY KEY)")) executor.execute(st, session, w);
  CHECK(infer(db, "SELECT * FROM nope WHERE x = $1") == Oids{25});
  CHECK(infer(db, "INSERT INTO nope VALUES ($1)") == Oids{25});
  CHECK(infer(db, "SELECT $1::int, nope, $2 FROM pt") == Oids{23, 25});  // found before the error
  CHECK(infer(db, "CREATE TABLE x (a INT)").empty());
}
