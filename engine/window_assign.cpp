// HashAggregate's assignment of input rows to groups: plain GROUP BY, tumbling and sliding
// windows (a row goes to each window containing it that is still open), and session windows
// (a row joins, extends or bridges its key's open sessions). Fills pair_rows_/pair_groups_;
// consume() then applies the pairs to the accumulators.

#include <algorithm>

#include "engine/hash_aggregate.h"

namespace eddy::engine {

namespace {

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

void HashAggregate::assign_plain(const Batch& input) {
  const size_t rows = input.rows();
  pair_rows_.resize(rows);
  pair_groups_.resize(rows);
  if (global()) {
    for (size_t r = 0; r < rows; ++r) {
      pair_rows_[r] = static_cast<uint32_t>(r);
      pair_groups_[r] = 0;
    }
    return;
  }
  std::string key;
  for (size_t r = 0; r < rows; ++r) {
    key.clear();
    for (int k : key_inputs_) append_index_key(key, input.columns[k], r);
    auto it = index_.find(key);
    uint32_t g;
    if (it != index_.end()) {
      g = it->second;
    } else {
      g = add_group(key, 0, 0);
      keys_.set(g, input, key_inputs_, r);
    }
    pair_rows_[r] = static_cast<uint32_t>(r);
    pair_groups_[r] = g;
  }
}

uint32_t HashAggregate::find_or_add_group(const Batch& input, size_t row, int64_t window_start, int64_t window_end,
                                          std::string& key) {
  key.clear();
  for (int k : key_inputs_) append_index_key(key, input.columns[k], row);
  append_index_int(key, window_start);
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  const uint32_t g = add_group(key, window_start, window_end);
  keys_.set(g, input, key_inputs_, row);
  return g;
}

void HashAggregate::assign_fixed_windows(const Batch& input, const int64_t* watermarks, std::vector<uint32_t>* late) {
  const Column& ts = input.columns[window_->ts_input];
  const int64_t size = window_->size_micros;
  const int64_t slide = window_->kind == WindowKind::Sliding ? window_->slide_micros : size;
  std::string key;
  for (size_t r = 0; r < input.rows(); ++r) {
    if (ts.is_null(r)) continue;  // a row without event time belongs to no window
    const int64_t t = ts.ints()[r];
    const int64_t watermark = watermarks ? watermarks[r] : kNoWatermark;
    bool placed = false;
    // Windows [s, s + size) with s a multiple of slide and s <= t < s + size, latest first.
    for (int64_t start = floor_div(t, slide) * slide; start > t - size; start -= slide) {
      const int64_t end = start + size;
      if (end <= watermark) break;  // this window and all earlier ones are closed
      const uint32_t g = find_or_add_group(input, r, start, end, key);
      if (closing_[g]) continue;
      pair_rows_.push_back(static_cast<uint32_t>(r));
      pair_groups_.push_back(g);
      placed = true;
    }
    if (!placed) {
      ++late_rows_;
      if (late) late->push_back(static_cast<uint32_t>(r));
    }
  }
}

uint32_t HashAggregate::session_list_for(const std::string& list_key) {
  auto it = index_.find(list_key);
  if (it != index_.end()) return it->second;
  uint32_t list;
  if (!free_session_lists_.empty()) {
    list = free_session_lists_.back();
    free_session_lists_.pop_back();
    session_list_keys_[list] = list_key;
  } else {
    list = static_cast<uint32_t>(sessions_.size());
    sessions_.emplace_back();
    session_list_keys_.push_back(list_key);
  }
  index_.emplace(list_key, list);
  return list;
}

void HashAggregate::detach_session(uint32_t g) {
  const uint32_t list = session_list_[g];
  auto& sessions = sessions_[list];
  auto it = std::find(sessions.begin(), sessions.end(), g);
  if (it == sessions.end()) return;
  sessions.erase(it);
  if (sessions.empty()) {
    index_.erase(session_list_keys_[list]);
    session_list_keys_[list] = std::string();
    sessions.shrink_to_fit();
    free_session_lists_.push_back(list);
  }
}

// Sessions of one key are kept sorted by start and are disjoint: a row at t joins every open
// session [start, last] with start - gap < t < last + gap; joining two or more merges them
// (the merge of their accumulators waits until the batch's pairs are applied, so pairs that
// already point at a merged-away group stay valid).
void HashAggregate::assign_sessions(const Batch& input, const int64_t* watermarks, std::vector<uint32_t>* late) {
  const Column& ts = input.columns[window_->ts_input];
  const int64_t gap = window_->size_micros;
  merges_.clear();
  std::string key;
  for (size_t r = 0; r < input.rows(); ++r) {
    if (ts.is_null(r)) continue;
    const int64_t t = ts.ints()[r];
    key.clear();
    for (int k : key_inputs_) append_index_key(key, input.columns[k], r);
    auto found = index_.find(key);
    std::vector<uint32_t>* sessions = found != index_.end() ? &sessions_[found->second] : nullptr;
    const int64_t watermark = watermarks ? watermarks[r] : kNoWatermark;
    size_t first = 0, last = 0;  // the range [first, last) of open sessions t reaches
    if (sessions) {
      // Sessions are disjoint and sorted, so those ending before t and those already closed
      // by this row's watermark (not yet freed: that happens at the epoch) form a prefix.
      while (first < sessions->size() && (session_last_[(*sessions)[first]] + gap <= t ||
                                           window_end_[(*sessions)[first]] <= watermark))
        ++first;
      last = first;
      while (last < sessions->size() && window_start_[(*sessions)[last]] - gap < t) ++last;
    }
    if (first == last) {
      if (watermark != kNoWatermark && t + gap <= watermark) {  // its session would be closed already
        ++late_rows_;
        if (late) late->push_back(static_cast<uint32_t>(r));
        continue;
      }
      const uint32_t list = session_list_for(key);
      sessions = &sessions_[list];
      const uint32_t g = add_group(std::string(), t, t + gap);  // found through the key's list
      keys_.set(g, input, key_inputs_, r);
      session_list_[g] = list;
      session_last_[g] = t;
      sessions->insert(sessions->begin() + static_cast<long>(first), g);
      pair_rows_.push_back(static_cast<uint32_t>(r));
      pair_groups_.push_back(g);
      continue;
    }
    const uint32_t into = (*sessions)[first];
    int64_t start = std::min(window_start_[into], t);
    int64_t end_ts = std::max(session_last_[into], t);
    for (size_t i = first + 1; i < last; ++i) {
      const uint32_t from = (*sessions)[i];
      start = std::min(start, window_start_[from]);
      end_ts = std::max(end_ts, session_last_[from]);
      merges_.emplace_back(from, into);
    }
    sessions->erase(sessions->begin() + static_cast<long>(first) + 1, sessions->begin() + static_cast<long>(last));
    window_start_[into] = start;
    if (end_ts != session_last_[into]) {
      session_last_[into] = end_ts;
      window_end_[into] = end_ts + gap;
      ends_.emplace(window_end_[into], into);
    }
    pair_rows_.push_back(static_cast<uint32_t>(r));
    pair_groups_.push_back(into);
  }
}

}  // namespace eddy::engine
