#pragma once
// Columnar storage: one typed array per column plus an optional null map.
//
// Only the vector matching type.physical() is used; the others stay empty. `nulls` is either
// empty (no NULLs in this column) or exactly size() long with 1 for NULL. A NULL slot still
// holds a default value in the data vector so that loops can run branch-free over it.

#include <cstdint>
#include <string>
#include <vector>

#include "common/type.h"
#include "common/value.h"

namespace eddy {

class Column {
 public:
  Column() = default;
  explicit Column(Type t) : type_(t) {}

  Type type() const { return type_; }
  void set_type(Type t) { type_ = t; }  // only between classes of the same physical type
  size_t size() const;
  void reserve(size_t n);
  void clear();

  bool has_nulls() const { return !nulls_.empty(); }
  bool is_null(size_t row) const { return !nulls_.empty() && nulls_[row] != 0; }

  // Appends; a Value whose physical class differs from the column's is converted when possible
  // (int <-> float), otherwise appended as NULL.
  void append(const Value& v);
  void append_null();
  void append_int(int64_t x) { i64_.push_back(x); if (!nulls_.empty()) nulls_.push_back(0); }
  void append_float(double x) { f64_.push_back(x); if (!nulls_.empty()) nulls_.push_back(0); }
  void append_string(std::string x) { str_.push_back(std::move(x)); if (!nulls_.empty()) nulls_.push_back(0); }
  void append_interval(Interval x) { iv_.push_back(x); if (!nulls_.empty()) nulls_.push_back(0); }
  // Appends row `row` of `other`, which must have the same physical type.
  void append_from(const Column& other, size_t row);
  // Appends every row of `other` (of the same physical type), moving its strings; `other` is
  // left empty.
  void append_column(Column&& other);

  Value get(size_t row) const;
  void set_null(size_t row);

  // Typed access for the hot path.
  std::vector<int64_t>& ints() { return i64_; }
  const std::vector<int64_t>& ints() const { return i64_; }
  std::vector<double>& floats() { return f64_; }
  const std::vector<double>& floats() const { return f64_; }
  std::vector<std::string>& strings() { return str_; }
  const std::vector<std::string>& strings() const { return str_; }
  std::vector<Interval>& intervals() { return iv_; }
  const std::vector<Interval>& intervals() const { return iv_; }
  std::vector<uint8_t>& nulls() { return nulls_; }
  const std::vector<uint8_t>& nulls() const { return nulls_; }
  // Makes `nulls` exactly size() long (all 0) if it is empty, so a writer may set entries.
  void materialize_nulls();

  // Keeps the rows whose index is listed, in that order.
  Column gather(const std::vector<uint32_t>& rows) const;

 private:
  Type type_;
  std::vector<int64_t> i64_;
  std::vector<double> f64_;
  std::vector<std::string> str_;
  std::vector<Interval> iv_;
  std::vector<uint8_t> nulls_;
};

// A batch of rows exchanged between operators. Every row has a weight: +1 for an insert,
// -1 for a retraction (larger magnitudes stand for repeated rows). Columns all have rows() rows.
struct Batch {
  std::vector<Column> columns;
  std::vector<int64_t> weights;

  size_t rows() const { return weights.size(); }
  bool empty() const { return weights.empty(); }
  Row row(size_t r) const;
  // Appends a row (one Value per column) with a weight.
  void append_row(const Row& values, int64_t weight = 1);
  Batch gather(const std::vector<uint32_t>& rows) const;
  static Batch with_types(const std::vector<Type>& types);
};

}  // namespace eddy
