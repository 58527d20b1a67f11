// eddy_bench_redis_ingest: how fast Eddy's Redis stream source consumes a pre-filled stream,
// against a bare hiredis reader on the same stream, server and machine. See README.md.
//
//   (a) bare:  XREADGROUP GROUP g c COUNT <batch> STREAMS clicks >, then XACK of the IDs it got,
//              until every entry was read; nothing is decoded.
//   (b) eddy:  RedisStreamSource::poll() into a Batch of (asset TEXT, cost BIGINT, _time, _id,
//              _key), committed() (XACK) after every batch, until every entry was consumed.
// Each run reads through a fresh consumer group from entry 0; the runs alternate which reader
// goes first.

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "connectors/redis/redis_connection.h"
#include "connectors/redis/redis_stream_source.h"
#include "redis_test_server.h"

using namespace eddy;
using namespace eddy::connectors;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  int64_t entries = 1000000;
  int64_t assets = 1000;
  int64_t batch = 10000;
  int repeat = 3;
  std::string redis;  // host:port; empty = start our own redis-server
};

[[noreturn]] void usage(const char* error) {
  std::fprintf(stderr,
               "%s\nusage: eddy_bench_redis_ingest [--entries N] [--assets N] [--batch N] [--repeat N] "
               "[--redis host:port]\n",
               error);
  std::exit(2);
}

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (i + 1 >= argc) usage(("missing value for " + k).c_str());
    std::string v = argv[++i];
    if (k == "--entries") a.entries = std::stoll(v);
    else if (k == "--assets") a.assets = std::stoll(v);
    else if (k == "--batch") a.batch = std::stoll(v);
    else if (k == "--repeat") a.repeat = std::stoi(v);
    else if (k == "--redis") a.redis = v;
    else usage(("unknown argument " + k).c_str());
  }
  if (a.entries <= 0 || a.assets <= 0 || a.batch <= 0 || a.repeat <= 0) usage("values must be positive");
  return a;
}

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// utime + stime of another process, in seconds (-1 when unknown).
double other_cpu_seconds(pid_t pid) {
  if (pid <= 0) return -1;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return -1;
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stod(field);
    if (i == 15) stime = std::stod(field);
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct Run {
  double seconds = 0, cpu = 0, server_cpu = -1;
  double rate(int64_t n) const { return static_cast<double>(n) / seconds; }
};

void prefill(RedisConnection& c, const std::string& key, const Args& a) {
  c.command({"DEL", key});
  const auto start = Clock::now();
  std::vector<std::string> assets;
  for (int64_t i = 0; i < a.assets; ++i) assets.push_back("asset_" + std::to_string(i));
  for (int64_t i = 0; i < a.entries; ++i) {
    const std::string cost = std::to_string(1 + (i * 7919) % 100);
    c.append({"XADD", key, "*", "asset", assets[i % a.assets], "cost", cost});
    if (c.outstanding() >= 1000) c.drain_replies("XADD");
  }
  c.drain_replies("XADD");
  const double s = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("prefilled %s with %lld entries over %lld assets in %.2f s (%.0f entries/s)\n", key.c_str(),
              static_cast<long long>(a.entries), static_cast<long long>(a.assets), s, a.entries / s);
}

Run bare_reader(const RedisEndpoint& ep, const std::string& key, const std::string& group, const Args& a,
                pid_t server) {
  RedisConnection c(ep);
  c.command({"XGROUP", "CREATE", key, group, "0"});
  const std::string count = std::to_string(a.batch);
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  const double cpu0 = process_cpu_seconds(), server0 = other_cpu_seconds(server);
  const auto start = Clock::now();
  int64_t read = 0;
  while (read < a.entries) {
    RedisReply r = c.command({"XREADGROUP", "GROUP", group, "bare-1", "COUNT", count, "STREAMS", key, ">"});
    if (r.is_nil()) continue;
    const redisReply* entries = r->element[0]->element[1];
    argv.assign({"XACK", key.c_str(), group.c_str()});
    lens.assign({4, key.size(), group.size()});
    for (size_t e = 0; e < entries->elements; ++e) {  // the IDs straight from the reply
      argv.push_back(entries->element[e]->element[0]->str);
      lens.push_back(entries->element[e]->element[0]->len);
    }
    c.append_argv(static_cast<int>(argv.size()), argv.data(), lens.data());
    c.drain_replies("XACK");
    read += static_cast<int64_t>(entries->elements);
  }
  Run run;
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.cpu = process_cpu_seconds() - cpu0;
  if (server0 >= 0) run.server_cpu = other_cpu_seconds(server) - server0;
  return run;
}

Run eddy_source(const RedisEndpoint& ep, const std::string& key, const std::string& group, const Args& a,
                pid_t server, int64_t expected_cost_sum) {
  catalog::Relation rel = eddy::testing::redis_stream_relation("clicks", {{"asset", Type::text()}, {"cost", Type::int64()}});
  RedisStreamOptions o = parse_redis_stream_options({{"stream.keys", key},
                                                     {"stream.offsets", "earliest"},
                                                     {"stream.group.name", group},
                                                     {"stream.read.batch.size", std::to_string(a.batch)}});
  RedisStreamSource src(rel, ep, o, [](DeadLetter d) { std::fprintf(stderr, "dead letter: %s\n", d.error.c_str()); });
  const double cpu0 = process_cpu_seconds(), server0 = other_cpu_seconds(server);
  const auto start = Clock::now();
  int64_t cost_sum = 0, rows = 0;
  while (src.offset() < static_cast<uint64_t>(a.entries)) {
    Batch b;
    if (src.poll(b, std::chrono::milliseconds(100)) != engine::PollResult::Data) {
      if (!src.health().empty()) std::fprintf(stderr, "%s\n", src.health().c_str());
      continue;
    }
    for (int64_t c : b.columns[1].ints()) cost_sum += c;
    rows += static_cast<int64_t>(b.rows());
    src.committed();
  }
  Run run;
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.cpu = process_cpu_seconds() - cpu0;
  if (server0 >= 0) run.server_cpu = other_cpu_seconds(server) - server0;
  if (rows != a.entries || cost_sum != expected_cost_sum || src.unacknowledged() != 0) {
    std::fprintf(stderr, "eddy run is wrong: %lld rows, cost sum %lld (expected %lld), %zu unacknowledged\n",
                 static_cast<long long>(rows), static_cast<long long>(cost_sum),
                 static_cast<long long>(expected_cost_sum), src.unacknowledged());
    std::exit(1);
  }
  return run;
}

void summary(const char* name, std::vector<Run> runs, int64_t n) {
  std::sort(runs.begin(), runs.end(), [](const Run& x, const Run& y) { return x.seconds > y.seconds; });
  const Run& med = runs[runs.size() / 2];
  std::printf("%-6s entries/s min %10.0f  median %10.0f  max %10.0f   (median run: %.3f s wall, %.3f s CPU here",
              name, runs.front().rate(n), med.rate(n), runs.back().rate(n), med.seconds, med.cpu);
  if (med.server_cpu >= 0) std::printf(", %.3f s CPU in redis-server", med.server_cpu);
  std::printf(")\n");
}

double median_rate(std::vector<Run> runs, int64_t n) {
  std::sort(runs.begin(), runs.end(), [](const Run& x, const Run& y) { return x.seconds > y.seconds; });
  return runs[runs.size() / 2].rate(n);
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse_args(argc, argv);
  std::unique_ptr<eddy::testing::RedisTestServer> own;
  RedisEndpoint ep;
  std::string key = "clicks";
  if (a.redis.empty()) {
    own = std::make_unique<eddy::testing::RedisTestServer>();
    ep = own->endpoint();
    std::printf("started redis-server on port %d\n", own->port());
  } else {
    ep = parse_redis_url("redis://" + a.redis, "--redis");
    key = "eddy-bench-clicks-" + std::to_string(getpid());  // never touch the user's keys
  }
  const pid_t server = own ? own->pid() : -1;
  RedisConnection admin(ep);
  prefill(admin, key, a);
  int64_t expected = 0;
  for (int64_t i = 0; i < a.entries; ++i) expected += 1 + (i * 7919) % 100;

  std::vector<Run> bare, eddy_runs;
  for (int r = 0; r < a.repeat; ++r) {
    const std::string suffix = std::to_string(getpid()) + "-" + std::to_string(r);
    auto run_bare = [&] { bare.push_back(bare_reader(ep, key, "bare-" + suffix, a, server)); };
    auto run_eddy = [&] { eddy_runs.push_back(eddy_source(ep, key, "eddy-" + suffix, a, server, expected)); };
    if (r % 2 == 0) {
      run_bare();
      run_eddy();
    } else {
      run_eddy();
      run_bare();
    }
    std::printf("run %d: bare %.0f entries/s (%.3f s, CPU %.3f s), eddy %.0f entries/s (%.3f s, CPU %.3f s)\n", r + 1,
                bare.back().rate(a.entries), bare.back().seconds, bare.back().cpu, eddy_runs.back().rate(a.entries),
                eddy_runs.back().seconds, eddy_runs.back().cpu);
    admin.command({"XGROUP", "DESTROY", key, "bare-" + suffix});
    admin.command({"XGROUP", "DESTROY", key, "eddy-" + suffix});
  }
  std::printf("\n%lld entries, batch %lld, %d runs\n", static_cast<long long>(a.entries),
              static_cast<long long>(a.batch), a.repeat);
  summary("bare", bare, a.entries);
  summary("eddy", eddy_runs, a.entries);
  std::printf("eddy / bare (medians): %.1f%%\n",
              100.0 * median_rate(eddy_runs, a.entries) / median_rate(bare, a.entries));
  std::printf("process CPU time total: %.2f s\n", process_cpu_seconds());
  if (!own) admin.command({"DEL", key});
  return 0;
}
