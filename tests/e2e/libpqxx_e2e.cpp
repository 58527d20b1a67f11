// End to end through libpqxx (Debian's libpqxx 6.4), the way a C++ application talks to Eddy:
// start a server, create a stream and a view, insert rows (simple and extended protocol), poll
// the view until the counts appear, check SQLSTATEs of errors; then named prepared statements
// with parameters of every type, SQL cursors (pqxx::stateless_cursor scrolls with MOVE and
// FETCH) and transactions through pqxx; and through plain libpq what pqxx does not expose:
// binary parameters and results decoded byte by byte, parameter types inferred by the server
// (PQdescribePrepared), the transaction status, and pipeline mode's error recovery.
//
//   libpqxx_e2e --eddy PATH [--timeout-seconds N]
//
// Prints one "ok"/"not ok" line per check; exit status 0 when all passed.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <libpq-fe.h>
#include <pqxx/pqxx>

#include "tests/support/eddy_process.h"

namespace {

int g_failures = 0;

void check(bool ok, const std::string& what, const std::string& detail = "") {
  std::printf("%s - %s\n", ok ? "ok" : "not ok", what.c_str());
  if (!ok) {
    ++g_failures;
    if (!detail.empty()) std::printf("    %s\n", detail.c_str());
  }
  std::fflush(stdout);
}

// Runs `body` and checks that it throws pqxx::sql_error with `sqlstate`.
void check_sqlstate(const std::string& what, const std::string& sqlstate, const std::function<void()>& body) {
  try {
    body();
    check(false, what, "no error; expected SQLSTATE " + sqlstate);
  } catch (const pqxx::sql_error& e) {
    check(e.sqlstate() == sqlstate, what, "SQLSTATE " + e.sqlstate() + ": " + e.what());
  }
}

// The view's rows as "asset clicks spend;" text, in asset order.
std::string view_rows(pqxx::nontransaction& tx) {
  std::string out;
  for (const auto& row : tx.exec("SELECT asset, clicks, spend FROM per_asset ORDER BY asset")) {
    out += row[0].as<std::string>() + " " + std::to_string(row[1].as<long long>()) + " " +
           row[2].as<std::string>() + ";";
  }
  return out;
}

void run(const std::string& conninfo, std::chrono::seconds timeout) {
  pqxx::connection conn(conninfo);
  check(conn.server_version() == 150000, "server_version reports 15.0 (150000)",
        "got " + std::to_string(conn.server_version()));

  // No BEGIN/COMMIT: each statement on its own, as autocommit drivers send them.
  pqxx::nontransaction tx(conn);
  tx.exec0("CREATE STREAM clicks (asset TEXT, cost BIGINT, ts TIMESTAMP)");
  tx.exec0(
      "CREATE MATERIALIZED VIEW per_asset AS "
      "SELECT asset, count(*) AS clicks, sum(cost) AS spend FROM clicks GROUP BY asset");
  auto inserted = tx.exec0(
      "INSERT INTO clicks VALUES ('a', 29, '2026-11-20 10:00:00'), ('b', 3, '2026-11-20 10:00:01')");
  check(inserted.affected_rows() == 2, "INSERT reports 2 rows",
        "got " + std::to_string(inserted.affected_rows()));

  // The extended protocol (Parse/Bind/Execute with parameters), what drivers use.
  for (int i = 0; i < 8; ++i) {
    tx.exec_params("INSERT INTO clicks VALUES ($1, $2, $3)", "a", i + 1, "2026-11-20 10:01:00");
  }

  const std::string want = "a 9 65;b 1 3;";  // a: 29 + (1 + ... + 8) = 65
  std::string got;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while ((got = view_rows(tx)) != want && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  check(got == want, "the view reaches " + want, "last seen: " + got);

  auto one = tx.exec_params("SELECT clicks FROM per_asset WHERE asset = $1", "b");
  check(one.size() == 1 && one[0][0].as<long long>() == 1, "a parameterized SELECT on the view");

  check_sqlstate("unknown relation is 42P01", "42P01", [&] { tx.exec("SELECT * FROM no_such_view"); });
  check_sqlstate("syntax error is 42601", "42601", [&] { tx.exec("SELEC 1"); });
  check_sqlstate("bad BIGINT text is 22P02", "22P02",
                 [&] { tx.exec("INSERT INTO clicks VALUES ('c', 'abc', '2026-11-20 10:00:00')"); });
  check(tx.exec1("SELECT 1")[0].as<int>() == 1, "the connection survives errors");
}

// ---- prepared statements, cursors and transactions through pqxx ------------------------------

void prepared_statements(const std::string& conninfo) {
  pqxx::connection conn(conninfo);
  pqxx::nontransaction tx(conn);
  tx.exec0(
      "CREATE TABLE typed (id INTEGER PRIMARY KEY, b BOOLEAN, s SMALLINT, l BIGINT, r REAL, d DOUBLE PRECISION, "
      "n NUMERIC, t TEXT, v VARCHAR(10), ts TIMESTAMP, tz TIMESTAMPTZ, dt DATE, iv INTERVAL, j JSONB)");
  conn.prepare("ins", "INSERT INTO typed VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
  for (int i = 1; i <= 3; ++i) {
    auto r = tx.exec_prepared("ins", i, i % 2 == 1, -i, 9000000000LL * i, 1.5 * i, -2.25 * i, "12.345",
                              "h\xc3\xa9llo 'x' " + std::to_string(i), "v" + std::to_string(i),
                              "2026-11-20 10:00:00.123456", "2026-11-20 10:00:00+00", "2026-11-20", "1 day 02:03:04",
                              "{\"b\": 1, \"a\": [" + std::to_string(i) + "]}");
    check(r.affected_rows() == 1, "a named prepared INSERT with every type, execution " + std::to_string(i));
  }
  tx.exec_prepared("ins", 4, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                   nullptr, nullptr, nullptr);

  conn.prepare("sel", "SELECT b, s, l, r, d, n, t, v, ts, tz, dt, iv, j FROM typed WHERE id = $1");
  auto row = tx.exec_prepared1("sel", 2);
  check(!row[0].as<bool>() && row[1].as<int>() == -2 && row[2].as<long long>() == 18000000000LL &&
            row[3].as<double>() == 3.0 && row[4].as<double>() == -4.5,
        "prepared SELECT: boolean, smallint, bigint, real, double precision");
  check(row[5].as<std::string>() == "12.345" && row[6].as<std::string>() == "h\xc3\xa9llo 'x' 2" &&
            row[7].as<std::string>() == "v2",
        "prepared SELECT: numeric, text, varchar", row[5].as<std::string>() + " " + row[6].as<std::string>());
  check(row[8].as<std::string>() == "2026-11-20 10:00:00.123456" && row[9].as<std::string>() == "2026-11-20 10:00:00+00" &&
            row[10].as<std::string>() == "2026-11-20" && row[11].as<std::string>() == "1 day 02:03:04",
        "prepared SELECT: timestamp, timestamptz, date, interval",
        row[8].as<std::string>() + " | " + row[9].as<std::string>() + " | " + row[11].as<std::string>());
  check(row[12].as<std::string>() == "{\"a\": [2], \"b\": 1}", "prepared SELECT: jsonb in its canonical text",
        row[12].as<std::string>());
  auto nulls = tx.exec_prepared1("sel", 4);
  bool all_null = true;
  for (const auto& f : nulls) all_null = all_null && f.is_null();
  check(all_null, "NULL parameters of every type store NULLs");
  check(tx.exec_prepared("sel", 99).empty(), "a prepared SELECT without a match returns no rows");
}

void cursors_and_transactions(const std::string& conninfo) {
  pqxx::connection conn(conninfo);
  {
    pqxx::nontransaction tx(conn);
    tx.exec0("CREATE TABLE seq (id BIGINT PRIMARY KEY)");
    tx.exec0("INSERT INTO seq VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
  }
  {
    pqxx::work tx(conn);  // BEGIN ... COMMIT
    // A scrollable SQL cursor: pqxx moves it with MOVE and reads it with FETCH, both ways.
    pqxx::stateless_cursor<pqxx::cursor_base::read_only, pqxx::cursor_base::owned> cur(
        tx, "SELECT id FROM seq ORDER BY id", "scroller", false);
    check(cur.size() == 10, "a stateless cursor counts its 10 rows", std::to_string(cur.size()));
    auto mid = cur.retrieve(4, 7);
    check(mid.size() == 3 && mid[0][0].as<int>() == 4 && mid[2][0].as<int>() == 6, "rows 4..6 from the cursor");
    // The same calls on PostgreSQL 15 return exactly these rows (pqxx tracks the position from
    // the MOVE / FETCH counts, so a wrong count would show here).
    auto ids = [](const pqxx::result& r) {
      std::string out;
      for (const auto& row : r) out += row[0].as<std::string>();
      return out;
    };
    check(ids(cur.retrieve(2, 0)) == "21", "rows 2 down to 1, scrolling back");
    check(ids(cur.retrieve(8, 10)) == "89", "the last two rows");
    check(ids(cur.retrieve(9, 5)) == "9876", "rows 9 down to 6");
    check(ids(cur.retrieve(0, 10)) == "0123456789", "all rows from the start again");
    tx.commit();
  }
  {
    pqxx::work tx(conn);
    tx.exec0("INSERT INTO seq VALUES (10)");
    tx.abort();  // ROLLBACK: Eddy applied the write already (documented)
  }
  pqxx::nontransaction tx(conn);
  check(tx.exec1("SELECT count(*) FROM seq")[0].as<int>() == 11, "writes inside a rolled-back block stay (Eddy)");
}

// ---- plain libpq: binary formats, inferred parameter types, pipelines ------------------------

using PgConn = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

PgResult exec(PGconn* c, const char* sql) { return PgResult(PQexec(c, sql), &PQclear); }

uint64_t be(const char* p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

std::string field(const PGresult* r, int col) { return std::string(PQgetvalue(r, 0, col), PQgetlength(r, 0, col)); }

void binary_formats(PGconn* c) {
  PgResult created = exec(c,
                          "CREATE TABLE bin (id BIGINT PRIMARY KEY, b BOOLEAN, s SMALLINT, i INTEGER, r REAL, "
                          "d DOUBLE PRECISION, n NUMERIC, t TEXT, ts TIMESTAMP, dt DATE, iv INTERVAL, j JSONB)");
  check(PQresultStatus(created.get()) == PGRES_COMMAND_OK, "CREATE TABLE bin", PQresultErrorMessage(created.get()));

  // Binary parameters: int8 id, float8 d; the rest as text with their types left to the server.
  char id[8], d[8];
  const int64_t id_value = 7;
  const double d_value = -2.25;
  uint64_t bits;
  std::memcpy(&bits, &d_value, 8);
  for (int k = 0; k < 8; ++k) {
    id[k] = static_cast<char>(uint64_t(id_value) >> (56 - 8 * k));
    d[k] = static_cast<char>(bits >> (56 - 8 * k));
  }
  const char* values[12] = {id, "t", "-12", "123456", "1.5", d, "12.345", "h\xc3\xa9llo",
                            "2026-11-20 10:00:00.123456", "2026-11-20", "1 year 2 mons 3 days 04:05:06.789",
                            "{\"k\": [1, 2]}"};
  int lengths[12] = {8, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0};
  int formats[12] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
  Oid types[12] = {20, 0, 0, 0, 0, 701, 0, 0, 0, 0, 0, 0};
  PgResult ins(PQexecParams(c, "INSERT INTO bin VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)", 12, types,
                            values, lengths, formats, 0),
               &PQclear);
  check(PQresultStatus(ins.get()) == PGRES_COMMAND_OK, "INSERT with binary int8 and float8 parameters",
        PQresultErrorMessage(ins.get()));

  PgResult r(PQexecParams(c, "SELECT id, b, s, i, r, d, n, t, ts, dt, iv, j FROM bin", 0, nullptr, nullptr, nullptr,
                          nullptr, 1),
             &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1) {
    check(false, "SELECT in binary format", PQresultErrorMessage(r.get()));
    return;
  }
  const PGresult* g = r.get();
  bool formats_ok = true;
  for (int col = 0; col < 12; ++col) formats_ok = formats_ok && PQfformat(g, col) == 1;
  check(formats_ok, "every column is described as binary (format 1)");
  check(PQgetlength(g, 0, 0) == 8 && be(PQgetvalue(g, 0, 0), 8) == 7, "bigint: 8 bytes big-endian");
  check(field(g, 1) == std::string(1, '\1'), "boolean: one byte 1");
  check(field(g, 2) == std::string("\xff\xf4", 2), "smallint: -12 in two bytes");
  check(be(PQgetvalue(g, 0, 3), 4) == 123456 && PQgetlength(g, 0, 3) == 4, "integer: 4 bytes");
  check(field(g, 4) == std::string("\x3f\xc0\x00\x00", 4), "real: IEEE 754 single");
  check(field(g, 5) == std::string(d, 8), "double precision: IEEE 754 double, as sent");
  check(field(g, 6) == std::string("\x00\x02\x00\x00\x00\x00\x00\x03\x00\x0c\x0d\x7a", 12),
        "numeric: base-10000 digits 12, 3450 with scale 3 (PostgreSQL's bytes)");
  check(field(g, 7) == "h\xc3\xa9llo", "text: the UTF-8 bytes");
  check(field(g, 8) == std::string("\x00\x03\x03\xb1\x13\x6c\xca\x40", 8), "timestamp: µs since 2000-01-01");
  check(field(g, 9) == std::string("\x00\x00\x26\x5c", 4), "date: days since 2000-01-01");
  check(field(g, 10) == std::string("\x00\x00\x00\x03\x6c\x97\xca\x88\x00\x00\x00\x03\x00\x00\x00\x0e", 16),
        "interval: µs, days, months");
  check(field(g, 11) == std::string("\x01{\"k\": [1, 2]}"), "jsonb: version 1, then the text");

  // A wrong binary length is PostgreSQL's error.
  const char* short_id[1] = {"\0\0\0\7"};
  int short_len[1] = {4};
  int bin[1] = {1};
  Oid int8[1] = {20};
  PgResult bad(PQexecParams(c, "SELECT * FROM bin WHERE id = $1", 1, int8, short_id, short_len, bin, 0), &PQclear);
  const char* state = PQresultErrorField(bad.get(), PG_DIAG_SQLSTATE);
  check(state != nullptr && std::string(state) == "08P01", "a 4-byte int8 parameter: 08P01 insufficient data",
        PQresultErrorMessage(bad.get()));
}

void inferred_types_and_status(PGconn* c) {
  PgResult p(PQprepare(c, "by_id", "SELECT * FROM bin WHERE id = $1 AND ts < $2 LIMIT $3", 0, nullptr), &PQclear);
  check(PQresultStatus(p.get()) == PGRES_COMMAND_OK, "PQprepare", PQresultErrorMessage(p.get()));
  PgResult again(PQprepare(c, "by_id", "SELECT 1", 0, nullptr), &PQclear);
  const char* dup = PQresultErrorField(again.get(), PG_DIAG_SQLSTATE);
  check(dup != nullptr && std::string(dup) == "42P05", "preparing a name twice is 42P05");
  PgResult desc(PQdescribePrepared(c, "by_id"), &PQclear);
  check(PQnparams(desc.get()) == 3 && PQparamtype(desc.get(), 0) == 20 && PQparamtype(desc.get(), 1) == 1114 &&
            PQparamtype(desc.get(), 2) == 20,
        "PQdescribePrepared: bigint, timestamp, bigint inferred from the context");
  check(PQnfields(desc.get()) == 12 && PQftype(desc.get(), 10) == 1186, "PQdescribePrepared: the result's columns");

  check(PQtransactionStatus(c) == PQTRANS_IDLE, "idle outside a block");
  exec(c, "BEGIN");
  check(PQtransactionStatus(c) == PQTRANS_INTRANS, "in a block after BEGIN");
  exec(c, "SELECT 1 / 0");
  check(PQtransactionStatus(c) == PQTRANS_INERROR, "in a failed block after an error");
  PgResult ignored = exec(c, "SELECT 1");
  const char* aborted = PQresultErrorField(ignored.get(), PG_DIAG_SQLSTATE);
  check(aborted != nullptr && std::string(aborted) == "25P02", "25P02 until the block ends");
  PgResult commit = exec(c, "COMMIT");
  check(std::string(PQcmdStatus(commit.get())) == "ROLLBACK", "COMMIT of a failed block answers ROLLBACK");
  check(PQtransactionStatus(c) == PQTRANS_IDLE, "idle again");
}

// Pipeline mode: after an error, the server skips everything up to the Sync.
void pipeline(PGconn* c) {
  if (PQenterPipelineMode(c) != 1) {
    check(false, "enter pipeline mode", PQerrorMessage(c));
    return;
  }
  PQsendQueryParams(c, "SELECT 1 / 0", 0, nullptr, nullptr, nullptr, nullptr, 0);
  PQsendQueryParams(c, "INSERT INTO bin (id) VALUES (100)", 0, nullptr, nullptr, nullptr, nullptr, 0);
  PQpipelineSync(c);
  PQsendQueryParams(c, "SELECT 40 + 2", 0, nullptr, nullptr, nullptr, nullptr, 0);
  PQpipelineSync(c);
  std::vector<int> statuses;
  std::string answer;
  for (int syncs = 0; syncs < 2;) {
    PGresult* r = PQgetResult(c);
    if (r == nullptr) continue;  // end of one query's results
    statuses.push_back(PQresultStatus(r));
    if (PQresultStatus(r) == PGRES_TUPLES_OK) answer = PQgetvalue(r, 0, 0);
    if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) ++syncs;
    PQclear(r);
  }
  PQexitPipelineMode(c);
  std::vector<int> want = {PGRES_FATAL_ERROR, PGRES_PIPELINE_ABORTED, PGRES_PIPELINE_SYNC, PGRES_TUPLES_OK,
                           PGRES_PIPELINE_SYNC};
  std::string got;
  for (int s : statuses) got += std::string(PQresStatus(static_cast<ExecStatusType>(s))) + " ";
  check(statuses == want, "pipeline: error, the rest skipped to Sync, then the next batch runs", got);
  check(answer == "42", "pipeline: the statement after the Sync answered");
  PgResult count = exec(c, "SELECT count(*) FROM bin WHERE id = 100");
  check(std::string(PQgetvalue(count.get(), 0, 0)) == "0", "pipeline: the skipped INSERT did not run");
}

// COPY through the extended protocol (PQexecParams is Parse/Bind/Describe/Execute/Sync).
void copy_extended(PGconn* c) {
  PgResult in(PQexecParams(c, "COPY bin (id, t) FROM STDIN WITH (FORMAT csv)", 0, nullptr, nullptr, nullptr, nullptr, 0),
              &PQclear);
  if (PQresultStatus(in.get()) != PGRES_COPY_IN) {
    check(false, "COPY FROM STDIN through the extended protocol starts", PQresultErrorMessage(in.get()));
    return;
  }
  const std::string data = "200,copied\n201,\"with, comma\"\n";
  PQputCopyData(c, data.data(), static_cast<int>(data.size()));
  PQputCopyEnd(c, nullptr);
  PgResult done(PQgetResult(c), &PQclear);
  check(PQresultStatus(done.get()) == PGRES_COMMAND_OK && std::string(PQcmdStatus(done.get())) == "COPY 2",
        "COPY FROM STDIN through the extended protocol: COPY 2", PQresultErrorMessage(done.get()));
  while (PGresult* extra = PQgetResult(c)) PQclear(extra);

  PgResult out(PQexecParams(c, "COPY (SELECT id, t FROM bin WHERE id >= 200 ORDER BY id) TO STDOUT WITH (FORMAT csv)",
                            0, nullptr, nullptr, nullptr, nullptr, 0),
               &PQclear);
  if (PQresultStatus(out.get()) != PGRES_COPY_OUT) {
    check(false, "COPY TO STDOUT through the extended protocol starts", PQresultErrorMessage(out.get()));
    return;
  }
  std::string copied;
  char* buf = nullptr;
  int n;
  while ((n = PQgetCopyData(c, &buf, 0)) > 0) {
    copied.append(buf, static_cast<size_t>(n));
    PQfreemem(buf);
  }
  PgResult end(PQgetResult(c), &PQclear);
  check(copied == "200,copied\n201,\"with, comma\"\n" && std::string(PQcmdStatus(end.get())) == "COPY 2",
        "COPY TO STDOUT through the extended protocol", copied);
  while (PGresult* extra = PQgetResult(c)) PQclear(extra);
  PgResult after = exec(c, "SELECT 1");
  check(PQresultStatus(after.get()) == PGRES_TUPLES_OK, "the connection works after both COPYs");
}

void plain_libpq(const std::string& conninfo) {
  PgConn c(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(c.get()) != CONNECTION_OK) {
    check(false, "libpq connects", PQerrorMessage(c.get()));
    return;
  }
  binary_formats(c.get());
  inferred_types_and_status(c.get());
  pipeline(c.get());
  copy_extended(c.get());
}

}  // namespace

int main(int argc, char** argv) {
  std::string eddy;
  int timeout_seconds = 30;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--eddy") {
      eddy = argv[i + 1];
    } else if (a == "--timeout-seconds") {
      timeout_seconds = std::atoi(argv[i + 1]);
    }
  }
  if (eddy.empty() || timeout_seconds <= 0) {
    std::fprintf(stderr, "usage: libpqxx_e2e --eddy PATH [--timeout-seconds N]\n");
    return 2;
  }

  eddy::test::EddyProcessOptions options;
  options.binary = eddy;
  eddy::test::EddyProcess server(options);
  try {
    server.start();
    run(server.conninfo(), std::chrono::seconds(timeout_seconds));
    prepared_statements(server.conninfo());
    cursors_and_transactions(server.conninfo());
    plain_libpq(server.conninfo());
  } catch (const std::exception& e) {
    check(false, "no unexpected exception", e.what());
  }
  bool was_running = server.running();
  std::string ended = server.stop();
  check(!was_running || !server.crashed(), "the server stops cleanly on SIGTERM", ended);
  if (g_failures > 0) std::printf("server output (tail):\n%s", server.log_tail().c_str());
  std::printf("%s\n", g_failures == 0 ? "all passed" : (std::to_string(g_failures) + " failed").c_str());
  return g_failures == 0 ? 0 : 1;
}
