#include <catch.hpp>

#include "protocol/pg_numeric.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::be16;
using eddy::protocol::test::sql_error_of;

namespace {

std::string numeric(int16_t ndigits, int16_t weight, uint16_t sign, uint16_t dscale,
                    std::vector<int16_t> digits) {
  std::string s = be16(uint16_t(ndigits)) + be16(uint16_t(weight)) + be16(sign) + be16(dscale);
  for (int16_t d : digits) s += be16(uint16_t(d));
  return s;
}

std::string to_binary(std::string_view text) {
  std::string out;
  append_numeric_binary(out, text);
  return out;
}

}  // namespace

TEST_CASE("decimal text to PostgreSQL's base-10000 digits", "[protocol][numeric]") {
  CHECK(to_binary("12.34") == numeric(2, 0, 0, 2, {12, 3400}));
  CHECK(to_binary("-12.34") == numeric(2, 0, 0x4000, 2, {12, 3400}));
  CHECK(to_binary("0.001") == numeric(1, -1, 0, 3, {10}));
  CHECK(to_binary("10000") == numeric(1, 1, 0, 0, {1}));
  CHECK(to_binary("123456789") == numeric(3, 2, 0, 0, {1, 2345, 6789}));
  CHECK(to_binary("0") == numeric(0, 0, 0, 0, {}));
  CHECK(to_binary("0.00") == numeric(0, 0, 0, 2, {}));
  CHECK(to_binary("-0") == numeric(0, 0, 0, 0, {}));
  CHECK(to_binary("1e5") == numeric(1, 1, 0, 0, {10}));
  CHECK(to_binary("1.5e-3") == numeric(1, -1, 0, 4, {15}));
  CHECK(to_binary("2.5E+20") == numeric(2, 5, 0, 0, {2, 5000}));
  CHECK(to_binary("+.5") == numeric(1, -1, 0, 1, {5000}));
  CHECK(to_binary("007.50") == numeric(2, 0, 0, 2, {7, 5000}));
  CHECK(to_binary("NaN") == numeric(0, 0, 0xC000, 0, {}));
  CHECK(to_binary("Infinity") == numeric(0, 0, 0xD000, 0, {}));
  CHECK(to_binary("-infinity") == numeric(0, 0, 0xF000, 0, {}));
}

TEST_CASE("bad numeric text", "[protocol][numeric]") {
  for (const char* bad : {"", "-", ".", "1e", "1.2.3", "abc", "1 ", "e5"})
    sql_error_of([&] { to_binary(bad); }, "22P02");
  sql_error_of([] { to_binary("1e999999"); }, "22003");
}

TEST_CASE("PostgreSQL's binary numeric to decimal text", "[protocol][numeric]") {
  CHECK(numeric_binary_to_text(numeric(2, 0, 0, 2, {12, 3400})) == "12.34");
  CHECK(numeric_binary_to_text(numeric(2, 0, 0, 4, {12, 3400})) == "12.3400");
  CHECK(numeric_binary_to_text(numeric(2, 0, 0, 1, {12, 3456})) == "12.3");  // truncated to dscale
  CHECK(numeric_binary_to_text(numeric(1, -1, 0x4000, 3, {10})) == "-0.001");
  CHECK(numeric_binary_to_text(numeric(1, 1, 0, 0, {1})) == "10000");
  CHECK(numeric_binary_to_text(numeric(1, 2, 0, 0, {5})) == "500000000");
  CHECK(numeric_binary_to_text(numeric(0, 0, 0, 0, {})) == "0");
  CHECK(numeric_binary_to_text(numeric(0, 0, 0x4000, 2, {})) == "0.00");
  CHECK(numeric_binary_to_text(numeric(1, -2, 0, 8, {1234})) == "0.00001234");
  CHECK(numeric_binary_to_text(numeric(0, 0, 0xC000, 0, {})) == "NaN");
  CHECK(numeric_binary_to_text(numeric(0, 0, 0xD000, 0, {})) == "Infinity");
  CHECK(numeric_binary_to_text(numeric(0, 0, 0xF000, 0, {})) == "-Infinity");
}

TEST_CASE("numeric text survives a binary round trip", "[protocol][numeric]") {
  for (const char* t : {"1", "-1", "0.5", "3.14159265358979", "-98765.4321", "0.0001", "100000000",
                        "123456789012345678901234567890.123456789", "0.000000001", "9999.9999"})
    CHECK(numeric_binary_to_text(to_binary(t)) == t);
}

TEST_CASE("malformed binary numeric is 22P03", "[protocol][numeric]") {
  CHECK(sql_error_of([] { numeric_binary_to_text(numeric(0, 0, 0x1234, 0, {})); }, "22P03") ==
        "invalid sign in external \"numeric\" value");
  CHECK(sql_error_of([] { numeric_binary_to_text(numeric(0, 0, 0, 0x4000, {})); }, "22P03") ==
        "invalid scale in external \"numeric\" value");
  CHECK(sql_error_of([] { numeric_binary_to_text(numeric(1, 0, 0, 0, {10000})); }, "22P03") ==
        "invalid digit in external \"numeric\" value");
  sql_error_of([] { numeric_binary_to_text(numeric(1, 0, 0, 0, {-1})); }, "22P03");
  sql_error_of([] { numeric_binary_to_text(numeric(2, 0, 0, 0, {1})); }, "22P03");  // short
  sql_error_of([] { numeric_binary_to_text(numeric(0, 0, 0, 0, {}) + "x"); }, "22P03");
  sql_error_of([] { numeric_binary_to_text("abc"); }, "22P03");
}
