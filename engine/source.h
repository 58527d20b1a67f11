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
  // Called on the runner thread after an epoch that covered every row poll() has returned so
  // far is committed: the source may now acknowledge them upstream (Redis XACK). Must not throw;
  // a failed acknowledgement is retried by a later call.
  virtual void committed() {}
  // Empty while the source is healthy; otherwise why it is not reading ("retrying: Redis at
  // localhost:6379 unreachable (Connection refused), next attempt in 2 s"). Any thread.
  virtual std::string health() const { return {}; }
  // How far behind the source's end this reader is, in entries, when the source knows
  // (-1 otherwise). Any thread; may be approximate.
  virtual int64_t lag() const { return -1; }
  // Something the operator must know that is not an error, shown with the query's status and
  // logged once, e.g. "lost 120 entries of stream key clicks: trimmed past the committed
  // position while Eddy was down". Empty when there is nothing to say. Any thread.
  virtual std::string notice() const { return {}; }
  // The resume point as bytes, stored with every epoch; a source reopened with it continues
  // right after the last row of that epoch. Default: offset() in decimal. Runner thread.
  virtual std::string position() const { return std::to_string(offset()); }
  // True when the last poll() took everything the source had ready at that moment, so a commit
  // now makes those rows visible without cutting an epoch short of rows already waiting. The
  // runner ends an epoch early on it (freshness); the checkpoint interval is then only the
  // longest an epoch runs under sustained input. Default false: epochs follow the interval.
  virtual bool caught_up() const { return false; }
};

}  // namespace eddy::engine
