#include "engine/continuous_query.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include <boost/unordered/unordered_flat_map.hpp>

#include "common/error.h"
#include "common/value_text.h"
#include "storage/key_encoding.h"

namespace eddy::engine {

using Clock = std::chrono::steady_clock;

namespace {

// A 128-bit digest of a key too long for LMDB (keys are at most 511 bytes).
std::string digest128(std::string_view key) {
  uint64_t h1 = 1469598103934665603ULL, h2 = 0x9e3779b97f4a7c15ULL;
  for (unsigned char c : key) {
    h1 = (h1 ^ c) * 1099511628211ULL;
    h2 = (h2 ^ c) * 0x100000001b3ULL + (h2 >> 29);
  }
  std::string out;
  for (uint64_t h : {h1, h2})
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((h >> (8 * i)) & 0xff));
  return out;
}

// The key of a chained view's row without aggregation: its encoded values (a digest when
// long), followed by the copy number.
std::string row_value_key(const Row& row) {
  std::string key = storage::encode_key(row);
  return key.size() <= 400 ? key : "#" + digest128(key);
}

// A state key for a group: short keys as they are, long ones by their digest (the group's
// values are inside the state itself).
std::string group_state_key(const std::string& prefix, const std::string& key) {
  return key.size() <= 400 ? prefix + "g/" + key : prefix + "h/" + digest128(key);
}

}  // namespace

ContinuousQuery::ContinuousQuery(uint64_t id, uint64_t target_relation,
                                 std::unique_ptr<Source> source, QueryPlan plan,
                                 storage::Store& store, std::chrono::milliseconds interval)
    : id_(id),
      target_(target_relation),
      source_(std::move(source)),
      source_description_(source_->describe()),
      plan_(std::move(plan)),
      store_(store),
      interval_(interval.count() > 0 ? interval : std::chrono::milliseconds(1)) {
  if (plan_.aggregate) {
    const AggregatePlan& ap = *plan_.aggregate;
    aggregate_.emplace(ap.key_inputs, ap.key_types, ap.window, ap.aggregates, ap.emit_on_close);
    dirty_ = aggregate_->global();  // a global aggregate's row exists before any input
    if (ap.watermark && !plan_.interval_join) watermark_.emplace(ap.watermark->input_column, ap.watermark->bound_micros);
  } else {
    pending_rows_ = Batch::with_types(plan_.output_types());
  }
  if (plan_.interval_join) {
    const IntervalJoinPlan& jp = *plan_.interval_join;
    join_.emplace(jp.spec);
    if (jp.left_watermark) left_join_watermark_.emplace(jp.left_watermark->input_column, jp.left_watermark->bound_micros);
    if (jp.right_watermark)
      right_join_watermark_.emplace(jp.right_watermark->input_column, jp.right_watermark->bound_micros);
  }
  status_.state = "running";
}

void ContinuousQuery::set_right_source(std::unique_ptr<Source> source) {
  right_source_ = std::move(source);
  source_description_ += " joined with " + right_source_->describe();
}

uint64_t ContinuousQuery::late_rows() const {
  return late_before_restart_ + (aggregate_ ? aggregate_->late_rows() : 0) + (join_ ? join_->late_rows() : 0);
}

bool ContinuousQuery::sources_moved() const {
  return source_->offset() != epoch_offset_ || source_->position() != epoch_position_ ||
         (right_source_ && (right_source_->offset() != right_epoch_offset_ ||
                            right_source_->position() != right_epoch_position_));
}

int64_t ContinuousQuery::join_window_watermark() const {
  const IntervalJoinPlan& jp = *plan_.interval_join;
  const int64_t l = left_join_watermark_->watermark(), r = right_join_watermark_->watermark();
  constexpr int64_t none = WatermarkTracker::kNone;
  if (jp.window_side == 0) return std::min(l, r == none ? none : r - jp.spec.upper_micros);
  return std::min(r, l == none ? none : l + jp.spec.lower_micros);
}

ContinuousQuery::~ContinuousQuery() { stop(); }

void ContinuousQuery::set_sink(std::unique_ptr<Sink> sink, bool keep_in_store) {
  sink_ = std::move(sink);
  keep_in_store_ = keep_in_store;
}

