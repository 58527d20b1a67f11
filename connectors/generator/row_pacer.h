#pragma once
// Wall-clock pacing of a generator: at most `rate` rows per second since the source was opened
// (0: unpaced, as fast as the reader takes them). Shared by every generator kind's `rate`.

#include <chrono>
#include <cstdint>

namespace eddy::connectors {

class RowPacer {
 public:
  explicit RowPacer(uint64_t rate) : rate_(rate), started_(std::chrono::steady_clock::now()) {}

  uint64_t rate() const { return rate_; }

  // How many rows may be emitted now, at most `want`, when `produced` rows have been emitted
  // since construction. When none is due yet it sleeps until one is, but no longer than `wait`;
  // 0 means the wait ended first (the source is idle).
  uint64_t allow(uint64_t produced, uint64_t want, std::chrono::milliseconds wait) const;

 private:
  uint64_t rate_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace eddy::connectors
