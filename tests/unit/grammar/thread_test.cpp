// parse_sql keeps no state between calls and may run on several threads at once (the ANTLR
// DFA caches it shares are locked by the runtime).

#include <atomic>
#include <thread>

#include "parse_helpers.h"

using namespace eddy;

TEST_CASE("parse_sql on several threads at once", "[grammar][threads]") {
  const char* statements[] = {
      "SELECT asset, count(*) FROM clicks GROUP BY asset, WINDOW(ts, '1 minute')",
      "CREATE STREAM s (a INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1 second') "
      "USING redis OPTIONS (stream.keys 'k')",
      "SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = ANY (ARRAY[1, 2])",
      "COPY t FROM STDIN CSV HEADER",
      "SELECT 1 UNION SELECT 2 EXCEPT SELECT 3 ORDER BY 1",
  };
  std::atomic<int> parsed{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        try {
          parsed += static_cast<int>(parse_sql(statements[(t + i) % 5]).size());
          parse_sql("SELECT FROM WHERE");
          ++failures;  // must have thrown
        } catch (const SqlError& e) {
          if (e.sqlstate() != "42601" || e.position() != 13) ++failures;
        } catch (...) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(parsed == 200);
  CHECK(failures == 0);
}
