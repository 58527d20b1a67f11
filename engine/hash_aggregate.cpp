#include "engine/hash_aggregate.h"

#include <algorithm>

#include "common/error.h"
#include "storage/key_encoding.h"
#include "storage/row_codec.h"

namespace eddy::engine {

HashAggregate::HashAggregate(std::vector<int> key_inputs, std::vector<Type> key_types, std::optional<WindowSpec> window,
                             std::vector<AggregateSpec> aggregates, bool emit_on_close)
    : key_inputs_(std::move(key_inputs)),
      key_types_(std::move(key_types)),
      window_(window),
      emit_on_close_(emit_on_close && window.has_value()),
      accumulators_(std::move(aggregates)),
      keys_(key_types_) {
  if (global()) {  // the single group of a global aggregate exists from the start
    uint32_t g = add_group(std::string(), 0, 0);
    touch(g);
  }
}

std::vector<Type> HashAggregate::output_types() const {
  std::vector<Type> out = key_types_;
  if (window_) {
    out.push_back(Type::timestamp());
    out.push_back(Type::timestamp());
  }
  for (const auto& a : accumulators_.specs()) out.push_back(a.result_type);
  return out;
}

uint32_t HashAggregate::add_group(std::string key, int64_t window_start, int64_t window_end) {
  uint32_t g;
  if (!free_groups_.empty()) {
    g = free_groups_.back();
    free_groups_.pop_back();
  } else {
    g = static_cast<uint32_t>(live_.size());
    live_.push_back(0);
    keys_.resize(live_.size());
    window_start_.push_back(0);
    row_counts_.push_back(0);
    window_end_.push_back(0);
    session_last_.push_back(0);
    session_list_.push_back(0);
    persisted_.push_back(0);
    persisted_key_.emplace_back();
    persisted_start_.push_back(0);
    dirty_.push_back(0);
    closing_.push_back(0);
    accumulators_.resize(live_.size());
  }
  live_[g] = 1;
  window_start_[g] = window_start;
  row_counts_[g] = 0;
  window_end_[g] = window_end;
  ++live_groups_;
  if (window_) ends_.emplace(window_end, g);
  if (!window_ || window_->kind != WindowKind::Session) {
    if (!global()) index_.emplace(std::move(key), g);
  }
  return g;
}

void HashAggregate::free_group(uint32_t g) {
  if (!live_[g]) return;
  if (window_ && window_->kind == WindowKind::Session) {
    detach_session(g);
  } else if (!global()) {
    index_.erase(index_key(g));
  }
  live_[g] = 0;
  accumulators_.clear(g);
  keys_.clear(g);
  row_counts_[g] = 0;
  persisted_[g] = 0;
  persisted_key_[g] = std::string();
  dirty_[g] = 0;
  closing_[g] = 0;
  --live_groups_;
  free_groups_.push_back(g);
}

void HashAggregate::touch(uint32_t g) {
  if (!dirty_[g]) {
    dirty_[g] = 1;
    dirty_list_.push_back(g);
  }
}

std::string HashAggregate::index_key(uint32_t g) const {
  std::string key;
  keys_.append_index_key(key, g);
  if (window_) append_index_int(key, window_start_[g]);
  return key;
}

std::string HashAggregate::group_key(uint32_t g) const {
  std::string key;
  keys_.append_key(key, g);
  if (window_) storage::append_int_key(key, window_start_[g]);
  return key;
}

void HashAggregate::consume(const Batch& input, const int64_t* watermarks, std::vector<uint32_t>* late) {
  const size_t rows = input.rows();
  if (rows == 0) return;
  // Refuse what cannot be applied before changing any state, so a failed batch leaves none.
  accumulators_.check_retractions(input);
  if (window_ && window_->kind == WindowKind::Session)
    for (int64_t w : input.weights)
      if (w < 0) throw SqlError(sqlstate::kFeatureNotSupported, "SESSION_WINDOW() over retracted rows is not supported yet");
  pair_rows_.clear();
  pair_groups_.clear();
  if (!window_) assign_plain(input);
  else if (window_->kind == WindowKind::Session) assign_sessions(input, watermarks, late);
  else assign_fixed_windows(input, watermarks, late);
  for (size_t i = 0; i < pair_rows_.size(); ++i) {
    const uint32_t g = pair_groups_[i];
    row_counts_[g] += input.weights[pair_rows_[i]];
    touch(g);
  }
  accumulators_.update(input, pair_rows_, pair_groups_);
  for (const auto& [from, into] : merges_) {  // sessions bridged by this batch (in merge order)
    accumulators_.merge(into, from);
    row_counts_[into] += row_counts_[from];
    touch(into);
    if (persisted_[from] != 0) {
      Batch old = Batch::with_types(output_types());
      append_group(old, from);
      old.columns[key_inputs_.size()].ints().back() = persisted_start_[from];
      orphaned_.emplace_back(persisted_key_[from], persisted_[from]);
      orphaned_rows_.push_back(old.row(0));
    }
    free_group(from);
  }
  merges_.clear();
}

void HashAggregate::close_windows(int64_t watermark) {
  if (!window_ || watermark == kNoWatermark) return;
  while (!ends_.empty() && ends_.top().first <= watermark) {
    const uint32_t g = ends_.top().second;
    ends_.pop();
    if (!live_[g] || closing_[g] || window_end_[g] > watermark) continue;  // stale entry
    closing_[g] = 1;
    closed_list_.push_back(g);
    if (window_->kind == WindowKind::Session) detach_session(g);  // no later row may join a closed session
  }
}

void HashAggregate::release_persisted(uint32_t g, AggregateChanges& out, bool with_state) {
  // A session whose start moved: what the store holds under its old key goes.
  const std::string& old_key = persisted_key_[g];
  if (old_key.empty()) return;
  if (persisted_[g] & kRowWritten) {
    append_group(out.rows, g);
    out.rows.columns[key_inputs_.size()].ints().back() = persisted_start_[g];  // the row as stored
    out.keys.push_back(old_key);
    out.alive.push_back(0);
  }
  if ((persisted_[g] & kStateStored) && with_state) out.erase_state.push_back(old_key);
  persisted_[g] = 0;
  persisted_key_[g].clear();
}

void HashAggregate::take_changes(AggregateChanges& out, bool with_state) {
  out.rows = Batch::with_types(output_types());
  out.keys.clear();
  out.alive.clear();
  out.put_state.clear();
  out.erase_state.clear();
  const bool sessions = window_ && window_->kind == WindowKind::Session;

  for (size_t i = 0; i < orphaned_.size(); ++i) {  // sessions merged into others
    const auto& [key, bits] = orphaned_[i];
    if (bits & kRowWritten) {
      out.rows.append_row(orphaned_rows_[i], 1);
      out.keys.push_back(key);
      out.alive.push_back(0);
    }
    if ((bits & kStateStored) && with_state) out.erase_state.push_back(key);
  }
  orphaned_.clear();
  orphaned_rows_.clear();

  // Closed windows: the last row (update mode: if it changed; emit mode: always), then the
  // state goes.
  for (uint32_t g : closed_list_) {
    if (!live_[g]) continue;
    std::string key = group_key(g);
    if (sessions && persisted_key_[g] != key) release_persisted(g, out, with_state);
    const bool alive = row_counts_[g] > 0;
    if (emit_on_close_ ? alive : dirty_[g] != 0) {
      append_group(out.rows, g);
      out.keys.push_back(key);
      out.alive.push_back(alive ? 1 : 0);
    }
    if ((persisted_[g] & kStateStored) && with_state) out.erase_state.push_back(key);
    free_group(g);
  }
  closed_list_.clear();

  for (uint32_t g : dirty_list_) {
    if (!dirty_[g]) continue;  // freed (closed or merged away) since it changed
    dirty_[g] = 0;
    std::string key = group_key(g);
    if (sessions && !persisted_key_[g].empty() && persisted_key_[g] != key) release_persisted(g, out, with_state);
    const bool alive = global() || row_counts_[g] > 0;
    if (!alive) {
      if (persisted_[g] & kRowWritten) {
        append_group(out.rows, g);
        out.keys.push_back(key);
        out.alive.push_back(0);
      }
      if ((persisted_[g] & kStateStored) && with_state) out.erase_state.push_back(key);
      free_group(g);
      continue;
    }
    if (!emit_on_close_) {
      append_group(out.rows, g);
      out.keys.push_back(key);
      out.alive.push_back(1);
      persisted_[g] |= kRowWritten;
    }
    if (with_state) {
      out.put_state.emplace_back(key, encode_group(g));
      persisted_[g] |= kStateStored;
    }
    if (sessions) {
      persisted_key_[g] = std::move(key);
      persisted_start_[g] = window_start_[g];
    }
  }
  dirty_list_.clear();
}

// A group's state: one row of [key values..., window start?, window end?, last ts (sessions)?,
// row count, the accumulators' values], in storage/row_codec's format (which carries a version).
std::string HashAggregate::encode_group(uint32_t g) const {
  Row r;
  r.reserve(keys_.columns() + 5);
  for (size_t k = 0; k < keys_.columns(); ++k) r.push_back(keys_.get(g, k));
  if (window_) {
    r.push_back(Value::timestamp(window_start_[g]));
    r.push_back(Value::timestamp(window_end_[g]));
    if (window_->kind == WindowKind::Session) r.push_back(Value::timestamp(session_last_[g]));
  }
  r.push_back(Value::int64(row_counts_[g]));
  accumulators_.encode(g, r);
  return storage::encode_row(r);
}

bool HashAggregate::restore_group(std::string_view state) {
  Row r;
  if (!storage::decode_row(state, r).ok()) return false;
  const bool sessions = window_ && window_->kind == WindowKind::Session;
  const size_t nvalues = key_inputs_.size() + (window_ ? 1 : 0);
  const size_t nfixed = nvalues + (window_ ? 1 : 0) + (sessions ? 1 : 0) + 1;
  if (r.size() < nfixed) return false;
  Row values(r.begin(), r.begin() + static_cast<long>(nvalues));
  for (size_t k = 0; k < key_inputs_.size(); ++k)
    if (!values[k].is_null && values[k].type.physical() != key_types_[k].physical()) return false;
  size_t pos = nvalues;
  int64_t end = 0, last = 0;
  if (window_) {
    if (values.back().is_null || r[pos].is_null) return false;
    end = r[pos++].i;
    if (sessions) last = r[pos++].i;
  }
  const int64_t count = r[pos++].i;
  std::string key, index_key;  // the storage key, the hash index's key
  for (const auto& v : values) storage::append_key(key, v);
  for (size_t k = 0; k < key_inputs_.size(); ++k) append_index_key(index_key, values[k]);
  uint32_t g;
  if (global()) {
    g = 0;
  } else if (sessions) {
    const std::string list_key = index_key;
    const uint32_t list = session_list_for(list_key);
    g = add_group(std::string(), values.back().i, end);  // sessions are found through their key's list
    keys_.set(g, values);
    session_list_[g] = list;
    session_last_[g] = last;
    auto& sessions_of_key = sessions_[list];
    auto at = std::lower_bound(sessions_of_key.begin(), sessions_of_key.end(), values.back().i,
                               [&](uint32_t other, int64_t start) { return window_start_[other] < start; });
    sessions_of_key.insert(at, g);
    persisted_key_[g] = key;
    persisted_start_[g] = values.back().i;
  } else {
    if (window_) append_index_int(index_key, values.back().i);
    auto it = index_.find(index_key);
    if (it != index_.end()) {
      g = it->second;
    } else {
      g = add_group(index_key, window_ ? values.back().i : 0, end);
      keys_.set(g, values);
    }
  }
  row_counts_[g] = count;
  if (!accumulators_.decode(g, r, pos) || pos != r.size()) return false;
  persisted_[g] = kStateStored | (emit_on_close_ ? 0 : kRowWritten);
  return true;
}

void HashAggregate::mark_all_dirty() {
  for (uint32_t g = 0; g < live_.size(); ++g)
    if (live_[g] && (global() || row_counts_[g] > 0)) touch(g);
}

void HashAggregate::append_group(Batch& out, uint32_t g) const {
  size_t c = 0;
  for (size_t k = 0; k < key_inputs_.size(); ++k) keys_.append_to(out.columns[c++], g, k);
  if (window_) {
    out.columns[c++].append_int(window_start_[g]);
    out.columns[c++].append_int(window_end_[g]);
  }
  accumulators_.append_results(g, out.columns, c);
  out.weights.push_back(1);
}

Batch HashAggregate::all_groups() const {
  Batch out = Batch::with_types(output_types());
  for (uint32_t g = 0; g < live_.size(); ++g)
    if (live_[g] && (global() || row_counts_[g] > 0)) append_group(out, g);
  return out;
}

size_t HashAggregate::state_bytes() const {
  size_t bytes = live_.size() * (keys_.slot_bytes() + 7 * sizeof(int64_t) + sizeof(std::string) +
                                 Accumulators::slot_bytes() * accumulators_.specs().size());
  for (uint32_t g = 0; g < live_.size(); ++g) {
    if (!live_[g]) continue;
    bytes += keys_.heap_bytes(g) + (persisted_key_[g].capacity() > 15 ? persisted_key_[g].capacity() : 0) +
             accumulators_.extra_bytes(g);
  }
  bytes += index_.size() * (sizeof(std::string) + sizeof(uint32_t) + 16);
  for (const auto& [k, v] : index_) bytes += k.capacity() > 15 ? k.capacity() : 0;
  bytes += ends_.size() * sizeof(EndEntry);
  return bytes;
}

}  // namespace eddy::engine
