// End to end through libpqxx (Debian's libpqxx 6.4), the way a C++ application talks to Eddy:
// start a server, create a stream and a view, insert rows (simple and extended protocol), poll
// the view until the counts appear, check SQLSTATEs of errors, stop the server.
//
//   libpqxx_e2e --eddy PATH [--timeout-seconds N]
//
// Prints one "ok"/"not ok" line per check; exit status 0 when all passed.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>

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
