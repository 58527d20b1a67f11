#include "engine/expr/cast_kernels.h"

#include <cmath>

#include "common/array_text.h"
#include "common/value_text.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/utf8.h"

namespace eddy::engine::casts {

using namespace kernel;

void relabel(const Args& args, size_t rows, Column& out) {
  const Type t = out.type();
  out = *args[0];
  out.set_type(t);
  (void)rows;
}

void null_to_any(const Args& args, size_t rows, Column& out) {
  size_output(rows, out);
  out.nulls().assign(rows, 1);
  (void)args;
}

void int_to_int(const Args& args, size_t rows, Column& out) {
  auto in = ints(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  const TypeId t = out.type().id;
  const int64_t lo = int_min(t), hi = int_max(t);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    const int64_t x = in[i];
    if ((x < lo || x > hi) && !is_null_at(nulls, i)) throw_out_of_range(out.type());
    o[i] = x;
  }
}

void int_to_float(const Args& args, size_t rows, Column& out) {
  auto in = ints(*args[0], rows);
  prepare_output(args, rows, out);
  double* o = out.floats().data();
  if (out.type().id == TypeId::Float32) {
    for (size_t i = 0; i < rows; ++i) o[i] = static_cast<double>(static_cast<float>(in[i]));
  } else {
    for (size_t i = 0; i < rows; ++i) o[i] = static_cast<double>(in[i]);
  }
}

namespace {
template <bool kHalfEven>
void to_int(const Args& args, size_t rows, Column& out) {
  auto in = floats(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  const TypeId t = out.type().id;
  // PostgreSQL's FLOATn_FITS_IN_INTm: [min, -min) after rounding.
  const double lo = static_cast<double>(int_min(t)), hi = -static_cast<double>(int_min(t));
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    const double x = kHalfEven ? std::rint(in[i]) : std::round(in[i]);
    if (!(x >= lo && x < hi)) {
      if (!is_null_at(nulls, i)) throw_out_of_range(out.type());
      o[i] = 0;
      continue;
    }
    o[i] = static_cast<int64_t>(x);
  }
}
}  // namespace

void float_to_int(const Args& args, size_t rows, Column& out) { to_int<true>(args, rows, out); }
void numeric_to_int(const Args& args, size_t rows, Column& out) { to_int<false>(args, rows, out); }

void float_to_float(const Args& args, size_t rows, Column& out) {
  auto in = floats(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  double* o = out.floats().data();
  if (out.type().id != TypeId::Float32) {
    for (size_t i = 0; i < rows; ++i) o[i] = in[i];
    return;
  }
  for (size_t i = 0; i < rows; ++i) {
    const double x = in[i];
    const auto f = static_cast<float>(x);
    if (!is_null_at(nulls, i)) {
      if (std::isinf(f) && !std::isinf(x)) throw_float_overflow();
      if (f == 0.0f && x != 0.0) throw_float_underflow();
    }
    o[i] = static_cast<double>(f);
  }
}

void int_to_bool(const Args& args, size_t rows, Column& out) {
  auto in = ints(*args[0], rows);
  prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) o[i] = in[i] != 0 ? 1 : 0;
}

void date_to_timestamp(const Args& args, size_t rows, Column& out) {
  auto in = ints(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    if (__builtin_mul_overflow(in[i], kMicrosPerDay, &o[i]) && !is_null_at(nulls, i)) {
      throw SqlError(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
    }
  }
}

void timestamp_to_date(const Args& args, size_t rows, Column& out) {
  auto in = ints(*args[0], rows);
  prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    const int64_t t = in[i];
    o[i] = t / kMicrosPerDay - ((t % kMicrosPerDay) < 0 ? 1 : 0);
  }
}

namespace {

// Cuts `s` to `n` characters; with `strict`, raises 22001 if anything but spaces is cut.
void fit_varchar(std::string& s, int32_t n, bool strict) {
  if (n < 0 || s.size() <= static_cast<size_t>(n)) return;  // bytes >= characters
  const size_t cut = utf8::offset_of(s, static_cast<size_t>(n));
  if (cut >= s.size()) return;
  if (strict && s.find_first_not_of(' ', cut) != std::string::npos) {
    throw SqlError(sqlstate::kStringDataRightTruncation,
                   "value too long for type character varying(" + std::to_string(n) + ")");
  }
  s.resize(cut);
}

void to_text(const Args& args, size_t rows, Column& out, bool strict) {
  const Column& in = *args[0];
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  const int32_t n = out.type().id == TypeId::Varchar ? out.type().modifier : -1;
  const PhysicalType from = in.type().physical();
  const bool is_bool = in.type().id == TypeId::Bool;
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    if (from == PhysicalType::String) {
      o[i] = in.strings()[i];
    } else if (is_bool) {
      o[i] = in.ints()[i] != 0 ? "true" : "false";
    } else {
      append_value_text(o[i], in, i);
    }
    fit_varchar(o[i], n, strict);
  }
}

}  // namespace

void to_text_explicit(const Args& args, size_t rows, Column& out) { to_text(args, rows, out, false); }
void to_text_assignment(const Args& args, size_t rows, Column& out) { to_text(args, rows, out, true); }

void from_text(const Args& args, size_t rows, Column& out) {
  auto in = strings(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  const Type t = out.type();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const std::string& s = in[i];
    switch (t.id) {
      case TypeId::Bool: out.ints()[i] = parse_bool(s) ? 1 : 0; break;
      case TypeId::Int16:
      case TypeId::Int32:
      case TypeId::Int64: out.ints()[i] = parse_int(s, t); break;
      case TypeId::Float32:
      case TypeId::Float64:
      case TypeId::Numeric: out.floats()[i] = parse_double(s, t); break;
      case TypeId::Timestamp:
      case TypeId::TimestampTz: out.ints()[i] = parse_timestamp(s, t); break;
      case TypeId::Date: out.ints()[i] = parse_date(s); break;
      case TypeId::Interval: out.intervals()[i] = parse_interval(s); break;
      case TypeId::Text:
      case TypeId::Varchar: out.strings()[i] = s; break;
      default: {  // jsonb and the system-catalog types: their input functions
        Value v = parse_value(s, t);
        if (t.physical() == PhysicalType::String) out.strings()[i] = std::move(v.s);
        else out.ints()[i] = v.i;
        break;
      }
    }
  }
}

void array_to_array(const Args& args, size_t rows, Column& out) {
  auto in = strings(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  const Type from = args[0]->type(), to = out.type();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    ArrayElements elements = parse_array_elements(in[i], from);
    for (auto& e : elements)
      if (e) e = format_value(parse_value(*e, to.element()));
    out.strings()[i] = format_array(elements, to);
  }
}

}  // namespace eddy::engine::casts
