// parse_timestamp_lenient(): epoch milliseconds or PostgreSQL timestamptz input.

#include <catch.hpp>

#include "common/timestamp_lenient.h"
#include "common/value_text.h"
#include "text_io_test_util.h"

using namespace eddy;

TEST_CASE("parse_timestamp_lenient: epoch milliseconds", "[lenient]") {
  CHECK(parse_timestamp_lenient("0") == 0);
  CHECK(parse_timestamp_lenient("1763632800000") == 1763632800000000);
  CHECK(parse_timestamp_lenient(" 1763632800123 ") == 1763632800123000);
  CHECK(parse_timestamp_lenient("-1000") == -1000000);
  CHECK(parse_timestamp_lenient("20261120") == 20261120000);  // digits are always milliseconds
  CHECK(parse_timestamp_lenient("9223372036854775") == 9223372036854775000);
  CHECK_SQL_ERROR(parse_timestamp_lenient("9223372036854776"), "22008", "timestamp out of range: \"9223372036854776\"");
  CHECK_SQL_ERROR(parse_timestamp_lenient("99999999999999999999"), "22008",
                  "timestamp out of range: \"99999999999999999999\"");
}

TEST_CASE("parse_timestamp_lenient: ISO 8601 and other timestamptz input", "[lenient]") {
  const int64_t ten = (days_from_civil(2025, 11, 20) * 24 + 10) * kMicrosPerHour;
  CHECK(parse_timestamp_lenient("2025-11-20T10:00:00Z") == ten);
  CHECK(parse_timestamp_lenient("2025-11-20T10:00:00") == ten);
  CHECK(parse_timestamp_lenient("2025-11-20 12:00:00+02:00") == ten);
  CHECK(parse_timestamp_lenient("2025-11-20T10:00:00.250Z") == ten + 250000);
  CHECK(parse_timestamp_lenient("2025-11-20") == ten - 10 * kMicrosPerHour);
  CHECK(parse_timestamp_lenient("infinity") == parse_timestamp("infinity"));
  CHECK_SQL_ERROR(parse_timestamp_lenient("12:00"), "22007",
                  "invalid input syntax for type timestamp with time zone: \"12:00\"");
  CHECK_SQL_ERROR(parse_timestamp_lenient("1.5"), "22007", "invalid input syntax for type timestamp with time zone: \"1.5\"");
  CHECK_SQL_ERROR(parse_timestamp_lenient(""), "22007", "invalid input syntax for type timestamp with time zone: \"\"");
  CHECK_SQL_ERROR(parse_timestamp_lenient("-"), "22007", "invalid input syntax for type timestamp with time zone: \"-\"");
}
