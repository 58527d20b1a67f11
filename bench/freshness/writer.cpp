#include "writer.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <memory>
#include <thread>

namespace freshness {

namespace {

struct ContextFree {
  void operator()(redisContext* c) const { redisFree(c); }
};

void append_bulk(std::string& out, std::string_view s) {
  out += '$';
  out += std::to_string(s.size());
  out += "\r\n";
  out += s;
  out += "\r\n";
}

// XADD key * seq <seq> k <seq % 100>, in RESP (what redisCommand would format, without the
// printf parsing).
void append_xadd(std::string& out, const std::string& key, int64_t seq) {
  out += "*7\r\n";
  append_bulk(out, "XADD");
  append_bulk(out, key);
  append_bulk(out, "*");
  append_bulk(out, "seq");
  append_bulk(out, std::to_string(seq));
  append_bulk(out, "k");
  append_bulk(out, std::to_string(seq % 100));
}

}  // namespace

WriterStats run_writer(const WriterConfig& config, SendTimes& send_times, const std::atomic<bool>& stop) {
  WriterStats stats;
  std::unique_ptr<redisContext, ContextFree> c(redisConnect(config.host.c_str(), config.port));
  if (!c || c->err) {
    stats.error = "cannot connect to Redis at " + config.host + ":" + std::to_string(config.port) +
                  (c ? std::string(": ") + c->errstr : std::string());
    return stats;
  }
  const int64_t events = static_cast<int64_t>(send_times.size());
  const int64_t tick_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(config.tick).count();
  // Event n is due at start + n * 1e9 / rate ns. Products stay far below 2^63 for any rate and
  // duration a benchmark uses (n * 1e9 and elapsed_ns * rate are about 1e16 at 100K/s for 100 s).
  auto due_ns = [&](int64_t n) { return n * 1'000'000'000 / config.rate; };
  std::string buf;
  const int64_t start = now_ns();
  int64_t next = 0;
  while (next < events && !stop.load(std::memory_order_relaxed)) {
    const int64_t elapsed = now_ns() - start;
    // Events 0 .. due-1 are due by now.
    const int64_t due = std::min(events, elapsed * config.rate / 1'000'000'000 + 1);
    if (due > next) {
      const int64_t group_end = std::min(due, next + config.max_group);
      buf.clear();
      for (int64_t n = next; n < group_end; ++n) append_xadd(buf, config.key, n);
      if (redisAppendFormattedCommand(c.get(), buf.data(), buf.size()) != REDIS_OK) {
        stats.error = std::string("hiredis: ") + c->errstr;
        return stats;
      }
      const int64_t t = now_ns();
      for (int64_t n = next; n < group_end; ++n) send_times.set(n, t);
      if (next == 0) stats.first_ns = t;
      stats.last_ns = t;
      stats.max_late_ns = std::max(stats.max_late_ns, t - start - due_ns(next));
      for (int64_t n = next; n < group_end; ++n) {  // the first redisGetReply writes the group
        void* reply = nullptr;
        if (redisGetReply(c.get(), &reply) != REDIS_OK) {
          stats.error = std::string("hiredis: ") + c->errstr;
          return stats;
        }
        const bool failed = static_cast<redisReply*>(reply)->type == REDIS_REPLY_ERROR;
        if (failed) stats.error = std::string("XADD: ") + static_cast<redisReply*>(reply)->str;
        freeReplyObject(reply);
        if (failed) return stats;
      }
      stats.sent = group_end;
      stats.writes++;
      next = group_end;
      if (next < due) continue;  // behind schedule: the next group at once
    }
    if (next >= events) break;
    // Sleep to the next tick boundary at or after the next event's due time.
    const int64_t wake = (due_ns(next) + tick_ns - 1) / tick_ns * tick_ns;
    std::this_thread::sleep_until(std::chrono::steady_clock::time_point(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::nanoseconds(start + wake))));
  }
  return stats;
}

}  // namespace freshness
