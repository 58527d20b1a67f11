#pragma once
// The writer of eddy_bench_freshness: XADD <key> * seq <n> k <n % 100> for n = 0 .. events-1 at
// a fixed rate, event n being due at start + n / rate.
//
// One round trip per XADD cannot reach 100K/s, so it sends in small pipelined groups: every
// tick (1 ms by default) it sends all events due by then in one write, then reads their
// replies. Each event's send time is taken just before the write that carries it (so an event
// sent late is measured from when it really left, not from when it was due). The lateness
// against the schedule is reported, so a writer that could not keep up is visible.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "latency.h"

namespace freshness {

struct WriterConfig {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string key;
  int64_t rate = 10000;  // events per second
  std::chrono::microseconds tick{1000};
  int64_t max_group = 2000;  // events per write at most, when catching up
};

struct WriterStats {
  int64_t sent = 0;
  int64_t first_ns = 0, last_ns = 0;  // send times of the first and last event
  int64_t writes = 0;
  int64_t max_late_ns = 0;  // largest send time - due time
  std::string error;        // non-empty: the writer stopped early
};

// Sends send_times.size() events (unless `stop` is set first); blocks until done.
WriterStats run_writer(const WriterConfig& config, SendTimes& send_times, const std::atomic<bool>& stop);

}  // namespace freshness
