// Binary format against PostgreSQL 15 itself: for each DIALECT.md type, the bytes a real
// PostgreSQL 15.18 sends for a value (taken from its typsend output, recorded with
//   COPY (SELECT true, 12::int2, ...) TO STDOUT (FORMAT binary)
// whose fields are exactly the send functions' bytes) must equal what Eddy encodes for the
// same value parsed from the same text, and must decode back to that value.

#include <catch.hpp>

#include <cmath>
#include <string>

#include "common/value_text.h"
#include "protocol/binary_format.h"

using namespace eddy;

namespace {

struct PgCase {
  const char* text;  // the literal PostgreSQL was given
  Type type;
  std::string bytes;  // what PostgreSQL sent
};

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int x : b) s.push_back(static_cast<char>(x));
  return s;
}

}  // namespace

TEST_CASE("binary values are byte for byte what PostgreSQL 15 sends", "[protocol][binary][pg]") {
  const PgCase cases[] = {
      {"true", Type::boolean(), bytes({0x01})},
      {"12", Type::int16(), bytes({0x00, 0x0c})},
      {"-123456", Type::int32(), bytes({0xff, 0xfe, 0x1d, 0xc0})},
      {"9000000000", Type::int64(), bytes({0x00, 0x00, 0x00, 0x02, 0x18, 0x71, 0x1a, 0x00})},
      {"1.5", Type::float32(), bytes({0x3f, 0xc0, 0x00, 0x00})},
      {"Infinity", Type::float32(), bytes({0x7f, 0x80, 0x00, 0x00})},
      {"-2.25", Type::float64(), bytes({0xc0, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00})},
      {"-1.5e-7", Type::float64(), bytes({0xbe, 0x84, 0x21, 0xf5, 0xf4, 0x0d, 0x83, 0x76})},
      {"12.345", Type::numeric(), bytes({0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x0c, 0x0d, 0x7a})},
      {"0", Type::numeric(), bytes({0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00})},
      {"-0.001", Type::numeric(), bytes({0x00, 0x01, 0xff, 0xff, 0x40, 0x00, 0x00, 0x03, 0x00, 0x0a})},
      {"123456789", Type::numeric(),
       bytes({0x00, 0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x09, 0x29, 0x1a, 0x85})},
      {"NaN", Type::numeric(), bytes({0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00})},
      {"h\xc3\xa9llo", Type::text(), bytes({0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f})},
      {"var", Type::varchar(20), bytes({0x76, 0x61, 0x72})},
      {"2026-11-20 10:00:00.123456", Type::timestamp(), bytes({0x00, 0x03, 0x03, 0xb1, 0x13, 0x6c, 0xca, 0x40})},
      {"1960-01-01 00:00:00", Type::timestamp(), bytes({0xff, 0xfb, 0x83, 0xf0, 0xf2, 0x7b, 0x40, 0x00})},
      {"infinity", Type::timestamp(), bytes({0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})},
      {"2026-11-20 10:00:00+00", Type::timestamptz(), bytes({0x00, 0x03, 0x03, 0xb1, 0x13, 0x6a, 0xe8, 0x00})},
      {"2026-11-20", Type::date(), bytes({0x00, 0x00, 0x26, 0x5c})},
      {"1969-12-31", Type::date(), bytes({0xff, 0xff, 0xd5, 0x32})},
      {"-infinity", Type::date(), bytes({0x80, 0x00, 0x00, 0x00})},
      {"1 year 2 mons 3 days 04:05:06.789", Type::interval(),
       bytes({0x00, 0x00, 0x00, 0x03, 0x6c, 0x97, 0xca, 0x88, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x0e})},
      {"{\"a\": [1, 2]}", Type::jsonb(),
       bytes({0x01, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x20, 0x5b, 0x31, 0x2c, 0x20, 0x32, 0x5d, 0x7d})},
  };
  for (const PgCase& c : cases) {
    INFO(c.text << " as " << c.type.sql_name());
    Value v = parse_value(c.text, c.type);
    std::string encoded;
    protocol::append_binary(encoded, v);
    CHECK(encoded == c.bytes);
    Value back = protocol::decode_binary(c.bytes, c.type);
    CHECK(format_value(back) == format_value(v));
  }
}
