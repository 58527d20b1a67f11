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

// The key a HashAggregate's hash index finds a group by (not the key its row and state are
// stored under, storage/key_encoding.h): each key value as 0x00 (NULL), 0x01 and the zigzag
// varint of an Int64-class value, or 0x02 and its storage key bytes (self-delimiting), then
// the window start as an Int64 value. One-to-one for a fixed list of column types, and short:
// an id and a window start fit the 15 bytes a std::string keeps without allocating.
void append_index_key(std::string& out, const Column& column, size_t row);
void append_index_key(std::string& out, const Value& v);
void append_index_int(std::string& out, int64_t x);

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
  // append_index_key of each key value of slot g, in order.
  void append_index_key(std::string& out, uint32_t g) const;
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
