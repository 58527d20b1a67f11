// format_value() and append_value_text(): PostgreSQL's text output for every Eddy type,
// dispatching on the type to the appenders of float_format.cpp and datetime_format.cpp.

#include "common/value_text.h"
#include "common/value_text_internal.h"

namespace eddy {

namespace {

void append_int_class(std::string& out, Type t, int64_t x) {
  switch (t.id) {
    case TypeId::Bool: out.push_back(x != 0 ? 't' : 'f'); break;
    case TypeId::Timestamp: text::append_timestamp(out, x, false); break;
    case TypeId::TimestampTz: text::append_timestamp(out, x, true); break;
    case TypeId::Date: text::append_date(out, x); break;
    default: text::append_int64(out, x); break;
  }
}

void append_float_class(std::string& out, Type t, double x) {
  switch (t.id) {
    case TypeId::Float32: text::append_float4(out, x); break;
    case TypeId::Numeric: text::append_numeric(out, x); break;
    default: text::append_float8(out, x); break;
  }
}

}  // namespace

std::string format_value(const Value& v) {
  std::string out;
  if (v.is_null) return out;
  switch (v.type.physical()) {
    case PhysicalType::Int64: append_int_class(out, v.type, v.i); break;
    case PhysicalType::Float64: append_float_class(out, v.type, v.f); break;
    case PhysicalType::String: out = v.s; break;
    case PhysicalType::Interval: text::append_interval(out, v.iv); break;
  }
  return out;
}

void append_value_text(std::string& out, const Column& col, size_t row) {
  const Type t = col.type();
  switch (t.physical()) {
    case PhysicalType::Int64: append_int_class(out, t, col.ints()[row]); break;
    case PhysicalType::Float64: append_float_class(out, t, col.floats()[row]); break;
    case PhysicalType::String: out.append(col.strings()[row]); break;
    case PhysicalType::Interval: text::append_interval(out, col.intervals()[row]); break;
  }
}

}  // namespace eddy
