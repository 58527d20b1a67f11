#include "protocol/binary_format.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>

#include "common/datetime_limits.h"
#include "common/error.h"
#include "common/value_text.h"
#include "protocol/binary_catalog_types.h"
#include "protocol/byte_buffer.h"
#include "protocol/pg_numeric.h"
#include "protocol/utf8.h"

namespace eddy::protocol {

namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

[[noreturn]] void out_of_range(const char* what) {
  throw SqlError(sqlstate::kDatetimeFieldOverflow, std::string(what) + " out of range");
}

// The physical pieces of one value, whichever container they come from.
struct Scalar {
  int64_t i = 0;
  double f = 0;
  std::string_view s;
  Interval iv;
};

void append_scalar(std::string& out, Type type, const Scalar& v) {
  ByteWriter w(out);
  switch (type.id) {
    case TypeId::Bool: w.u8(v.i != 0 ? 1 : 0); return;
    case TypeId::Int16: w.i16(static_cast<int16_t>(v.i)); return;
    case TypeId::Int32: w.i32(static_cast<int32_t>(v.i)); return;
    case TypeId::Int64: w.i64(v.i); return;
    case TypeId::Float32: w.u32(std::bit_cast<uint32_t>(static_cast<float>(v.f))); return;
    case TypeId::Float64: w.i64(std::bit_cast<int64_t>(v.f)); return;
    case TypeId::Numeric:
      if (std::isnan(v.f)) return append_numeric_binary(out, "NaN");
      if (std::isinf(v.f)) return append_numeric_binary(out, v.f > 0 ? "Infinity" : "-Infinity");
      return append_numeric_binary(out, format_numeric(v.f));
    case TypeId::Null:
    case TypeId::Text:
    case TypeId::Varchar: w.bytes(v.s); return;
    case TypeId::Jsonb:
      w.u8(1);
      w.bytes(v.s);
      return;
    case TypeId::Timestamp:
    case TypeId::TimestampTz: w.i64(pg_timestamp_from_unix_micros(v.i)); return;
    case TypeId::Date: w.i32(pg_date_from_unix_days(v.i)); return;
    case TypeId::Interval:
      w.i64(v.iv.micros);
      w.i32(v.iv.days);
      w.i32(v.iv.months);
      return;
    case TypeId::Oid:
    case TypeId::RegClass:
    case TypeId::RegType:
    case TypeId::RegProc:
    case TypeId::RegNamespace:
    case TypeId::Name:
    case TypeId::Char:
    case TypeId::Int2Vector:
    case TypeId::OidVector:
    case TypeId::Array: append_catalog_binary(out, type, v.i, v.s); return;
  }
}

// The number of UTF-8 characters in valid UTF-8 `s`.
size_t char_count(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

// PostgreSQL's varchar input rule: too long is an error unless the excess is only spaces, which
// are then cut.
std::string fit_varchar(std::string_view s, Type type) {
  if (type.modifier < 0 || char_count(s) <= size_t(type.modifier)) return std::string(s);
  size_t cut = 0;
  for (int32_t k = 0; k < type.modifier; ++k)  // byte offset after `modifier` characters
    do ++cut; while (cut < s.size() && (static_cast<uint8_t>(s[cut]) & 0xC0) == 0x80);
  if (s.find_first_not_of(' ', cut) != std::string_view::npos)
    throw SqlError(sqlstate::kStringDataRightTruncation,
                   "value too long for type character varying(" + std::to_string(type.modifier) + ")");
  return std::string(s.substr(0, cut));
}

// Decimal text (as numeric_binary_to_text makes it) to the double Eddy keeps for NUMERIC.
double numeric_text_to_double(const std::string& text) {
  double x = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec == std::errc::result_out_of_range)
    throw SqlError(sqlstate::kNumericValueOutOfRange, "value \"" + text + "\" is out of range for type numeric");
  if (ec != std::errc() || end != text.data() + text.size())
    throw SqlError(sqlstate::kInvalidBinaryRepresentation, "invalid external \"numeric\" value");
  return x;
}

}  // namespace

int64_t pg_timestamp_from_unix_micros(int64_t micros) {
  if (!is_finite_timestamp(micros)) return micros;  // the same sentinels
  if (micros < kMinTimestamp) out_of_range("timestamp");
  return micros - kPgEpochShiftMicros;
}

