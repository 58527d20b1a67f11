#pragma once
// The compact binary form of a Row, as stored in the `rows` sub-database (storage/README.md).
//
//   byte 0      format version: kRowFormatVersion (1)
//   varint      number of values n
//   n values, each:
//     tag       1 byte: bits 0-5 TypeId, 0x40 a modifier follows, 0x80 the value is NULL
//     modifier  zigzag varint, only with 0x40 (the n of VARCHAR(n); absent for -1)
//     payload   none for NULL; otherwise by the type's physical class (common/type.h):
//                 Int64     zigzag varint
//                 Float64   8 bytes, the IEEE 754 bits little-endian
//                 String    varint length, then the bytes
//                 Interval  zigzag varints: months, days, micros
//
// Decoding checks every length and tag against the bytes at hand: anything that is not a value
// this encoder wrote returns Corruption, never reads past the end, never allocates more than
// the input can describe.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/column.h"
#include "common/value.h"
#include "storage/status.h"

namespace eddy::storage {

inline constexpr uint8_t kRowFormatVersion = 1;

// Appends the encoding of `row` to `out`.
void encode_row(const Row& row, std::string& out);
std::string encode_row(const Row& row);
// Appends the encoding of row `row` of `batch`, the same bytes as encode_row(batch.row(row))
// without building the Row (the commit path of views that append rows).
void encode_batch_row(const Batch& batch, size_t row, std::string& out);

// Replaces `row` with the decoded values. Corruption, naming the byte offset, when `bytes` is not
// exactly one encoded row of a known version.
Status decode_row(std::string_view bytes, Row& row);

}  // namespace eddy::storage
