// eddy_bench_freshness: end-to-end freshness of a materialized view fed by a Redis stream.
// See README.md.
//
// A writer XADDs `seq <n> k <n % 100>` to a Redis stream at a fixed rate; the view
//
//   CREATE MATERIALIZED VIEW <view> AS SELECT max(seq) AS hi, count(*) AS n FROM <stream>
//
// (which the caller creates over that key, fresh: no row yet) is watched by a SELECT poller and
// a SUBSCRIBE reader. An event's latency is the time from its XADD leaving this process to the
// first moment an observer sees hi >= its seq. Events sent during the warm-up are not counted.
// At the end, count(*) must equal hi + 1 = the number of events (none lost, none twice).
//
// Prints a summary, then one markdown table row per observer (lines starting with '|'):
//   | label | target/s | achieved/s | SELECT or SUBSCRIBE | measured | p50 | p99 | p99.9 | max |
// (milliseconds). Exit status 0 when every check passed, 1 otherwise, 2 on bad arguments.

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "latency.h"
#include "observers.h"
#include "writer.h"

using namespace freshness;

namespace {

struct Args {
  std::string redis = "127.0.0.1:6379";
  std::string pg;  // libpq conninfo
  std::string key, view;
  int64_t rate = 10000;
  double seconds = 10, warmup = 1, tail = 10;
  bool select = true, subscribe = true;
  int64_t select_pause_us = 0;
  std::string label = "-";
};

[[noreturn]] void usage(const std::string& error) {
  std::fprintf(stderr,
               "%s\nusage: eddy_bench_freshness --pg CONNINFO --key STREAM_KEY --view VIEW [--redis host:port]\n"
               "         [--rate EVENTS_PER_S] [--seconds S] [--warmup S] [--tail S] [--select 0|1]\n"
               "         [--subscribe 0|1] [--select-pause-us US] [--label TEXT]\n",
               error.c_str());
  std::exit(2);
}

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    if (i + 1 >= argc) usage("missing value for " + k);
    const std::string v = argv[++i];
    try {
      if (k == "--redis") a.redis = v;
      else if (k == "--pg") a.pg = v;
      else if (k == "--key") a.key = v;
      else if (k == "--view") a.view = v;
      else if (k == "--rate") a.rate = std::stoll(v);
      else if (k == "--seconds") a.seconds = std::stod(v);
      else if (k == "--warmup") a.warmup = std::stod(v);
      else if (k == "--tail") a.tail = std::stod(v);
      else if (k == "--select") a.select = v != "0";
      else if (k == "--subscribe") a.subscribe = v != "0";
      else if (k == "--select-pause-us") a.select_pause_us = std::stoll(v);
      else if (k == "--label") a.label = v;
      else usage("unknown argument " + k);
    } catch (const std::logic_error&) {
      usage("bad value for " + k + ": " + v);
    }
  }
  if (a.pg.empty() || a.key.empty() || a.view.empty()) usage("--pg, --key and --view are required");
  if (a.rate <= 0 || a.seconds <= 0 || a.warmup < 0 || a.warmup >= a.seconds || a.tail <= 0 || a.select_pause_us < 0)
    usage("need rate > 0, seconds > warmup >= 0, tail > 0, select-pause-us >= 0");
  if (a.redis.find(':') == std::string::npos) usage("--redis is host:port");
  return a;
}

int64_t seconds_ns(double s) { return static_cast<int64_t>(s * 1e9); }

// `rounds` are SELECTs run or change rows received (`what`), over `wall_s` seconds.
void report(const char* path, const Visibility& v, int64_t warmup_end, int64_t rounds, const char* what,
            double wall_s) {
  const Summary s = summarize(v.latencies(warmup_end));
  const Summary gaps = summarize(v.update_gaps(warmup_end));
  std::printf("%-9s  %zu events measured: p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms\n", path, s.count,
              s.p50_ms, s.p99_ms, s.p999_ms, s.max_ms);
  std::printf("%-9s  %lld %s (%.0f/s); hi grew %zu times, every %.2f ms at the median, %.2f ms at most\n", "",
              static_cast<long long>(rounds), what, static_cast<double>(rounds) / wall_s, gaps.count + 1, gaps.p50_ms,
              gaps.max_ms);
}