int64_t unix_micros_from_pg_timestamp(int64_t pg) {
  if (!is_finite_timestamp(pg)) return pg;
  // PostgreSQL's range ends at 294277-01-01; Eddy's, counting from 1970 in the same int64, ends
  // about 30 years earlier (INT64_MAX itself being infinity).
  if (pg < kMinTimestamp - kPgEpochShiftMicros || pg >= kInt64Max - kPgEpochShiftMicros)
    out_of_range("timestamp");
  return pg + kPgEpochShiftMicros;
}

int32_t pg_date_from_unix_days(int64_t days) {
  if (!is_finite_date(days)) return static_cast<int32_t>(days);  // the same sentinels
  if (days < kMinDate || days >= kEndDate) out_of_range("date");
  return static_cast<int32_t>(days - kPgEpochShiftDays);
}

int64_t unix_days_from_pg_date(int32_t pg) {
  if (!is_finite_date(pg)) return pg;
  int64_t days = int64_t(pg) + kPgEpochShiftDays;
  if (days < kMinDate || days >= kEndDate) out_of_range("date");
  return days;
}

void append_binary(std::string& out, const Value& v) {
  append_scalar(out, v.type, Scalar{v.i, v.f, v.s, v.iv});
}

void append_binary(std::string& out, const Column& col, size_t row) {
  Scalar v;
  switch (col.type().physical()) {
    case PhysicalType::Int64: v.i = col.ints()[row]; break;
    case PhysicalType::Float64: v.f = col.floats()[row]; break;
    case PhysicalType::String: v.s = col.strings()[row]; break;
    case PhysicalType::Interval: v.iv = col.intervals()[row]; break;
  }
  append_scalar(out, col.type(), v);
}

Value decode_binary(std::string_view bytes, Type type) {
  std::string what = "binary representation of " + type.sql_name();
  ByteReader in(bytes, what.c_str(), sqlstate::kInvalidBinaryRepresentation);
  Value v;
  v.type = type;
  v.is_null = false;
  switch (type.id) {
    case TypeId::Bool: v.i = in.u8() != 0; break;
    case TypeId::Int16: v.i = in.i16(); break;
    case TypeId::Int32: v.i = in.i32(); break;
    case TypeId::Int64: v.i = in.i64(); break;
    case TypeId::Float32: v.f = std::bit_cast<float>(in.u32()); break;
    case TypeId::Float64: v.f = std::bit_cast<double>(in.i64()); break;
    case TypeId::Numeric: {
      std::string text = numeric_binary_to_text(in.rest());
      if (text == "NaN") v.f = std::numeric_limits<double>::quiet_NaN();
      else if (text == "Infinity") v.f = std::numeric_limits<double>::infinity();
      else if (text == "-Infinity") v.f = -std::numeric_limits<double>::infinity();
      else v.f = numeric_text_to_double(text);
      break;
    }
    case TypeId::Null:
      v.type = Type::text();  // a parameter of unknown type arrives as text
      [[fallthrough]];
    case TypeId::Text:
    case TypeId::Varchar:
      check_utf8(bytes);
      v.s = fit_varchar(in.rest(), type);
      break;
    case TypeId::Jsonb: {
      uint8_t version = in.u8();
      if (version != 1)
        throw SqlError(sqlstate::kInvalidBinaryRepresentation,
                       "unsupported jsonb version number " + std::to_string(version));
      std::string_view json = in.rest();
      check_utf8(json);
      Value parsed = parse_value(json, Type::jsonb());
      v.s = std::move(parsed.s);
      break;
    }
    case TypeId::Timestamp:
    case TypeId::TimestampTz: v.i = unix_micros_from_pg_timestamp(in.i64()); break;
    case TypeId::Date: v.i = unix_days_from_pg_date(in.i32()); break;
    case TypeId::Interval:
      v.iv.micros = in.i64();
      v.iv.days = in.i32();
      v.iv.months = in.i32();
      break;
    case TypeId::Oid:
    case TypeId::RegClass:
    case TypeId::RegType:
    case TypeId::RegProc:
    case TypeId::RegNamespace:
    case TypeId::Name:
    case TypeId::Char:
    case TypeId::Int2Vector:
    case TypeId::OidVector:
    case TypeId::Array: return decode_catalog_binary(bytes, type);
  }
  in.expect_end();
  return v;
}

}  // namespace eddy::protocol
