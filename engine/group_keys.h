#pragma once
// The key values of every group slot of a HashAggregate, one typed vector per key column
// instead of a Row of Values per group: an integer key costs 9 bytes a group, not a Value's
// ~80 plus the Row's own allocation. Slots are addressed by group index and reused after
// clear(); the aggregate sizes them with resize().
//
// Not thread-safe: one runner thread owns it, with its HashAggregate.

#include <cstdint>
#include <string>
#include <vector>

#include "common/column.h"
#include "common/value.h"

namespace eddy::engine {

class GroupKeys {
 public:
  explicit GroupKeys(std::vector<Type> types);

  size_t columns() const { return columns_.size(); }
  void resize(size_t slots);
  // Slot g takes row `row` of input's columns `inputs` (one per key column).
  void set(uint32_t g, const Batch& input, const std::vector<int>& inputs, size_t row);
  // Slot g takes values[0 .. columns()).
  void set(uint32_t g, const Row& values);
  void clear(uint32_t g);  // frees the slot's strings

  Value get(uint32_t g, size_t k) const;
  void append_to(Column& out, uint32_t g, size_t k) const;
  // storage::append_key of each key value of slot g, in order.
  void append_key(std::string& out, uint32_t g) const;
  size_t heap_bytes(uint32_t g) const;  // beyond the fixed per-slot bytes
  size_t slot_bytes() const;            // fixed bytes per slot

 private:
  struct KeyColumn {
    Type type;
    PhysicalType physical;
    std::vector<int64_t> ints;
    std::vector<double> floats;
    std::vector<std::string> strings;
    std::vector<Interval> intervals;
    std::vector<uint8_t> nulls;
  };
  void set_value(KeyColumn& c, uint32_t g, const Value& v);
  std::vector<KeyColumn> columns_;
};

}  // namespace eddy::engine
