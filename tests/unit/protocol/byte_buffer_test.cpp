#include <catch.hpp>

#include "protocol/byte_buffer.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::sql_error_of;

TEST_CASE("ByteWriter writes big-endian integers and C strings", "[protocol][bytes]") {
  std::string out;
  ByteWriter w(out);
  w.u8(0xAB);
  w.i16(-2);
  w.i32(0x01020304);
  w.i64(-1);
  w.cstring("hi");
  const unsigned char expected[] = {0xAB, 0xFF, 0xFE, 1,    2,    3,    4,    0xFF, 0xFF, 0xFF,
                                    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 'h',  'i',  0};
  REQUIRE(out == std::string(reinterpret_cast<const char*>(expected), sizeof expected));
}

TEST_CASE("ByteWriter back-patches message and field lengths", "[protocol][bytes]") {
  std::string out = "xx";  // messages append after whatever is already there
  ByteWriter w(out);
  size_t at = w.begin_message('Q');
  size_t field = w.begin_length();
  w.bytes("abc");
  w.end_field(field);
  w.end_message(at);
  REQUIRE(out.substr(0, 3) == "xxQ");
  ByteReader in(std::string_view(out).substr(3), "test");
  CHECK(in.i32() == 4 + 4 + 3);  // length counts itself
  CHECK(in.i32() == 3);          // a field length does not
  CHECK(in.bytes(3) == "abc");
  CHECK(in.at_end());
}

TEST_CASE("ByteReader round-trips every width", "[protocol][bytes]") {
  std::string out;
  ByteWriter w(out);
  w.i16(-12345);
  w.u16(54321);
  w.i32(-123456789);
  w.u32(4000000000u);
  w.i64(INT64_MIN);
  w.i64(0x0102030405060708);
  w.cstring("");
  w.cstring("name");
  ByteReader in(out, "test");
  CHECK(in.i16() == -12345);
  CHECK(in.u16() == 54321);
  CHECK(in.i32() == -123456789);
  CHECK(in.u32() == 4000000000u);
  CHECK(in.i64() == INT64_MIN);
  CHECK(in.i64() == 0x0102030405060708);
  CHECK(in.cstring() == "");
  CHECK(in.cstring() == "name");
  in.expect_end();
}

TEST_CASE("ByteReader throws 08P01 on truncated and trailing data", "[protocol][bytes]") {
  std::string three = "abc";
  auto msg = sql_error_of([&] { ByteReader(three, "Foo message").i32(); }, "08P01");
  CHECK(msg.find("Foo message") != std::string::npos);
  CHECK(msg.find("truncated int32") != std::string::npos);
  sql_error_of([&] { ByteReader(three, "x").cstring(); }, "08P01");  // no NUL
  sql_error_of([&] { ByteReader("", "x").cstring(); }, "08P01");
  sql_error_of([&] { ByteReader(three, "x").bytes(4); }, "08P01");
  sql_error_of([&] { ByteReader(three, "x").expect_end(); }, "08P01");
  sql_error_of([&] { ByteReader(three, "x", "22P03").i64(); }, "22P03");
  ByteReader ok(three, "x");
  CHECK(ok.bytes(3) == "abc");
  ok.expect_end();
  sql_error_of([&] { ok.u8(); }, "08P01");
}
