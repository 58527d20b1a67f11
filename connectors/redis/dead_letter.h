#pragma once
// A stream entry that could not become a row (a missing NOT NULL field, `cost abc` for a
// BIGINT column). The source hands it to a DeadLetterFn instead of the batch, and still counts
// and acknowledges the entry as consumed, so one bad entry never stops a query.

#include <cstdint>
#include <functional>
#include <string>

namespace eddy::connectors {

struct DeadLetter {
  std::string stream_key;  // "clicks"
  std::string entry_id;    // "1763632800000-0"
  std::string raw;         // the entry's fields as a JSON object: {"asset":"a","cost":"abc"}
  std::string error;       // with its SQLSTATE: 22P02: invalid input syntax for type bigint: "abc" (column "cost")
  int64_t time_micros = 0; // when it was dead-lettered, microseconds since the epoch
};

// Called on the source's (runner) thread from inside poll(), before poll() returns the batch
// that the entry would have been in. Must not throw.
using DeadLetterFn = std::function<void(DeadLetter)>;

}  // namespace eddy::connectors
