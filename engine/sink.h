#pragma once
// Where a continuous query's result rows go besides Eddy's own store: a Redis hash per key, a
// PostgreSQL table, ... Called on the runner thread, after the epoch's commit, with exactly that
// epoch's changes, each an upsert of a full row (in the target relation's column order) or an
// erase of a key.
//
// Contract: write() must be idempotent — writing the same epoch twice (after a crash or a retry)
// leaves the same result — so sinks write absolute values, never increments. A failure throws;
// the runner retries the same epoch's write with backoff and does not move on until it lands.

#include <cstdint>
#include <string>
#include <vector>

#include "common/value.h"

namespace eddy::engine {

struct SinkChange {
  bool erase = false;
  Row row;  // the full row for an upsert; for an erase, the row as it was last written, when known
  std::string key;  // the encoded key (storage/key_encoding.h)
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void write(uint64_t epoch, const std::vector<SinkChange>& changes) = 0;
  virtual std::string describe() const = 0;
};

}  // namespace eddy::engine
