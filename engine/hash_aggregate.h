#pragma once
// Incremental hash aggregation over weighted batches, with optional tumbling windows.
//
// Input: a pre-aggregation batch whose columns hold the group keys, the event timestamp (when
// windowed) and the aggregate arguments, at the indexes given at construction. Output layout:
//   key columns..., [window_start, window_end], one column per aggregate.
//
// Every input row carries a weight (+1 insert, -1 retract). The operator keeps, per group, the
// sum of weights and one accumulator per aggregate, and remembers which groups changed since
// the last take_changes(), so an epoch emits only those:
//
//   input (asset, w)   state (asset -> count)   take_changes()
//   ('a', +1)          a -> 1
//   ('a', +1)          a -> 2                    ('a', 2) alive
//   ('b', +1)          b -> 1
//   ('b', -1)          b -> 0                    ('b', 0) dead  => the view deletes key b
//
// min/max are kept as the running extreme, which is exact for append-only input; a retraction
// reaching a min/max group is rejected with 0A000 until the multiset form exists.
//
// Not thread-safe: one runner thread owns it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "common/column.h"
#include "engine/accumulators.h"
#include "engine/aggregate_spec.h"

namespace eddy::engine {

class HashAggregate {
 public:
  HashAggregate(std::vector<int> key_inputs, std::vector<Type> key_types,
                std::optional<WindowSpec> window, std::vector<AggregateSpec> aggregates);

  std::vector<Type> output_types() const;
  void consume(const Batch& input);
  // Groups changed since the last call, in the output layout. `keys` gets each row's encoded
  // group key (storage/key_encoding.h layout), `alive` whether the group still has rows.
  Batch take_changes(std::vector<std::string>& keys, std::vector<uint8_t>& alive);
  // The same, also giving each changed group's state as bytes (empty for a dead group), for an
  // epoch to store beside the result rows.
  Batch take_changes(std::vector<std::string>& keys, std::vector<uint8_t>& alive,
                     std::vector<std::string>& states);
  // Restores one group from bytes that take_changes() gave. Returns false when they do not fit
  // this aggregate (another plan's state): the caller reports that, never misreads it.
  bool restore_group(std::string_view state);
  // Marks every live group changed, so the next take_changes() emits them all (after recovery:
  // sinks get every row again, absolute values, in case the last epoch's write was lost).
  void mark_all_dirty();
  // Every live group. A global aggregate (no keys, no window) always yields exactly one row,
  // as SQL requires of `SELECT count(*) FROM empty`.
  Batch all_groups();
  size_t group_count() const { return row_counts_.size(); }
  bool global() const { return key_inputs_.empty() && !window_; }

 private:
  uint32_t group_for_row(const Batch& input, size_t row, std::string& key_buffer);
  void append_group(Batch& out, uint32_t group) const;
  std::string encode_group(uint32_t group) const;
  uint32_t insert_group(const std::string& key, Row values);

  std::vector<int> key_inputs_;
  std::vector<Type> key_types_;
  std::optional<WindowSpec> window_;
  Accumulators accumulators_;

  boost::unordered_flat_map<std::string, uint32_t> index_;
  std::vector<std::string> group_keys_;   // encoded key of each group
  std::vector<Row> group_values_;         // key values (and window start) of each group
  std::vector<int64_t> row_counts_;       // sum of weights per group
  std::vector<uint8_t> dirty_;
  std::vector<uint32_t> dirty_list_;
  std::vector<uint32_t> pair_rows_;       // scratch: input row of each (row, group) pair
  std::vector<uint32_t> pair_groups_;     // scratch: its group
};

}  // namespace eddy::engine
