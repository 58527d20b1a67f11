#include "connectors/generator/row_pacer.h"

#include <algorithm>
#include <thread>

namespace eddy::connectors {

uint64_t RowPacer::allow(uint64_t produced, uint64_t want, std::chrono::milliseconds wait) const {
  if (rate_ == 0) return want;
  auto due_at = [&](uint64_t rows) { return started_ + std::chrono::microseconds(rows * 1000000 / rate_); };
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - started_).count();
  uint64_t due = static_cast<uint64_t>(elapsed * static_cast<double>(rate_));
  if (due <= produced) {
    auto next_due = due_at(produced + 1);
    auto limit = now + wait;
    std::this_thread::sleep_until(std::min(next_due, limit));
    if (next_due > limit) return 0;
    due = produced + 1;
  }
  return std::min(want, due - produced);
}

}  // namespace eddy::connectors
