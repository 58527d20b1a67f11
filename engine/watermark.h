#pragma once
// A stream's watermark as one continuous query sees it (docs/streaming.md):
//
//   watermark before row i = max(ts of rows 0..i-1, each clamped to the wall clock) - bound
//
// and, once the stream has been idle (no row) for max(bound, 1 s) after its first row, at
// least now - bound, so an idle stream's windows still close. Never moves backwards. Its state
// is stored with every epoch, so a restarted query decides lateness as before.
//
// Not thread-safe: the runner thread owns it.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/column.h"

namespace eddy::engine {

class WatermarkTracker {
 public:
  static constexpr int64_t kNone = std::numeric_limits<int64_t>::min();

  // `column`: the timestamp column of the stream's layout; `bound_micros` >= 0.
  WatermarkTracker(int column, int64_t bound_micros) : column_(column), bound_(bound_micros) {}

  // out[r] = the watermark before row r of `batch` (the stream's layout); then advances past
  // the batch. `now_micros`: the wall clock.
  void annotate(const Batch& batch, int64_t now_micros, std::vector<int64_t>& out);
  // Applies the idle rule; true when the watermark moved.
  bool advance_idle(int64_t now_micros);
  int64_t watermark() const;
  int column() const { return column_; }
  int64_t bound() const { return bound_; }

  std::string encode() const;
  bool decode(std::string_view state);

 private:
  int column_;
  int64_t bound_;
  int64_t max_ts_ = kNone;      // the largest (clamped) event time seen
  int64_t idle_floor_ = kNone;  // now - bound at the last idle advance
  int64_t last_arrival_ = kNone;  // wall clock of the last row (kNone before the first)
};

}  // namespace eddy::engine
