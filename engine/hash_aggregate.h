#pragma once
// Incremental hash aggregation over weighted batches, with tumbling, sliding and session
// windows, late-row dropping and window closing by a watermark (docs/streaming.md).
//
// Input: a pre-aggregation batch whose columns hold the group keys, the event timestamp (when
// windowed) and the aggregate arguments, at the indexes given at construction. Output layout:
//   key columns..., [window_start, window_end], one column per aggregate.
//
// Every input row carries a weight (+1 insert, -1 retract). The operator keeps, per group, the
// sum of weights and the aggregates' accumulators (accumulators.h), and remembers which groups
// changed since the last take_changes(), so an epoch emits only those:
//
//   input (asset, w)   state (asset -> count)   take_changes()
//   ('a', +1)          a -> 1
//   ('a', +1)          a -> 2                    ('a', 2) alive
//   ('b', +1)          b -> 1
//   ('b', -1)          b -> 0                    ('b', 0) dead  => the view deletes key b
//
// Windows close when the watermark reaches their end (close_windows()): their state is freed,
// so memory stays bounded on an unbounded stream. In update mode a group's row is written
// whenever it changes and stays in the view after its window closes; with `emit_on_close` a
// group's row is written once, when its window closes.
//
// A session group's key (and so its row's key) includes its window_start, which moves when a
// late row extends the session backwards or two sessions merge: take_changes() then erases the
// row and state stored under the old key.
//
// Not thread-safe: one runner thread owns it.

#include <cstdint>
#include <limits>
#include <optional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "common/column.h"
#include "engine/accumulators.h"
#include "engine/aggregate_spec.h"
#include "engine/group_keys.h"

namespace eddy::engine {

// What one epoch writes for an aggregate.
struct AggregateChanges {
  Batch rows;                     // output layout, one row per entry of keys
  std::vector<std::string> keys;  // the encoded group key of each row (storage/key_encoding.h)
  std::vector<uint8_t> alive;     // 1: write the row (subject to HAVING); 0: erase the key's row
  std::vector<std::pair<std::string, std::string>> put_state;  // group key -> state bytes
  std::vector<std::string> erase_state;                        // group keys whose state goes
};

class HashAggregate {
 public:
  static constexpr int64_t kNoWatermark = std::numeric_limits<int64_t>::min();

  HashAggregate(std::vector<int> key_inputs, std::vector<Type> key_types, std::optional<WindowSpec> window,
                std::vector<AggregateSpec> aggregates, bool emit_on_close = false);

  std::vector<Type> output_types() const;
  // Adds `input` to the groups. With `watermarks` (one per input row: the watermark before
  // that row) a row's windows that are already closed are skipped; rows that reach no open
  // window are late: their indexes go to `late` (when given) and late_rows() counts them.
  // Throws SqlError (0A000) before changing anything when a retraction cannot be applied.
  void consume(const Batch& input, const int64_t* watermarks = nullptr, std::vector<uint32_t>* late = nullptr);
  // Closes every window whose end <= watermark: the next take_changes() frees its state (and,
  // with emit_on_close, writes its final row).
  void close_windows(int64_t watermark);
  // The changes since the last call. Without `with_state`, put_state/erase_state stay empty.
  void take_changes(AggregateChanges& out, bool with_state);
  // Restores one group from state bytes that take_changes() gave. Returns false when they do
  // not fit this aggregate (another plan's state): the caller reports that, never misreads it.
  bool restore_group(std::string_view state);
  // Marks every live group changed, so the next take_changes() writes them all again (after
  // recovery: sinks get every row again, absolute values, in case the last write was lost).
  void mark_all_dirty();
  // Every live group. A global aggregate (no keys, no window) always yields exactly one row,
  // as SQL requires of `SELECT count(*) FROM empty`.
  Batch all_groups() const;
  size_t group_count() const { return live_groups_; }
  uint64_t late_rows() const { return late_rows_; }
  // Approximate bytes of state held (groups, keys, accumulators).
  size_t state_bytes() const;
  bool global() const { return key_inputs_.empty() && !window_; }

