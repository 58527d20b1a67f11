#pragma once
// The per-group state of a GROUP BY's aggregates, for every group an aggregate operator keeps
// (HashAggregate: plain groups, tumbling, sliding and session windows; batch and continuous).
//
// Groups are dense slot numbers chosen by the caller (resize() makes room, clear() empties a
// slot for reuse). update() takes (row, group) pairs, so one input row may feed several groups
// (sliding windows) and rows may be skipped (NULL event time, late rows). Every row carries a
// weight: +1 insert, -1 retraction.
//
// Kinds whose state cannot take a row back (is_append_only(spec): string_agg/array_agg without
// ORDER BY, bool_and/or, approx_count_distinct, first_value/last_value without ORDER BY, and
// min/max and first_value/last_value(x ORDER BY y) unless their spec is `retractable`) refuse
// retractions with 0A000 in check_retractions(), before any state changes. merge() combines
// two groups' state (session windows merging).
//
// Every kind keeps the four fixed fields of its slot; the kinds below also own an
// AccumulatorExtra, allocated when their group first gets a value:
//   count/sum/avg(DISTINCT x)   value -> occurrences (hash map); the slot holds the number of
//                               distinct values and their sum, kept as values come and go
//   min/max, retractable        value -> occurrences (ordered map): the extreme is its first/last
//   approx_count_distinct(x)    a HyperLogLog sketch (engine/hyperloglog.h)
//   first_value/last_value(x ORDER BY y) when retractable, string_agg/array_agg(... ORDER BY y):
//                               every row, ordered by (y, arrival)
// first_value/last_value otherwise keep only the best row in the slot (no extra).
// A retraction of a value the group does not hold is ignored.
//
// Arrival order is a sequence number per input row, counted by this object across update()
// calls (and restored from decoded state, so it keeps growing after a restart).
//
// Not thread-safe: one operator owns it.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/column.h"
#include "engine/aggregate_spec.h"

namespace eddy::engine {

struct AccumulatorExtra;  // kinds with more state than the fixed fields (accumulators.cpp)
enum class StateForm : uint8_t;  // how one spec keeps its state (accumulators.cpp)

class Accumulators {
 public:
  explicit Accumulators(std::vector<AggregateSpec> specs);
  ~Accumulators();
  Accumulators(Accumulators&&) noexcept;
  Accumulators& operator=(Accumulators&&) noexcept;

  const std::vector<AggregateSpec>& specs() const { return specs_; }
  size_t groups() const { return specs_.empty() ? groups_ : slots_.size() / specs_.size(); }

  // Makes room for `groups` groups; new groups are empty.
  void resize(size_t groups);
  // Empties group `g`, releasing what it holds.
  void clear(uint32_t g);
  // Throws SqlError 0A000 when `input` has a negative weight and an aggregate cannot take rows
  // back. Call before update(); nothing has changed when it throws.
  void check_retractions(const Batch& input) const;
  // For each i: row rows[i] of `input` (with its weight) goes into group groups[i]. `input`'s
  // columns are the pre-aggregation layout the specs' `input` indexes refer to.
  void update(const Batch& input, const std::vector<uint32_t>& rows, const std::vector<uint32_t>& groups);
  // Adds group `from`'s state into group `into` and clears `from`.
  void merge(uint32_t into, uint32_t from);
  // Appends one value per aggregate, group g's results, to out[first], out[first + 1], ...
  void append_results(uint32_t g, std::vector<Column>& out, size_t first) const;
  // The state of group g as values appended to `out` (stored with an epoch), and back:
  // per aggregate count, integer, float and string, then one more (binary) string for the kinds
  // with an extra. decode() returns false when the values do not fit these specs (group g is
  // then left empty or partly filled: the caller discards it).
  void encode(uint32_t g, Row& out) const;
  bool decode(uint32_t g, const Row& in, size_t& pos);
  // Approximate bytes held by group g's state beyond the fixed slot (for EXPLAIN and SHOW
  // QUERIES' state size).
  size_t extra_bytes(uint32_t g) const;
  static constexpr size_t slot_bytes() { return sizeof(int64_t) * 2 + sizeof(double) + sizeof(std::string) + sizeof(void*); }

 private:
  struct Slot {
    int64_t count = 0;  // non-NULL inputs (weighted); DISTINCT: distinct values; first/last: rows
    int64_t i = 0;      // integer sum, or the integer extreme; first/last: order key length
    double f = 0;       // float sum, or the float extreme; first/last: the held row's sequence
    std::string s;      // the string extreme (an interval extreme's 16 bytes), or concatenated
                        // text; first/last: order key then the held value (accumulators.cpp)
    std::unique_ptr<AccumulatorExtra> extra;  // only for kinds that need it
  };
  void update_one(size_t a, const Batch& input, const std::vector<uint32_t>& rows, const std::vector<uint32_t>& groups,
                  uint64_t seq_base);
  Slot& slot(uint32_t g, size_t a) { return slots_[g * specs_.size() + a]; }
  const Slot& slot(uint32_t g, size_t a) const { return slots_[g * specs_.size() + a]; }

  std::vector<AggregateSpec> specs_;
  std::vector<StateForm> forms_;  // per spec
  std::vector<Slot> slots_;  // group * specs_.size() + aggregate
  size_t groups_ = 0;        // when there are no aggregates
  uint64_t next_seq_ = 0;    // arrival sequence of the next input row
};

}  // namespace eddy::engine
