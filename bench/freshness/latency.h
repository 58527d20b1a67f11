#pragma once
// Latency bookkeeping for eddy_bench_freshness: when each event was sent, when each observer
// first saw it, and percentiles over the pairs.
//
// Every time is steady_clock nanoseconds taken inside this one process (now_ns()), so send and
// visibility times share a clock; no clock crosses a process or a machine.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace freshness {

inline int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The send time of every event, by seq (0 .. size-1), preallocated. Written by the writer
// before the event's XADD leaves this process, read by the observers after Redis and Eddy have
// seen it: release/acquire makes that ordering explicit instead of relying on the socket.
class SendTimes {
 public:
  explicit SendTimes(size_t events);
  size_t size() const { return size_; }
  void set(int64_t seq, int64_t ns) { t_[static_cast<size_t>(seq)].store(ns, std::memory_order_release); }
  // 0 when the writer has not sent it (never the case for a seq an observer saw).
  int64_t get(int64_t seq) const { return t_[static_cast<size_t>(seq)].load(std::memory_order_acquire); }

 private:
  size_t size_;
  std::unique_ptr<std::atomic<int64_t>[]> t_;
};

// What one observer (the SELECT poller, the SUBSCRIBE reader) saw. Its input is the view's
// max(seq): since a Redis stream is read in order, hi = H means every seq <= H has reached the
// view, so all seqs in (seen, H] become visible at the moment H is first observed. observe() is
// called by the observer's thread only; seen() may be read by any.
class Visibility {
 public:
  explicit Visibility(const SendTimes& sent);
  void observe(int64_t hi, int64_t at_ns);
  int64_t seen() const { return seen_.load(std::memory_order_acquire); }
  // Times hi went down, or named a seq never sent: either is a bug in what was measured.
  int64_t anomalies() const { return anomalies_; }
  // now - send time of every seen event sent at or after `from_ns`, in nanoseconds.
  std::vector<int64_t> latencies(int64_t from_ns) const;
  // The time between consecutive moments hi grew, for those at or after `from_ns`: with a view
  // that commits epochs on a timer, the epoch period as this observer sees it.
  std::vector<int64_t> update_gaps(int64_t from_ns) const;

 private:
  const SendTimes& sent_;
  std::vector<int64_t> visible_at_;  // by seq; 0 = not seen
  std::vector<int64_t> updates_;     // the moments hi grew
  std::atomic<int64_t> seen_{-1};
  int64_t anomalies_ = 0;
};

struct Summary {
  size_t count = 0;
  double p50_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0;
};

// Nearest-rank percentiles (the smallest value with at least p of the samples at or below it).
Summary summarize(std::vector<int64_t> latencies_ns);

}  // namespace freshness