 private:
  static constexpr uint32_t kSkip = std::numeric_limits<uint32_t>::max();
  enum Persisted : uint8_t { kRowWritten = 1, kStateStored = 2 };

  // Window assignment (window_assign.cpp): fills pair_rows_/pair_groups_ for rows [0, n).
  void assign_plain(const Batch& input);
  void assign_fixed_windows(const Batch& input, const int64_t* watermarks, std::vector<uint32_t>* late);
  void assign_sessions(const Batch& input, const int64_t* watermarks, std::vector<uint32_t>* late);
  uint32_t find_or_add_group(const Batch& input, size_t row, int64_t window_start, int64_t window_end,
                             std::string& key_buffer);
  // A new group slot found under `key` in index_ (an index key, append_index_key; unused for
  // sessions); its key values are then set in keys_.
  uint32_t add_group(std::string key, int64_t window_start, int64_t window_end);
  void free_group(uint32_t g);
  // Session: the key's open sessions (created on first use), and leaving that list (a list
  // left empty is recycled, so keys that stop appearing cost nothing).
  uint32_t session_list_for(const std::string& list_key);
  void detach_session(uint32_t g);
  void touch(uint32_t g);
  std::string group_key(uint32_t g) const;  // key values + current window start, as stored
  std::string index_key(uint32_t g) const;  // the same as index_ finds it (append_index_key)
  std::string encode_group(uint32_t g) const;
  void append_group(Batch& out, uint32_t g) const;
  void release_persisted(uint32_t g, AggregateChanges& out, bool with_state);

  std::vector<int> key_inputs_;
  std::vector<Type> key_types_;
  std::optional<WindowSpec> window_;
  bool emit_on_close_;
  Accumulators accumulators_;

  // Tumbling/sliding/plain: encoded key (+ window start) -> group. Session: encoded key ->
  // index into sessions_ (the key's open sessions, sorted by start).
  boost::unordered_flat_map<std::string, uint32_t> index_;
  std::vector<std::vector<uint32_t>> sessions_;
  std::vector<std::string> session_list_keys_;  // the index_ key of each list
  std::vector<uint32_t> free_session_lists_;

  // Per group slot (reused after free_group):
  std::vector<uint8_t> live_;
  GroupKeys keys_;                      // key values of each group
  std::vector<int64_t> window_start_;   // windowed: the group's window_start
  std::vector<int64_t> row_counts_;     // sum of weights per group
  std::vector<int64_t> window_end_;     // windowed: the group's window_end
  std::vector<int64_t> session_last_;   // session: the last row's ts
  std::vector<uint32_t> session_list_;  // session: its list in sessions_
  std::vector<uint8_t> persisted_;      // Persisted bits: what the store holds for it
  std::vector<std::string> persisted_key_;  // session: the key its row/state are stored under
  std::vector<int64_t> persisted_start_;    // session: the window_start of that key
  std::vector<uint8_t> dirty_;
  std::vector<uint8_t> closing_;        // closed by the watermark: freed at take_changes
  std::vector<uint32_t> dirty_list_;
  std::vector<uint32_t> free_groups_;
  size_t live_groups_ = 0;
  uint64_t late_rows_ = 0;
  // Keys whose stored row/state must go at the next take_changes (merged-away sessions).
  std::vector<std::pair<std::string, uint8_t>> orphaned_;
  std::vector<Row> orphaned_rows_;

  // Windows by end, for close_windows(): (end, group), smallest end first. An entry is stale
  // when the group was freed or its end moved (sessions); stale entries are skipped.
  using EndEntry = std::pair<int64_t, uint32_t>;
  std::priority_queue<EndEntry, std::vector<EndEntry>, std::greater<EndEntry>> ends_;
  std::vector<uint32_t> closed_list_;

  std::vector<uint32_t> pair_rows_;    // scratch: input row of each (row, group) pair
  std::vector<uint32_t> pair_groups_;  // scratch: its group
  std::vector<std::pair<uint32_t, uint32_t>> merges_;  // scratch: (from, into) session merges
};

}  // namespace eddy::engine
