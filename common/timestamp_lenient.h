#pragma once
// Timestamps as event producers write them, for connectors (the Redis source): everything
// parse_timestamp() accepts for TIMESTAMPTZ (ISO 8601 and PostgreSQL's other forms; a zone
// offset converts to UTC, no zone means UTC), or an epoch in MILLISECONDS written as digits only
// ("1763632800000" is 2025-11-20 10:00:00 UTC; a leading '-' counts back from 1970).
//
// An all-digit text is always epoch milliseconds, never PostgreSQL's run-together date, so
// "20261120" is 1970-01-01 05:37:41.12 here. Surrounding white space is allowed.
// Returns microseconds since 1970-01-01 00:00:00 UTC; throws SqlError as parse_timestamp() does
// (22008 "timestamp out of range" when the milliseconds do not fit).

#include <cstdint>
#include <string_view>

namespace eddy {

int64_t parse_timestamp_lenient(std::string_view text);

}  // namespace eddy
