#include "engine/watermark.h"

#include <algorithm>
#include <cstdio>

namespace eddy::engine {

namespace {
constexpr int64_t kMinIdleMicros = 1'000'000;
}

int64_t WatermarkTracker::watermark() const {
  const int64_t by_events = max_ts_ == kNone ? kNone : max_ts_ - bound_;
  return std::max(by_events, idle_floor_);
}

void WatermarkTracker::annotate(const Batch& batch, int64_t now, std::vector<int64_t>& out) {
  const size_t rows = batch.rows();
  out.resize(rows);
  if (rows == 0) return;
  const Column& ts = batch.columns[column_];
  const int64_t* t = ts.ints().data();
  const bool nulls = ts.has_nulls();
  int64_t max_ts = max_ts_;
  const int64_t floor = idle_floor_;
  for (size_t r = 0; r < rows; ++r) {
    out[r] = std::max(max_ts == kNone ? kNone : max_ts - bound_, floor);
    if (nulls && ts.nulls()[r]) continue;
    const int64_t v = std::min(t[r], now);  // a row stamped in the future counts as now
    if (v > max_ts) max_ts = v;
  }
  max_ts_ = max_ts;
  last_arrival_ = now;
}

bool WatermarkTracker::advance_idle(int64_t now) {
  if (last_arrival_ == kNone) return false;  // nothing to close before the first row
  if (now - last_arrival_ < std::max(bound_, kMinIdleMicros)) return false;
  const int64_t floor = now - bound_;
  if (floor <= watermark()) return false;
  idle_floor_ = floor;
  return true;
}

std::string WatermarkTracker::encode() const {
  return std::to_string(max_ts_) + " " + std::to_string(idle_floor_) + " " + std::to_string(last_arrival_);
}

bool WatermarkTracker::decode(std::string_view state) {
  std::string s(state);
  long long a = 0, b = 0, c = 0;
  if (std::sscanf(s.c_str(), "%lld %lld %lld", &a, &b, &c) != 3) return false;
  max_ts_ = a;
  idle_floor_ = b;
  last_arrival_ = c;
  return true;
}

}  // namespace eddy::engine
