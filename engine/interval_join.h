#pragma once
// The stream-stream interval join of a continuous query (docs/streaming.md):
//
//   FROM a [LEFT] JOIN b ON a.k = b.k [AND ...] AND b.ts BETWEEN a.ts + lower AND a.ts + upper
//
// Rows of both streams arrive in batches, each side in its own layout, with per-row
// watermarks of their own stream (the watermark before the row, WatermarkTracker). The operator
// keeps the rows of each side that may still find a partner, and emits the joined rows as a
// weighted delta in the joined layout (a's columns, then b's columns):
//
//   - inner: every matching pair (a, b) once, +1, when its second row arrives;
//   - LEFT: an a row without partner is emitted at once as (a, NULLs) +1; when its first
//     partner arrives, (a, NULLs) -1 and (a, b) +1 (update mode: the output always equals
//     the batch join of the rows consumed so far).
//
// Late rows: an a row with a.ts < watermark_a (before it) or a b row with b.ts <
// watermark_b is late: dropped (and reported), never joined: its partners may be freed.
// State: an a row is freed once a.ts + upper < watermark_b (no b row to come can match); a b
// row once b.ts - lower < watermark_a. Rows with a NULL key or NULL ts never match (LEFT still
// emits them padded) and are not kept.
//
// Every output row carries a key identifying it (for keyed upserts/erases downstream): the
// pair of the two input rows' sequence numbers (a row's sequence number is given by the caller,
// e.g. its stream offset), encoded with storage/key_encoding.h; (a_seq, NULL) for a padded row.
//
// State survives restarts: take_state_changes() lists what an epoch must put and erase
// (opaque keys and bytes, stored beside the query's other state), restore() reads it back.
//
// Not thread-safe: one runner thread owns it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/column.h"

namespace eddy::engine {

struct IntervalJoinSpec {
  std::vector<Type> left_types;   // a's layout
  std::vector<Type> right_types;  // b's layout
  std::vector<int> left_keys;     // equality key columns of a ...
  std::vector<int> right_keys;    // ... and of b, pairwise
  int left_ts = -1;               // a's timestamp column
  int right_ts = -1;              // b's timestamp column
  int64_t lower_micros = 0;       // b.ts - a.ts >= lower
  int64_t upper_micros = 0;       // b.ts - a.ts <= upper
  bool left_outer = false;
};

struct JoinDelta {
  Batch rows;                     // joined layout, weights +1 / -1
  std::vector<std::string> keys;  // one per row: encoded (a_seq, b_seq | NULL)
};

class IntervalJoin {
 public:
  explicit IntervalJoin(IntervalJoinSpec spec);
  ~IntervalJoin();

  std::vector<Type> output_types() const;  // left_types ++ right_types
  // One batch of a's (or b's) rows, all weight +1 (streams are append-only). `first_seq`: the
  // sequence number of row 0 (row r has first_seq + r). `watermarks[r]`: that stream's
  // watermark before row r (WatermarkTracker::kNone when none). Late rows' indexes go to `late`.
  // Appends the joined delta to `out` (whose rows must have output_types()).
  void consume_left(const Batch& rows, uint64_t first_seq, const int64_t* watermarks, JoinDelta& out,
                    std::vector<uint32_t>* late = nullptr);
  void consume_right(const Batch& rows, uint64_t first_seq, const int64_t* watermarks, JoinDelta& out,
                     std::vector<uint32_t>* late = nullptr);
  // Frees the rows no future partner can reach, given both streams' current watermarks.
  void free_state(int64_t left_watermark, int64_t right_watermark);
  // What changed in the kept rows since the last call: keys (opaque, ASCII-safe, at most 200
  // bytes) to put with their bytes, and keys to erase.
  void take_state_changes(std::vector<std::pair<std::string, std::string>>& put, std::vector<std::string>& erase);
  // Restores one kept row from bytes take_state_changes() gave; false when they do not fit.
  bool restore(std::string_view key, std::string_view bytes);
  size_t kept_rows() const;
  size_t state_bytes() const;
  uint64_t late_rows() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eddy::engine
