#pragma once
// Where a continuous query's rows come from. A Source yields batches in the layout of its
// stream's columns (catalog order, built-in columns included), each row with weight +1.
//
// Offsets: offset() is the resume point — the number of rows (or the source's own position)
// consumed so far. A source built with the same options and offset yields the same rows again.
//
// Called by one runner thread only.

#include <chrono>
#include <cstdint>
#include <string>

#include "common/column.h"

namespace eddy::engine {

enum class PollResult { Data, Idle, Finished };

class Source {
 public:
  virtual ~Source() = default;
  // Fills `out` with the next rows, waiting up to `wait` when none are ready. Idle: nothing
  // arrived in time. Finished: a bounded source has yielded everything.
  virtual PollResult poll(Batch& out, std::chrono::milliseconds wait) = 0;
  virtual uint64_t offset() const = 0;
  // Wakes a poll() that is waiting, so the runner can stop promptly. Any thread.
  virtual void interrupt() {}
  virtual std::string describe() const = 0;
};

}  // namespace eddy::engine
