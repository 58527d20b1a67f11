#include <catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "storage/row_codec.h"

using namespace eddy;
using namespace eddy::storage;

namespace {

Row sample_row() {
  Value vc = Value::text("short");
  vc.type = Type::varchar(10);
  Value nul_vc = Value::null(Type::varchar(3));
  Value d = Value::make_int(Type::date(), -719528);
  Value js = Value::text("{\"a\": [1, 2]}");
  js.type = Type::jsonb();
  Value array = Value::text("{1,NULL,3}");  // array_agg's result in a view
  array.type = Type::array_of(Type::int64());
  return {Value::int64(std::numeric_limits<int64_t>::min()),
          Value::int64(std::numeric_limits<int64_t>::max()),
          Value::int64(0),
          Value::int32(-7),
          Value::boolean(true),
          Value::float64(-0.0),
          Value::float64(std::numeric_limits<double>::infinity()),
          Value::float64(std::nan("")),
          Value::numeric(12.5),
          Value::text(""),
          Value::text(std::string("a\0b\xff", 4)),
          vc,
          nul_vc,
          Value::null(),
          Value::null(Type::int64()),
          Value::timestamp(1700000000123456),
          d,
          Value::interval({-14, 3, -86400000001LL}),
          js,
          array,
          Value::make_int(Type::oid_type(), 4294967295LL)};
}

void check_same(const Row& a, const Row& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO("value " << i);
    CHECK(a[i].type == b[i].type);
    CHECK(a[i].is_null == b[i].is_null);
    if (a[i].is_null) continue;
    switch (a[i].type.physical()) {
      case PhysicalType::Int64: CHECK(a[i].i == b[i].i); break;
      case PhysicalType::Float64: CHECK(std::memcmp(&a[i].f, &b[i].f, 8) == 0); break;
      case PhysicalType::String: CHECK(a[i].s == b[i].s); break;
      case PhysicalType::Interval: CHECK(a[i].iv == b[i].iv); break;
    }
  }
}

}  // namespace

TEST_CASE("rows round-trip through the codec, every type, NULLs and modifiers kept") {
  Row row = sample_row();
  std::string bytes = encode_row(row);
  CHECK(static_cast<uint8_t>(bytes[0]) == kRowFormatVersion);
  Row back;
  REQUIRE(decode_row(bytes, back).ok());
  check_same(row, back);
  Row empty;
  REQUIRE(decode_row(encode_row(Row{}), empty).ok());
  CHECK(empty.empty());
}

TEST_CASE("the row encoding's bytes are as README.md documents them") {
  // version 01, count 03; BIGINT -1: tag 04, zigzag 01; NULL VARCHAR(3): tag 09|40|80, modifier
  // zigzag 06; TEXT 'hi': tag 08, length 02, bytes.
  CHECK(encode_row({Value::int64(-1), Value::null(Type::varchar(3)), Value::text("hi")}) ==
        std::string("\x01\x03\x04\x01\xc9\x06\x08\x02hi", 10));
  // DOUBLE 1.0: tag 06, IEEE bits little-endian; INTERVAL '1 mon -1 day': tag 0d, 02 01 00.
  CHECK(encode_row({Value::float64(1.0), Value::interval({1, -1, 0})}) ==
        std::string("\x01\x02\x06\x00\x00\x00\x00\x00\x00\xf0\x3f\x0d\x02\x01\x00", 15));
}

TEST_CASE("the row encoding is compact") {
  // tag + zigzag varint: a small integer costs 2 bytes, plus version and count.
  CHECK(encode_row({Value::int64(5)}).size() == 4);
  CHECK(encode_row({Value::text("abc")}).size() == 7);
  CHECK(encode_row({Value::null(Type::text())}).size() == 3);
}

TEST_CASE("every truncation of a row is Corruption, never a crash") {
  std::string bytes = encode_row(sample_row());
  for (size_t n = 0; n < bytes.size(); ++n) {
    Row out;
    Status s = decode_row(std::string_view(bytes).substr(0, n), out);
    INFO("prefix of " << n << " bytes: " << s.to_string());
    CHECK(s.is_corruption());
    CHECK(out.empty());
  }
}

TEST_CASE("malformed rows name what is wrong") {
  Row out;
  Status s = decode_row(std::string("\x07\x00", 2), out);
  CHECK(s.is_corruption());
  CHECK(s.message().find("unknown row format version 7") != std::string::npos);
  CHECK(s.sqlstate() == std::string("XX001"));
  std::string trailing = encode_row({Value::int64(1)}) + "x";
  CHECK(decode_row(trailing, out).message().find("trailing") != std::string::npos);
  // A count far beyond the bytes must not allocate for it.
  CHECK(decode_row(std::string("\x01\xff\xff\xff\x0f\x04\x02", 7), out).message().find("exceeds") !=
        std::string::npos);
  // A type id past the last one.
  CHECK(decode_row(std::string("\x01\x01\x3f", 3), out).message().find("unknown type id 63") != std::string::npos);
  // A string length past the end.
  CHECK(decode_row(std::string("\x01\x01\x08\x05" "ab", 6), out).is_corruption());
  // An 11-byte varint.
  CHECK(decode_row(std::string("\x01\x01\x04\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 14), out).is_corruption());
}

TEST_CASE("random corruption of encoded rows decodes or fails cleanly") {
  std::string good = encode_row(sample_row());
  std::mt19937 rng(42);
  for (int round = 0; round < 20000; ++round) {
    std::string bytes = good;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) bytes[rng() % bytes.size()] = static_cast<char>(rng());
    if (rng() % 4 == 0) bytes.resize(rng() % bytes.size());
    Row out;
    Status s = decode_row(bytes, out);
    REQUIRE((s.ok() || s.is_corruption()));
    if (s.ok()) {
      Row again;
      CHECK(decode_row(encode_row(out), again).ok());
    }
  }
}

TEST_CASE("encode_batch_row writes the bytes encode_row writes for the batch's row") {
  Row row = sample_row();
  std::vector<Type> types;
  for (const Value& v : row) types.push_back(v.type);
  Batch batch = Batch::with_types(types);
  Row other = row;
  for (Value& v : other)
    if (!v.is_null && v.type.physical() == PhysicalType::Int64) v.i ^= 0x55;  // a second, different row
  batch.append_row(other);
  batch.append_row(row);
  for (size_t r = 0; r < batch.rows(); ++r) {
    INFO("row " << r);
    std::string from_batch;
    encode_batch_row(batch, r, from_batch);
    CHECK(from_batch == encode_row(batch.row(r)));
  }
  std::string both;
  encode_batch_row(batch, 1, both);
  Row back;
  REQUIRE(decode_row(both, back).ok());
  check_same(row, back);
}
