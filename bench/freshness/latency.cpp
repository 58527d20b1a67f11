#include "latency.h"

#include <algorithm>
#include <cmath>

namespace freshness {

SendTimes::SendTimes(size_t events) : size_(events), t_(new std::atomic<int64_t>[events]) {
  for (size_t i = 0; i < events; ++i) t_[i].store(0, std::memory_order_relaxed);
}

Visibility::Visibility(const SendTimes& sent) : sent_(sent), visible_at_(sent.size(), 0) {}

void Visibility::observe(int64_t hi, int64_t at_ns) {
  const int64_t seen = seen_.load(std::memory_order_relaxed);
  if (hi <= seen) {
    if (hi < seen) ++anomalies_;
    return;
  }
  if (hi >= static_cast<int64_t>(visible_at_.size())) {
    ++anomalies_;
    return;
  }
  for (int64_t s = seen + 1; s <= hi; ++s) visible_at_[static_cast<size_t>(s)] = at_ns;
  updates_.push_back(at_ns);
  seen_.store(hi, std::memory_order_release);
}

std::vector<int64_t> Visibility::latencies(int64_t from_ns) const {
  std::vector<int64_t> out;
  const int64_t seen = this->seen();
  out.reserve(static_cast<size_t>(seen + 1));
  for (int64_t s = 0; s <= seen; ++s) {
    const int64_t sent = sent_.get(s);
    if (sent == 0 || sent < from_ns) continue;
    out.push_back(visible_at_[static_cast<size_t>(s)] - sent);
  }
  return out;
}

std::vector<int64_t> Visibility::update_gaps(int64_t from_ns) const {
  std::vector<int64_t> out;
  for (size_t i = 1; i < updates_.size(); ++i)
    if (updates_[i - 1] >= from_ns) out.push_back(updates_[i] - updates_[i - 1]);
  return out;
}

Summary summarize(std::vector<int64_t> ns) {
  Summary s;
  s.count = ns.size();
  if (ns.empty()) return s;
  std::sort(ns.begin(), ns.end());
  auto at = [&](double p) {
    size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(ns.size())));
    rank = std::clamp<size_t>(rank, 1, ns.size());
    return static_cast<double>(ns[rank - 1]) / 1e6;
  };
  s.p50_ms = at(0.50);
  s.p99_ms = at(0.99);
  s.p999_ms = at(0.999);
  s.max_ms = static_cast<double>(ns.back()) / 1e6;
  return s;
}

}  // namespace freshness