void row(const Args& a, double achieved, const char* path, const Visibility& v, int64_t warmup_end) {
  const Summary s = summarize(v.latencies(warmup_end));
  std::printf("| %s | %lld | %.0f | %s | %zu | %.2f | %.2f | %.2f | %.2f |\n", a.label.c_str(),
              static_cast<long long>(a.rate), achieved, path, s.count, s.p50_ms, s.p99_ms, s.p999_ms, s.max_ms);
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse_args(argc, argv);
  const int64_t events = static_cast<int64_t>(static_cast<double>(a.rate) * a.seconds);
  const int64_t last_seq = events - 1;
  SendTimes sent(static_cast<size_t>(events));
  Visibility by_select(sent), by_subscribe(sent);
  bool ok = true;
  auto fail = [&](const std::string& what) {
    std::fprintf(stderr, "eddy_bench_freshness: %s\n", what.c_str());
    ok = false;
    return 1;
  };

  std::string error;
  PgConn select_conn = pg_connect(a.pg, error);
  if (!select_conn) return fail(error);
  const ViewState before = read_view(select_conn.get(), a.view, error);
  if (!error.empty()) return fail(error);
  if (before.hi)
    return fail("view " + a.view + " is not empty (hi = " + std::to_string(*before.hi) + "): create a fresh one");
  PgConn subscribe_conn;
  if (a.subscribe) {
    subscribe_conn = pg_connect(a.pg, error);
    if (!subscribe_conn) return fail(error);
    if (error = start_subscribe(subscribe_conn.get(), a.view); !error.empty()) return fail(error);
  }

  std::atomic<bool> stop{false};
  ObserverResult select_result, subscribe_result;
  std::thread select_thread, subscribe_thread;
  if (a.select)
    select_thread = std::thread([&] {
      select_result = poll_select(select_conn.get(), a.view, by_select, last_seq,
                                  std::chrono::microseconds(a.select_pause_us), stop);
    });
  if (a.subscribe)
    subscribe_thread = std::thread([&] {
      subscribe_result = read_subscribe(subscribe_conn.get(), by_subscribe, last_seq, stop);
    });

  WriterConfig wc;
  wc.host = a.redis.substr(0, a.redis.rfind(':'));
  wc.port = std::atoi(a.redis.substr(a.redis.rfind(':') + 1).c_str());
  wc.key = a.key;
  wc.rate = a.rate;
  const int64_t started = now_ns();
  const WriterStats ws = run_writer(wc, sent, stop);
  if (!ws.error.empty()) fail("writer: " + ws.error);

  // The tail: let the observers see the last event (or give up after --tail seconds).
  const int64_t tail_end = now_ns() + seconds_ns(a.tail);
  auto caught_up = [&] {
    return (!a.select || by_select.seen() >= ws.sent - 1) && (!a.subscribe || by_subscribe.seen() >= ws.sent - 1);
  };
  while (!caught_up() && now_ns() < tail_end && (a.select || a.subscribe))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  if (select_thread.joinable()) select_thread.join();
  if (subscribe_thread.joinable()) subscribe_thread.join();
  const double wall_s = static_cast<double>(now_ns() - started) / 1e9;

  const int64_t span_ns = ws.last_ns - ws.first_ns;  // first to last send
  const double achieved =
      ws.sent > 1 && span_ns > 0 ? static_cast<double>(ws.sent - 1) * 1e9 / static_cast<double>(span_ns) : 0;
  const int64_t warmup_end = ws.first_ns + seconds_ns(a.warmup);
  std::printf("stream key %s, view %s: %lld events at %lld/s target, %.0f/s achieved (writer: %lld writes, "
              "at most %.2f ms behind schedule); events sent in the first %.1f s not counted\n",
              a.key.c_str(), a.view.c_str(), static_cast<long long>(ws.sent), static_cast<long long>(a.rate),
              achieved, static_cast<long long>(ws.writes), static_cast<double>(ws.max_late_ns) / 1e6, a.warmup);
  if (a.select) report("SELECT", by_select, warmup_end, select_result.rounds, "SELECTs", wall_s);
  if (a.subscribe) report("SUBSCRIBE", by_subscribe, warmup_end, subscribe_result.rounds, "change rows", wall_s);

  // Checks: every event reached the view exactly once, and both observers saw the last one.
  if (!select_result.error.empty()) fail("SELECT poller: " + select_result.error);
  if (!subscribe_result.error.empty()) fail("SUBSCRIBE reader: " + subscribe_result.error);
  if (a.select && by_select.seen() != ws.sent - 1)
    fail("SELECT saw up to seq " + std::to_string(by_select.seen()) + " of " + std::to_string(ws.sent - 1));
  if (a.subscribe && by_subscribe.seen() != ws.sent - 1)
    fail("SUBSCRIBE saw up to seq " + std::to_string(by_subscribe.seen()) + " of " + std::to_string(ws.sent - 1));
  if (by_select.anomalies() + by_subscribe.anomalies() > 0) fail("hi went backwards or past the last seq sent");
  const ViewState after = read_view(select_conn.get(), a.view, error);
  if (!error.empty()) fail(error);
  else if (after.hi != ws.sent - 1 || after.n != ws.sent)
    fail("view has hi = " + (after.hi ? std::to_string(*after.hi) : std::string("NULL")) + ", n = " +
         std::to_string(after.n) + "; expected " + std::to_string(ws.sent - 1) + ", " + std::to_string(ws.sent));
  else std::printf("check: n = %lld = hi + 1: every event counted once\n", static_cast<long long>(after.n));

  if (a.select) row(a, achieved, "SELECT", by_select, warmup_end);
  if (a.subscribe) row(a, achieved, "SUBSCRIBE", by_subscribe, warmup_end);
  return ok ? 0 : 1;
}
