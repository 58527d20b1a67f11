#include "common/column.h"

#include <iterator>
#include <utility>

namespace eddy {

size_t Column::size() const {
  switch (type_.physical()) {
    case PhysicalType::Int64: return i64_.size();
    case PhysicalType::Float64: return f64_.size();
    case PhysicalType::String: return str_.size();
    case PhysicalType::Interval: return iv_.size();
  }
  return 0;
}

void Column::reserve(size_t n) {
  switch (type_.physical()) {
    case PhysicalType::Int64: i64_.reserve(n); break;
    case PhysicalType::Float64: f64_.reserve(n); break;
    case PhysicalType::String: str_.reserve(n); break;
    case PhysicalType::Interval: iv_.reserve(n); break;
  }
}

void Column::clear() {
  i64_.clear();
  f64_.clear();
  str_.clear();
  iv_.clear();
  nulls_.clear();
}

void Column::materialize_nulls() {
  if (nulls_.empty()) nulls_.assign(size(), 0);
}

void Column::append_null() {
  materialize_nulls();
  switch (type_.physical()) {
    case PhysicalType::Int64: i64_.push_back(0); break;
    case PhysicalType::Float64: f64_.push_back(0); break;
    case PhysicalType::String: str_.emplace_back(); break;
    case PhysicalType::Interval: iv_.emplace_back(); break;
  }
  nulls_.push_back(1);
}

void Column::set_null(size_t row) {
  materialize_nulls();
  nulls_[row] = 1;
}

void Column::append(const Value& v) {
  if (v.is_null) {
    append_null();
    return;
  }
  PhysicalType from = v.type.physical();
  switch (type_.physical()) {
    case PhysicalType::Int64:
      if (from == PhysicalType::Int64) return append_int(v.i);
      if (from == PhysicalType::Float64) return append_int(static_cast<int64_t>(v.f));
      break;
    case PhysicalType::Float64:
      if (from == PhysicalType::Float64) return append_float(v.f);
      if (from == PhysicalType::Int64) return append_float(static_cast<double>(v.i));
      break;
    case PhysicalType::String:
      if (from == PhysicalType::String) return append_string(v.s);
      break;
    case PhysicalType::Interval:
      if (from == PhysicalType::Interval) return append_interval(v.iv);
      break;
  }
  append_null();
}

void Column::append_from(const Column& other, size_t row) {
  if (other.is_null(row)) {
    append_null();
    return;
  }
  switch (type_.physical()) {
    case PhysicalType::Int64: append_int(other.i64_[row]); break;
    case PhysicalType::Float64: append_float(other.f64_[row]); break;
    case PhysicalType::String: append_string(other.str_[row]); break;
    case PhysicalType::Interval: append_interval(other.iv_[row]); break;
  }
}

void Column::append_column(Column&& other) {
  const size_t added = other.size();
  if (!other.nulls_.empty()) {
    materialize_nulls();
    nulls_.insert(nulls_.end(), other.nulls_.begin(), other.nulls_.end());
  } else if (!nulls_.empty()) {
    nulls_.resize(nulls_.size() + added, 0);
  }
  switch (type_.physical()) {
    case PhysicalType::Int64: i64_.insert(i64_.end(), other.i64_.begin(), other.i64_.end()); break;
    case PhysicalType::Float64: f64_.insert(f64_.end(), other.f64_.begin(), other.f64_.end()); break;
    case PhysicalType::String:
      if (str_.empty()) str_ = std::move(other.str_);
      else str_.insert(str_.end(), std::make_move_iterator(other.str_.begin()), std::make_move_iterator(other.str_.end()));
      break;
    case PhysicalType::Interval: iv_.insert(iv_.end(), other.iv_.begin(), other.iv_.end()); break;
  }
  other.clear();
}

Value Column::get(size_t row) const {
  Value v;
  v.type = type_;
  if (is_null(row)) return v;
  v.is_null = false;
  switch (type_.physical()) {
    case PhysicalType::Int64: v.i = i64_[row]; break;
    case PhysicalType::Float64: v.f = f64_[row]; break;
    case PhysicalType::String: v.s = str_[row]; break;
    case PhysicalType::Interval: v.iv = iv_[row]; break;
  }
  return v;
}

Column Column::gather(const std::vector<uint32_t>& rows) const {
  Column out(type_);
  switch (type_.physical()) {
    case PhysicalType::Int64:
      out.i64_.reserve(rows.size());
      for (uint32_t r : rows) out.i64_.push_back(i64_[r]);
      break;
    case PhysicalType::Float64:
      out.f64_.reserve(rows.size());
      for (uint32_t r : rows) out.f64_.push_back(f64_[r]);
      break;
    case PhysicalType::String:
      out.str_.reserve(rows.size());
      for (uint32_t r : rows) out.str_.push_back(str_[r]);
      break;
    case PhysicalType::Interval:
      out.iv_.reserve(rows.size());
      for (uint32_t r : rows) out.iv_.push_back(iv_[r]);
      break;
  }
  if (!nulls_.empty()) {
    out.nulls_.reserve(rows.size());
    for (uint32_t r : rows) out.nulls_.push_back(nulls_[r]);
  }
  return out;
}

Row Batch::row(size_t r) const {
  Row out;
  out.reserve(columns.size());
  for (const auto& c : columns) out.push_back(c.get(r));
  return out;
}

void Batch::append_row(const Row& values, int64_t weight) {
  for (size_t i = 0; i < columns.size() && i < values.size(); ++i) columns[i].append(values[i]);
  weights.push_back(weight);
}

Batch Batch::gather(const std::vector<uint32_t>& rows) const {
  Batch out;
  out.columns.reserve(columns.size());
  for (const auto& c : columns) out.columns.push_back(c.gather(rows));
  out.weights.reserve(rows.size());
  for (uint32_t r : rows) out.weights.push_back(weights[r]);
  return out;
}

Batch Batch::with_types(const std::vector<Type>& types) {
  Batch b;
  for (const auto& t : types) b.columns.emplace_back(t);
  return b;
}

}  // namespace eddy
