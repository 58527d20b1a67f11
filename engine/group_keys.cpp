#include "engine/group_keys.h"

#include "storage/key_encoding.h"
#include "storage/varint.h"

namespace eddy::engine {

void append_index_int(std::string& out, int64_t x) {
  out.push_back('\x01');
  storage::put_varint(out, storage::zigzag(x));
}

void append_index_key(std::string& out, const Column& column, size_t row) {
  if (column.is_null(row)) {
    out.push_back('\x00');
  } else if (column.type().physical() == PhysicalType::Int64) {
    append_index_int(out, column.ints()[row]);
  } else {
    out.push_back('\x02');
    storage::append_key(out, column, row);
  }
}

void append_index_key(std::string& out, const Value& v) {
  if (v.is_null) {
    out.push_back('\x00');
  } else if (v.type.physical() == PhysicalType::Int64) {
    append_index_int(out, v.i);
  } else {
    out.push_back('\x02');
    storage::append_key(out, v);
  }
}

GroupKeys::GroupKeys(std::vector<Type> types) {
  for (const Type& t : types) {
    KeyColumn c;
    c.type = t;
    c.physical = t.physical();
    columns_.push_back(std::move(c));
  }
}

void GroupKeys::resize(size_t slots) {
  for (KeyColumn& c : columns_) {
    c.nulls.resize(slots, 0);
    switch (c.physical) {
      case PhysicalType::Int64: c.ints.resize(slots); break;
      case PhysicalType::Float64: c.floats.resize(slots); break;
      case PhysicalType::String: c.strings.resize(slots); break;
      case PhysicalType::Interval: c.intervals.resize(slots); break;
    }
  }
}

void GroupKeys::set(uint32_t g, const Batch& input, const std::vector<int>& inputs, size_t row) {
  for (size_t k = 0; k < columns_.size(); ++k) {
    KeyColumn& c = columns_[k];
    const Column& from = input.columns[inputs[k]];
    if (from.type().physical() != c.physical) {  // not expected from the planner: convert as Column::append does
      set_value(c, g, from.get(row));
      continue;
    }
    c.nulls[g] = from.is_null(row) ? 1 : 0;
    if (c.nulls[g]) continue;
    switch (c.physical) {
      case PhysicalType::Int64: c.ints[g] = from.ints()[row]; break;
      case PhysicalType::Float64: c.floats[g] = from.floats()[row]; break;
      case PhysicalType::String: c.strings[g] = from.strings()[row]; break;
      case PhysicalType::Interval: c.intervals[g] = from.intervals()[row]; break;
    }
  }
}

void GroupKeys::set(uint32_t g, const Row& values) {
  for (size_t k = 0; k < columns_.size(); ++k) set_value(columns_[k], g, values[k]);
}

void GroupKeys::set_value(KeyColumn& c, uint32_t g, const Value& v) {
  Column one(c.type);
  one.append(v);  // Column's conversions (int <-> float) and NULL for anything else
  c.nulls[g] = one.is_null(0) ? 1 : 0;
  if (c.nulls[g]) return;
  switch (c.physical) {
    case PhysicalType::Int64: c.ints[g] = one.ints()[0]; break;
    case PhysicalType::Float64: c.floats[g] = one.floats()[0]; break;
    case PhysicalType::String: c.strings[g] = std::move(one.strings()[0]); break;
    case PhysicalType::Interval: c.intervals[g] = one.intervals()[0]; break;
  }
}

void GroupKeys::clear(uint32_t g) {
  for (KeyColumn& c : columns_)
    if (c.physical == PhysicalType::String) std::string().swap(c.strings[g]);
}

Value GroupKeys::get(uint32_t g, size_t k) const {
  const KeyColumn& c = columns_[k];
  Value v;
  v.type = c.type;
  if (c.nulls[g]) return v;
  v.is_null = false;
  switch (c.physical) {
    case PhysicalType::Int64: v.i = c.ints[g]; break;
    case PhysicalType::Float64: v.f = c.floats[g]; break;
    case PhysicalType::String: v.s = c.strings[g]; break;
    case PhysicalType::Interval: v.iv = c.intervals[g]; break;
  }
  return v;
}

void GroupKeys::append_to(Column& out, uint32_t g, size_t k) const {
  const KeyColumn& c = columns_[k];
  if (c.nulls[g] || out.type().physical() != c.physical) {
    out.append(get(g, k));
    return;
  }
  switch (c.physical) {
    case PhysicalType::Int64: out.append_int(c.ints[g]); break;
    case PhysicalType::Float64: out.append_float(c.floats[g]); break;
    case PhysicalType::String: out.append_string(c.strings[g]); break;
    case PhysicalType::Interval: out.append_interval(c.intervals[g]); break;
  }
}

void GroupKeys::append_key(std::string& out, uint32_t g) const {
  for (size_t k = 0; k < columns_.size(); ++k) {
    const KeyColumn& c = columns_[k];
    if (c.physical == PhysicalType::Int64 && !c.nulls[g]) storage::append_int_key(out, c.ints[g]);
    else storage::append_key(out, get(g, k));
  }
}

void GroupKeys::append_index_key(std::string& out, uint32_t g) const {
  for (size_t k = 0; k < columns_.size(); ++k) {
    const KeyColumn& c = columns_[k];
    if (c.physical == PhysicalType::Int64 && !c.nulls[g]) append_index_int(out, c.ints[g]);
    else engine::append_index_key(out, get(g, k));
  }
}

size_t GroupKeys::heap_bytes(uint32_t g) const {
  size_t bytes = 0;
  for (const KeyColumn& c : columns_)
    if (c.physical == PhysicalType::String && c.strings[g].capacity() > 15) bytes += c.strings[g].capacity();
  return bytes;
}

size_t GroupKeys::slot_bytes() const {
  size_t bytes = 0;
  for (const KeyColumn& c : columns_) {
    bytes += 1;  // null flag
    switch (c.physical) {
      case PhysicalType::Int64: bytes += sizeof(int64_t); break;
      case PhysicalType::Float64: bytes += sizeof(double); break;
      case PhysicalType::String: bytes += sizeof(std::string); break;
      case PhysicalType::Interval: bytes += sizeof(Interval); break;
    }
  }
  return bytes;
}

}  // namespace eddy::engine
