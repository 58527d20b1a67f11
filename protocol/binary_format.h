#pragma once
// Binary format (format code 1) of every Eddy type, byte for byte as PostgreSQL's typsend /
// typreceive functions, for Bind parameters and DataRow columns of the extended protocol.
//
//   bool         1 byte, 0 or 1 (any non-zero byte decodes as true)
//   int2/4/8     big-endian two's complement, 2/4/8 bytes
//   float4/8     big-endian IEEE 754, 4/8 bytes
//   text/varchar the UTF-8 bytes, no terminator
//   jsonb        byte 1 (format version) | the JSON text
//   timestamp,   int64 microseconds since 2000-01-01 00:00:00 (UTC for timestamptz).
//   timestamptz    Eddy counts from 1970-01-01, so values shift by 946684800000000.
//                  INT64_MIN / INT64_MAX stand for -infinity / infinity on both sides.
//   date         int32 days since 2000-01-01 (Eddy: days since 1970-01-01, shift 10957).
//                  INT32_MIN / INT32_MAX (-infinity / infinity) are the same on both sides
//                  (common/datetime_limits.h).
//   interval     int64 microseconds | int32 days | int32 months
//   numeric      PostgreSQL's base-10000 format, see pg_numeric.h; Eddy's NUMERIC is a double,
//                  converted through its decimal text (format_numeric), so binary and text agree.
//
// Decoding throws SqlError 22P03 invalid_binary_representation for a wrong length or a bad
// jsonb version; 22008 for a timestamp or date outside what Eddy can hold; 22021 for invalid
// UTF-8; 22001 when text is too long for VARCHAR(n).

#include <cstdint>
#include <string>
#include <string_view>

#include "common/column.h"
#include "common/type.h"
#include "common/value.h"

namespace eddy::protocol {

inline constexpr int16_t kTextFormat = 0;
inline constexpr int16_t kBinaryFormat = 1;

inline constexpr int64_t kPgEpochShiftMicros = 946684800000000;  // 2000-01-01 minus 1970-01-01
inline constexpr int32_t kPgEpochShiftDays = 10957;

// Appends the binary form of a non-NULL value of type v.type (the caller writes the length).
void append_binary(std::string& out, const Value& v);
// Appends the binary form of row `row` of `col`, which must not be NULL there. No Value is made.
void append_binary(std::string& out, const Column& col, size_t row);
// Decodes the binary form of a value of `type`. Never returns NULL (NULL is the -1 length,
// handled by the caller).
Value decode_binary(std::string_view bytes, Type type);

// Epoch conversions, exposed for COPY BINARY and tests. Throw 22008 when out of range.
int64_t pg_timestamp_from_unix_micros(int64_t micros);
int64_t unix_micros_from_pg_timestamp(int64_t pg_micros);
int32_t pg_date_from_unix_days(int64_t days);
int64_t unix_days_from_pg_date(int32_t pg_days);

}  // namespace eddy::protocol
