#pragma once
// DataRow, the message every result row travels in, and the hottest encoder of the server.
//
//   'D' int16 n | { int32 len (-1 = NULL) | byte[len] }[n]
//
// The Column variant writes each value's text (or binary form) straight into `out` and
// back-patches its length: no Value, no temporary string per field.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/column.h"
#include "common/value.h"

namespace eddy::protocol {

// Row `row` across `columns`. `formats` follows Bind's convention: empty = all text, one code =
// all columns in it, else one code per column (0 text, 1 binary).
void data_row(std::string& out, std::span<const Column> columns, size_t row,
              std::span<const int16_t> formats = {});
// One row of Values (snapshot rows, system tables), same format convention.
void data_row(std::string& out, const Row& values, std::span<const int16_t> formats = {});
// Fields already encoded by the caller; nullopt is NULL.
void data_row(std::string& out, std::span<const std::optional<std::string_view>> fields);

}  // namespace eddy::protocol
