#pragma once
// Order-preserving byte encoding of key values: comparing two encoded keys with memcmp orders
// them as the values order (NULLs last), column by column. Used for table primary keys, view
// group keys and, later, LMDB keys.
//
// Layout per value:
//   NULL      0x02
//   Int64     0x01 + 8 bytes big-endian with the sign bit flipped
//   Float64   0x01 + 8 bytes: IEEE bits, sign bit flipped for positives, all bits for negatives
//   String    0x01 + bytes with 0x00 escaped as 0x00 0xFF, then 0x00 0x00
//   Interval  0x01 + approx_micros as Int64, then months, days, micros as Int64s

#include <string>
#include <string_view>

#include "common/column.h"
#include "common/value.h"

namespace eddy::storage {

void append_key(std::string& out, const Value& v);
void append_key(std::string& out, const Column& column, size_t row);
// The key of a non-NULL value of an Int64-class type (append_key(out, Value::int64(x)) and the
// same for timestamps, dates, ...), without building the Value.
void append_int_key(std::string& out, int64_t x);
std::string encode_key(const Row& values);
// Appends an unsigned sequence number (big-endian) — keys of rows without a primary key.
void append_sequence(std::string& out, uint64_t sequence);

}  // namespace eddy::storage