void ContinuousQuery::start() {
  if (upstream_) {  // chained: the upstream's runner drives it; no thread of its own
    std::lock_guard lock(consumer_mutex_);
    consumers_open_ = true;
    return;
  }
  if (dirty_) commit_epoch();  // a global aggregate's row is visible from the start, as in a batch query
  {
    std::lock_guard lock(consumer_mutex_);
    consumers_open_ = true;
  }
  thread_ = std::thread([this] { run(); });
}

void ContinuousQuery::stop() {
  if (upstream_) {
    {
      std::lock_guard lock(chain_mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    upstream_->detach(link_);  // calls still on their way find stopping_ set
    {
      std::lock_guard lock(status_mutex_);
      if (status_.state == "running") status_.state = "stopped";
    }
    std::lock_guard lock(chain_mutex_);
    end_consumers();
    return;
  }
  stopping_ = true;
  source_->interrupt();
  if (right_source_) right_source_->interrupt();
  if (thread_.joinable()) thread_.join();
}

QueryStatus ContinuousQuery::status() const {
  QueryStatus st;
  {
    std::lock_guard lock(status_mutex_);
    st = status_;
    if (st.state == "running" && !store_error_.empty()) {
      st.state = "paused";
      st.error = store_error_;
    } else if (st.state == "running" && !sink_error_.empty()) {
      st.state = "retrying";
      st.error = sink_error_;
    }
  }
  if (st.state == "running") {
    std::string health = source_->health();
    if (!health.empty()) {
      st.state = "retrying";
      st.error = health;
    }
  }
  st.lag = source_->lag();
  st.notice = source_->notice();
  return st;
}

void ContinuousQuery::set_state(const std::string& state, const std::string& error) {
  {
    std::lock_guard lock(status_mutex_);
    status_.state = state;
    status_.error = error;
  }
  committed_.notify_all();
}

void ContinuousQuery::run() {
  auto deadline = Clock::now() + interval_;
  try {
    bool finished = false;
    while (!stopping_ && !finished) {
      if (consumer_tasks_pending_.load()) run_consumer_tasks();  // SUBSCRIBE attaches between epochs
      auto now = Clock::now();
      auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
      if (wait.count() < 0) wait = std::chrono::milliseconds(0);
      Batch batch;
      PollResult r;
      if (!right_source_) {
        r = source_->poll(batch, wait);
        if (r == PollResult::Data) process(batch);
      } else {  // two streams: whichever has rows; wait on the right one when neither had
        r = source_->poll(batch, std::chrono::milliseconds(0));
        if (r == PollResult::Data) process_join_side(batch, false);
        Batch right;
        PollResult rr = right_source_->poll(right, r == PollResult::Data ? std::chrono::milliseconds(0) : wait);
        if (rr == PollResult::Data) process_join_side(right, true);
        if (rr == PollResult::Data) r = PollResult::Data;
        else if (r == PollResult::Finished && rr != PollResult::Finished) r = PollResult::Idle;
      }
      if (r == PollResult::Finished) finished = true;
      // An idle stream's windows still close (the watermark follows the wall clock).
      if (r != PollResult::Data) {
        const int64_t now_us = now_micros();
        if (watermark_ && watermark_->advance_idle(now_us)) dirty_ = true;
        if (left_join_watermark_ && left_join_watermark_->advance_idle(now_us)) dirty_ = true;
        if (right_join_watermark_ && right_join_watermark_->advance_idle(now_us)) dirty_ = true;
      }
      const uint64_t target = flush_target_.load(), right_target = flush_target_right_.load();
      const bool flush_now = (target > 0 && source_->offset() >= target) ||
                             (right_source_ && right_target > 0 && right_source_->offset() >= right_target);
      if (flush_now && !dirty_) note_committed();
      // An epoch ends when the interval has passed, when a SELECT waits for this source's
      // rows, or as soon as the sources have caught up: what arrived is then visible within one
      // commit, and the interval only bounds epochs under sustained input. It commits when state
      // changed, or when the source moved on without changing any (rows filtered out or
      // dead-lettered: their acknowledgement waits for a commit too) or its resume point learnt
      // something (a Redis read counter).
      const bool caught_up = r == PollResult::Idle ||
                             (r == PollResult::Data && source_->caught_up() &&
                              (!right_source_ || right_source_->caught_up()));
      if (Clock::now() >= deadline || finished || (flush_now && dirty_) ||
          (caught_up && (dirty_ || sources_moved()))) {
        if (dirty_ || sources_moved()) commit_epoch();
        deadline = Clock::now() + interval_;
      }
    }
    if (dirty_ || sources_moved()) commit_epoch();
    note_committed();
    set_state(finished ? "finished" : "stopped");
  } catch (const SqlError& e) {
    set_state("failed", e.sqlstate() + ": " + e.message());
  } catch (const std::exception& e) {
    set_state("failed", std::string("XX000: ") + e.what());
  }
  end_consumers();
}

void ContinuousQuery::process(const Batch& batch) {
  {
    std::lock_guard lock(status_mutex_);
    status_.rows_consumed += batch.rows();
  }
  // The watermark advances over the whole batch once, before any row is evaluated, so the
  // row-by-row retry sees the same per-row watermarks.
  const int64_t* watermarks = nullptr;
  if (watermark_) {
    watermark_->annotate(batch, now_micros(), row_watermarks_);
    watermarks = row_watermarks_.data();
  }
  evaluate_rows(batch, watermarks, nullptr);
}

void ContinuousQuery::process_join_side(const Batch& batch, bool right) {
  {
    std::lock_guard lock(status_mutex_);
    status_.rows_consumed += batch.rows();
  }
  // A window after the join closes by the watermark derived from both sides before this batch
  // (no joined row to come can be older: docs/streaming.md).
  const bool window = plan_.interval_join->window_side >= 0;
  const int64_t derived = window ? join_window_watermark() : WatermarkTracker::kNone;
  std::optional<WatermarkTracker>& tracker = right ? right_join_watermark_ : left_join_watermark_;
  const int64_t* watermarks = nullptr;
  if (tracker) {
    tracker->annotate(batch, now_micros(), row_watermarks_);
    watermarks = row_watermarks_.data();
  }
  JoinDelta delta;
  late_scratch_.clear();
  const LateRowHandler& late_handler = right && right_late_row_ ? right_late_row_ : late_row_;
  std::vector<uint32_t>* late = late_handler ? &late_scratch_ : nullptr;
  if (right) {
    join_->consume_right(batch, right_seq_, watermarks, delta, late);
    right_seq_ += batch.rows();
  } else {
    join_->consume_left(batch, left_seq_, watermarks, delta, late);
    left_seq_ += batch.rows();
  }
  dirty_ = true;
  for (uint32_t r : late_scratch_) late_handler(batch.row(r), watermarks[r]);
  if (delta.rows.empty()) return;
  std::vector<int64_t> delta_watermarks;
  if (window) delta_watermarks.assign(delta.rows.rows(), derived);
  evaluate_rows(delta.rows, window ? delta_watermarks.data() : nullptr, &delta.keys);
}

void ContinuousQuery::evaluate_rows(const Batch& batch, const int64_t* watermarks,
                                    const std::vector<std::string>* row_keys) {
  if (!bad_row_) return process_rows(batch, watermarks, row_keys);
  try {
    process_rows(batch, watermarks, row_keys);
  } catch (const SqlError&) {
    // Evaluation is all-or-nothing per batch and no state changed (aggregation consumes only
    // fully evaluated batches), so retry row by row and set the failing rows aside.
    std::vector<uint32_t> one(1);
    std::vector<std::string> one_key(1);
    for (size_t r = 0; r < batch.rows(); ++r) {
      one[0] = static_cast<uint32_t>(r);
      if (row_keys) one_key[0] = (*row_keys)[r];
      try {
        process_rows(batch.gather(one), watermarks ? watermarks + r : nullptr, row_keys ? &one_key : nullptr);
      } catch (const SqlError& e) {
        bad_row_(batch.row(r), e);
      }
    }
  }
}

void ContinuousQuery::process_rows(const Batch& batch, const int64_t* watermarks,
                                   const std::vector<std::string>* row_keys) {
  const Batch* current = &batch;
  Batch joined;
  std::vector<int64_t> joined_watermarks;
  if (plan_.lookup_join) {  // stream rows enriched with the table's current rows
    std::vector<uint32_t> source_rows;
    joined = lookup_join(*plan_.lookup_join, batch, store_, source_rows);
    current = &joined;
    if (watermarks) {
      joined_watermarks.resize(source_rows.size());
      for (size_t i = 0; i < source_rows.size(); ++i) joined_watermarks[i] = watermarks[source_rows[i]];
      watermarks = joined_watermarks.data();
    }
  }
  Batch filtered;
  std::vector<int64_t> kept_watermarks;
  std::vector<std::string> kept_keys;
  if (plan_.filter && !current->empty()) {
    std::vector<uint32_t> keep = evaluate_filter(*plan_.filter, *current);
    if (keep.size() != current->rows()) {
      if (row_keys) {
        kept_keys.reserve(keep.size());
        for (uint32_t k : keep) kept_keys.push_back((*row_keys)[k]);
        row_keys = &kept_keys;
      }
      filtered = current->gather(keep);
      current = &filtered;
      if (watermarks) {
        kept_watermarks.resize(keep.size());
        for (size_t i = 0; i < keep.size(); ++i) kept_watermarks[i] = watermarks[keep[i]];
        watermarks = kept_watermarks.data();
      }
    }
  }
  if (current->empty()) return;
  if (aggregate_) {
    const AggregatePlan& ap = *plan_.aggregate;
    Batch pre = evaluate_all(ap.pre_exprs, *current, ap.pre_exprs.size());
    late_scratch_.clear();
    aggregate_->consume(pre, watermarks, late_row_ ? &late_scratch_ : nullptr);
    dirty_ = true;
    for (uint32_t r : late_scratch_) late_row_(current->row(r), watermarks[r]);
    return;
  }
  Batch out = evaluate_all(plan_.outputs, *current, plan_.visible_outputs);
  if (upstream_) {  // a view over a view: rows come and go as a multiset, keyed by their values
    std::string key;
    for (size_t r = 0; r < out.rows(); ++r) {
      Row row = out.row(r);
      std::string value_key = row_value_key(row);
      int64_t& copies = multiset_[value_key];
      for (int64_t w = out.weights[r]; w != 0; w += w > 0 ? -1 : 1) {
        if (w < 0 && copies == 0) break;  // a retraction of a row never seen: nothing to take back
        if (w < 0) --copies;
        key = value_key;
        storage::append_sequence(key, static_cast<uint64_t>(copies));
        keyed_rows_.emplace_back(key, w > 0 ? row : Row());
        if (w > 0) ++copies;
      }
      if (copies == 0) multiset_.erase(value_key);
    }
    dirty_ = true;
    return;
  }
  if (row_keys) {  // a join's rows come and go by key (a LEFT JOIN's padded rows are retracted)
    for (size_t r = 0; r < out.rows(); ++r)
      keyed_rows_.emplace_back((*row_keys)[r], out.weights[r] > 0 ? out.row(r) : Row());
    dirty_ = true;
    return;
  }
  for (size_t c = 0; c < out.columns.size(); ++c) pending_rows_.columns[c].append_column(std::move(out.columns[c]));
  pending_rows_.weights.insert(pending_rows_.weights.end(), out.weights.begin(), out.weights.end());
  dirty_ = true;
}


std::string ContinuousQuery::fingerprint() const {
  std::string text = "eddy-state-v2;";
  for (const auto& t : plan_.input_types) text += std::to_string(t.oid()) + ",";
  for (const auto& line : plan_.explain(true)) text += line + "\n";
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return "v1:" + std::to_string(h);
}

bool ContinuousQuery::restore(const storage::Snapshot& snapshot, std::string& error) {
  const std::string prefix = state_prefix(id_);
  std::optional<std::string> stored;
  storage::Status st = snapshot.get_state(prefix + "fp", stored);
  if (!st.ok()) {
    error = st.to_string();
    return false;
  }
  if (!stored) return true;  // never committed: nothing to restore
  if (*stored != fingerprint()) {
    error = "the stored state of query " + std::to_string(id_) + " was written by a different plan (" + *stored +
            ", now " + fingerprint() + ")";
    return false;
  }
  fingerprint_written_ = true;
  std::optional<std::string> epoch;
  st = snapshot.get_state(prefix + "epoch", epoch);
  if (st.ok() && epoch) epoch_ = std::strtoull(epoch->c_str(), nullptr, 10);  // epochs go on counting
  std::optional<std::string> late;
  if (st.ok()) st = snapshot.get_state(prefix + "late", late);
  if (st.ok() && late) late_before_restart_ = std::strtoull(late->c_str(), nullptr, 10);
  {
    std::lock_guard lock(status_mutex_);
    status_.late_rows = late_before_restart_;
  }
  if (watermark_) {
    std::optional<std::string> wm;
    st = snapshot.get_state(prefix + "wm", wm);
    if (!st.ok() || (wm && !watermark_->decode(*wm))) {
      error = !st.ok() ? st.to_string() : "the stored watermark of query " + std::to_string(id_) + " is unreadable";
      return false;
    }
  }
  if (join_) {
    std::optional<std::string> value;
    bool ok = true;
    st = snapshot.get_state(prefix + "jseq", value);
    if (st.ok() && value) ok = std::sscanf(value->c_str(), "%" SCNu64 " %" SCNu64, &left_seq_, &right_seq_) == 2;
    for (auto [key, tracker] : {std::pair{"wm.l", &left_join_watermark_}, std::pair{"wm.r", &right_join_watermark_}}) {
      if (!st.ok() || !ok || !*tracker) continue;
      st = snapshot.get_state(prefix + key, value);
      if (st.ok() && value) ok = (*tracker)->decode(*value);
    }
    if (st.ok() && ok)
      st = snapshot.scan_state(prefix + "j/", [&](std::string_view key, std::string_view bytes) {
        ok = join_->restore(key.substr(prefix.size() + 2), bytes);
        return ok;
      });
    if (!st.ok() || !ok) {
      error = !st.ok() ? st.to_string() : "the stored join state of query " + std::to_string(id_) + " does not fit its plan";
      return false;
    }
  }
  if (!aggregate_ && join_) return true;
  if (!aggregate_ && plan_.reads_view) {  // a chained view's copies, counted from its rows
    st = snapshot.scan(target_, [&](std::string_view, const Row& row) {
      ++multiset_[row_value_key(row)];
      return true;
    });
    if (!st.ok()) {
      error = st.to_string();
      return false;
    }
    return true;
  }
  if (!aggregate_) {
    std::optional<std::string> seq;
    st = snapshot.get_state(prefix + "seq", seq);
    if (!st.ok()) {
      error = st.to_string();
      return false;
    }
    next_row_ = seq ? std::stoull(*seq) : 0;
    return true;
  }
  bool ok = true;
  auto visit = [&](std::string_view, std::string_view value) {
    if (!aggregate_->restore_group(value)) ok = false;
    return ok;
  };
  st = snapshot.scan_state(prefix + "g/", visit);
  if (st.ok() && ok) st = snapshot.scan_state(prefix + "h/", visit);
  if (!st.ok() || !ok) {
    error = !st.ok() ? st.to_string() : "the stored state of query " + std::to_string(id_) + " does not fit its plan";
    return false;
  }
  aggregate_->mark_all_dirty();  // rewrite every row once: a sink write lost in a crash is redone
  dirty_ = true;
  return true;
}

void ContinuousQuery::commit_epoch() {
  storage::EpochWrite write;
  PendingEpoch pending;
  fill_epoch(write, pending);
  if (!commit_with_retry(write)) return;  // stopped while the store refused: replayed after restart
  after_commit(pending);
}

void ContinuousQuery::fill_epoch(storage::EpochWrite& write, PendingEpoch& pending) {
  const std::string prefix = state_prefix(id_);
  std::vector<storage::RowChange>& changes = write.rows;
  if (join_) {  // rows no partner can reach any more go; the kept rows are stored
    join_->free_state(left_join_watermark_ ? left_join_watermark_->watermark() : WatermarkTracker::kNone,
                      right_join_watermark_ ? right_join_watermark_->watermark() : WatermarkTracker::kNone);
    std::vector<std::pair<std::string, std::string>> put;
    std::vector<std::string> erase;
    join_->take_state_changes(put, erase);
    for (auto& [key, bytes] : put) write.put_state.emplace_back(prefix + "j/" + key, std::move(bytes));
    for (const auto& key : erase) write.erase_state.push_back(prefix + "j/" + key);
    write.put_state.emplace_back(prefix + "jseq", std::to_string(left_seq_) + " " + std::to_string(right_seq_));
    if (left_join_watermark_) write.put_state.emplace_back(prefix + "wm.l", left_join_watermark_->encode());
    if (right_join_watermark_) write.put_state.emplace_back(prefix + "wm.r", right_join_watermark_->encode());
  }
  if (aggregate_) {
    if (watermark_) aggregate_->close_windows(watermark_->watermark());
    else if (join_ && plan_.interval_join->window_side >= 0) aggregate_->close_windows(join_window_watermark());
    AggregateChanges groups;
    aggregate_->take_changes(groups, true);
    std::vector<uint8_t> pass(groups.rows.rows(), 1);
    if (plan_.aggregate->having && !groups.rows.empty()) {
      std::fill(pass.begin(), pass.end(), 0);
      for (uint32_t r : evaluate_filter(*plan_.aggregate->having, groups.rows)) pass[r] = 1;
    }
    Batch out = evaluate_all(plan_.outputs, groups.rows, plan_.visible_outputs);
    changes.reserve(groups.rows.rows());
    for (size_t r = 0; r < groups.rows.rows(); ++r) {
      storage::RowChange c;
      c.relation = target_;
      c.key = std::move(groups.keys[r]);
      c.erase = !(groups.alive[r] && pass[r]);
      c.row = out.row(r);  // kept for an erase too: a sink finds the key's name in it
      changes.push_back(std::move(c));
    }
    for (auto& [key, state] : groups.put_state) write.put_state.emplace_back(group_state_key(prefix, key), std::move(state));
    for (const auto& key : groups.erase_state) write.erase_state.push_back(group_state_key(prefix, key));
    if (watermark_) write.put_state.emplace_back(prefix + "wm", watermark_->encode());
  } else if (join_ || upstream_) {
    // A key changed twice in one epoch (a LEFT JOIN's padded row added, then retracted by its
    // first partner) is written once, as it ends the epoch.
    std::vector<size_t> keep;
    {
      boost::unordered_flat_map<std::string_view, size_t> last;
      for (size_t i = 0; i < keyed_rows_.size(); ++i) last[keyed_rows_[i].first] = i;
      for (size_t i = 0; i < keyed_rows_.size(); ++i)
        if (last.at(keyed_rows_[i].first) == i) keep.push_back(i);
    }
    changes.reserve(keep.size());
    for (size_t i : keep) {
      auto& [key, row] = keyed_rows_[i];
      storage::RowChange c;
      c.relation = target_;
      c.key = std::move(key);
      c.erase = row.empty();
      c.row = std::move(row);
      changes.push_back(std::move(c));
    }
    keyed_rows_.clear();
  } else {
    // Row keys come from a counter stored in this same epoch write ("seq"), not from a
    // separate commit: one fsync per epoch, and keys never run ahead of committed rows.
    if (!sink_ && consumers_.empty() && keep_in_store_) {  // encoded straight from the batch
      if (!pending_rows_.empty()) write.appends.push_back({target_, next_row_, &pending_rows_});
    } else {
      changes.reserve(pending_rows_.rows());
      for (size_t r = 0; r < pending_rows_.rows(); ++r) {
        storage::RowChange c;
        c.relation = target_;
        storage::append_sequence(c.key, next_row_ + r);
        c.row = pending_rows_.row(r);
        changes.push_back(std::move(c));
      }
    }
    write.put_state.emplace_back(prefix + "seq", std::to_string(next_row_ + pending_rows_.rows()));
  }
  std::vector<SinkChange> sink_changes;
  if (sink_) {
    sink_changes.reserve(changes.size());
    for (const auto& c : changes) sink_changes.push_back(SinkChange{c.erase, c.row, c.key});
  }
  if (!keep_in_store_) changes.clear();
  consumers_see_changes(write);  // SUBSCRIBE: the epoch's row changes, before they commit
  std::string position = source_->position();
  write.put_state.emplace_back(prefix + "pos", position);
  if (late_rows() > 0) write.put_state.emplace_back(prefix + "late", std::to_string(late_rows()));
  std::string right_position = right_source_ ? right_source_->position() : std::string();
  if (right_source_) write.put_state.emplace_back(prefix + "pos.r", right_position);
  write.put_state.emplace_back(prefix + "epoch", std::to_string(epoch_ + 1));
  if (!fingerprint_written_) write.put_state.emplace_back(prefix + "fp", fingerprint());
  pending.sink_changes = std::move(sink_changes);
  pending.position = std::move(position);
  pending.right_position = std::move(right_position);
}

void ContinuousQuery::after_commit(PendingEpoch& pending) {
  fingerprint_written_ = true;
  if (!aggregate_ && !join_ && !upstream_) {
    next_row_ += pending_rows_.rows();
    pending_rows_ = Batch::with_types(plan_.output_types());
  }
  dirty_ = false;
  ++epoch_;
  {
    const int64_t now = now_micros();
    // HashAggregate::state_bytes walks every group: once a second at most, and no more than
    // 1% of the time (a walk over millions of groups takes tens of milliseconds).
    const bool measure = (aggregate_ || join_) && now - state_measured_at_ >= std::max<int64_t>(1'000'000, 100 * state_measure_micros_);
    const size_t bytes = !measure ? 0 : (aggregate_ ? aggregate_->state_bytes() : 0) + (join_ ? join_->state_bytes() : 0);
    if (measure) {
      state_measured_at_ = now;
      state_measure_micros_ = now_micros() - now;
    }
    std::lock_guard lock(status_mutex_);
    status_.epochs++;
    status_.last_commit_micros = now;
    status_.late_rows = late_rows();
    status_.state_groups = (aggregate_ ? aggregate_->group_count() : 0) + (join_ ? join_->kept_rows() : 0);
    if (measure) status_.state_bytes = bytes;
    if (watermark_) status_.watermark = watermark_->watermark();
    else if (join_ && plan_.interval_join->window_side >= 0) status_.watermark = join_window_watermark();
    else if (left_join_watermark_) status_.watermark = left_join_watermark_->watermark();
  }
  consumers_see_commit();  // SUBSCRIBE: the epoch may be shown now
  if (sink_ && !pending.sink_changes.empty()) write_sink(pending.sink_changes);
  epoch_offset_ = source_->offset();
  epoch_position_ = std::move(pending.position);
  source_->committed();
  if (right_source_) {
    right_epoch_offset_ = right_source_->offset();
    right_epoch_position_ = std::move(pending.right_position);
    right_source_->committed();
  }
  note_committed();
}

bool ContinuousQuery::commit_with_retry(const storage::EpochWrite& write) {
  auto backoff = std::chrono::milliseconds(100);
  for (;;) {
    storage::Status st = store_.commit(write);
    if (st.ok()) {
      std::lock_guard lock(status_mutex_);
      store_error_.clear();
      return true;
    }
    {
      std::lock_guard lock(status_mutex_);
      store_error_ = std::string(st.sqlstate()) + ": committing an epoch: " + st.to_string() + ", next attempt in " +
                     std::to_string(backoff.count()) + " ms";
    }
    auto until = Clock::now() + backoff;
    while (Clock::now() < until) {
      if (stopping_) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

void ContinuousQuery::write_sink(const std::vector<SinkChange>& changes) {
  // The epoch is committed; its sink write must land before the next epoch's, so retry with
  // backoff until it does (or the query is stopped).
  auto backoff = std::chrono::milliseconds(100);
  for (;;) {
    try {
      sink_->write(epoch_, changes);
      std::lock_guard lock(status_mutex_);
      sink_error_.clear();
      return;
    } catch (const std::exception& e) {
      {
        std::lock_guard lock(status_mutex_);
        sink_error_ = std::string("writing ") + sink_->describe() + ": " + e.what() + ", next attempt in " +
                      std::to_string(backoff.count()) + " ms";
      }
      auto until = Clock::now() + backoff;
      while (Clock::now() < until) {
        if (stopping_) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
  }
}

void ContinuousQuery::note_committed() {
  {
    std::lock_guard lock(status_mutex_);
    committed_offset_ = source_->offset();
    if (right_source_) committed_right_offset_ = right_source_->offset();
  }
  committed_.notify_all();
}

bool ContinuousQuery::commit_through(uint64_t offset, std::chrono::milliseconds timeout, uint64_t right_offset) {
  auto raise = [](std::atomic<uint64_t>& target, uint64_t want) {
    uint64_t current = target.load();
    while (current < want && !target.compare_exchange_weak(current, want)) {
    }
  };
  raise(flush_target_, offset);
  if (right_source_) raise(flush_target_right_, right_offset);
  else right_offset = 0;
  source_->interrupt();
  if (right_source_) right_source_->interrupt();
  std::unique_lock lock(status_mutex_);
  auto done = [&] { return committed_offset_ >= offset && committed_right_offset_ >= right_offset; };
  return committed_.wait_for(lock, timeout, [&] { return done() || status_.state != "running"; }) && done();
}

}  // namespace eddy::engine
