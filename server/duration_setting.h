#pragma once
// Time-valued settings in milliseconds (statement_timeout), read and shown as PostgreSQL's GUC
// machinery does for GUC_UNIT_MS parameters.
//
//   input   a number, optionally fractional, optionally followed by a unit: us, ms, s, min, h, d
//           (case-sensitive, blanks allowed around); no unit means ms. Rounded to whole ms.
//   output  the largest unit that divides the value exactly: 100 -> "100ms", 1000 -> "1s",
//           90000 -> "90s", 60000 -> "1min", 3600000 -> "1h", 86400000 -> "1d", 0 -> "0".
//
// Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

namespace eddy {

// Throws SqlError 22023 with PostgreSQL's message: `invalid value for parameter "NAME": "TEXT"`
// (with a hint listing the units when the unit is wrong), or `N ms is outside the valid range
// for parameter "NAME" (0 .. 2147483647)`.
int64_t parse_milliseconds_setting(std::string_view name, std::string_view text);
std::string format_milliseconds_setting(int64_t milliseconds);

}  // namespace eddy
