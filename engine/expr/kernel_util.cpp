#include "engine/expr/kernel_util.h"

#include <limits>

namespace eddy::engine::kernel {

void size_output(size_t rows, Column& out) {
  switch (out.type().physical()) {
    case PhysicalType::Int64: out.ints().resize(rows); break;
    case PhysicalType::Float64: out.floats().resize(rows); break;
    case PhysicalType::String: out.strings().resize(rows); break;
    case PhysicalType::Interval: out.intervals().resize(rows); break;
  }
  out.nulls().clear();
}

uint8_t* prepare_output(const std::vector<const Column*>& args, size_t rows, Column& out) {
  size_output(rows, out);
  bool any = false;
  for (const Column* a : args) any = any || a->has_nulls();
  if (!any) return nullptr;
  auto& nulls = out.nulls();
  nulls.assign(rows, 0);
  for (const Column* a : args) {
    if (!a->has_nulls()) continue;
    const uint8_t* in = a->nulls().data();
    if (stride(*a, rows) == 1) {
      for (size_t i = 0; i < rows; ++i) nulls[i] |= in[i];
    } else if (in[0] != 0) {
      for (size_t i = 0; i < rows; ++i) nulls[i] = 1;
    }
  }
  return nulls.data();
}

uint8_t* set_output_null(Column& out, size_t i) {
  out.materialize_nulls();
  out.nulls()[i] = 1;
  return out.nulls().data();
}

void throw_out_of_range(Type t) {
  const char* what = "bigint out of range";
  switch (t.id) {
    case TypeId::Int16: what = "smallint out of range"; break;
    case TypeId::Int32: what = "integer out of range"; break;
    case TypeId::Numeric: what = "value overflows numeric format"; break;
    case TypeId::Float32:
    case TypeId::Float64: what = "value out of range: overflow"; break;
    case TypeId::Timestamp:
    case TypeId::TimestampTz: what = "timestamp out of range"; break;
    case TypeId::Date: what = "date out of range"; break;
    case TypeId::Interval: what = "interval out of range"; break;
    default: break;
  }
  const bool datetime = t.is_temporal() || t.id == TypeId::Interval;
  throw SqlError(datetime ? sqlstate::kDatetimeFieldOverflow : sqlstate::kNumericValueOutOfRange, what);
}

void throw_division_by_zero() { throw SqlError(sqlstate::kDivisionByZero, "division by zero"); }
void throw_float_overflow() { throw SqlError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow"); }
void throw_float_underflow() { throw SqlError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow"); }

int64_t int_min(TypeId t) {
  switch (t) {
    case TypeId::Int16: return std::numeric_limits<int16_t>::min();
    case TypeId::Int32: return std::numeric_limits<int32_t>::min();
    default: return std::numeric_limits<int64_t>::min();
  }
}

int64_t int_max(TypeId t) {
  switch (t) {
    case TypeId::Int16: return std::numeric_limits<int16_t>::max();
    case TypeId::Int32: return std::numeric_limits<int32_t>::max();
    default: return std::numeric_limits<int64_t>::max();
  }
}

}  // namespace eddy::engine::kernel
