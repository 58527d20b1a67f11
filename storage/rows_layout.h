#pragma once
// How a row of a relation sits in the `rows` sub-database (the full layout is in README.md).
//
// LMDB key:   8-byte big-endian relation id, then the row's key (key_encoding.h) as is, so a
//             relation's rows are contiguous and in key order.
// LMDB value: the row encoding (row_codec.h), whose first byte is the row format version.
//
// LMDB keys are limited to max_key_size (511) bytes. A row key longer than
// kept_prefix(max_key_size) = max_key_size - 16 bytes is stored under its first kept_prefix
// bytes plus the 8-byte big-endian FNV-1a 64 hash of the whole key, and its value is then a
// long-key record: 0xFF, varint key length, the key, the row encoding. Order stays exact
// except among long keys sharing their first kept_prefix bytes (those sort by hash); the full
// key in the record lets find() tell a hash collision from a match.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/value.h"
#include "storage/status.h"

namespace eddy::storage::rows_layout {

inline constexpr uint8_t kLongKeyRecord = 0xFF;

std::string relation_prefix(uint64_t relation);
size_t kept_prefix(size_t max_key_size);
bool is_long_key(std::string_view key, size_t max_key_size);

// The LMDB key of `key` in `relation`, appended to `out` (cleared first).
void db_key(uint64_t relation, std::string_view key, size_t max_key_size, std::string& out);
// The LMDB value for `row` under `key` (cleared first).
void db_value(std::string_view key, const Row& row, size_t max_key_size, std::string& out);

// Splits a stored record into the row's own key and its row encoding. Corruption when the
// record is malformed. The views point into `key_in_db` / `value`.
Status split_record(std::string_view key_in_db, std::string_view value, std::string_view& key,
                    std::string_view& row_bytes);

}  // namespace eddy::storage::rows_layout
