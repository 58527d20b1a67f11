// JSONB input against PostgreSQL 15: every expected text and error below is what a real
// PostgreSQL 15.18 answered for the same literal cast to jsonb.

#include <catch.hpp>

#include "common/error.h"
#include "common/jsonb_text.h"
#include "common/value_text.h"

using namespace eddy;

namespace {

// The SQLSTATE and DETAIL of the error canonical_jsonb raises.
std::pair<std::string, std::string> error_of(const std::string& json) {
  try {
    canonical_jsonb(json);
  } catch (const SqlError& e) {
    return {e.sqlstate(), e.detail()};
  }
  return {"", "no error"};
}

}  // namespace

TEST_CASE("jsonb keeps PostgreSQL's canonical text", "[common][jsonb]") {
  CHECK(canonical_jsonb(R"({"k": 1, "a": [1, 2], "bb": {"z":null,"y":true}, "a": 3})") ==
        R"({"a": 3, "k": 1, "bb": {"y": true, "z": null}})");
  CHECK(canonical_jsonb("[1.50, 1e2, -0, -0.0, 1.5E-3, 12e-1, 0.000, 1E+2, 100e-2, -5]") ==
        "[1.50, 100, 0, 0.0, 0.0015, 1.2, 0.000, 100, 1.00, -5]");
  CHECK(canonical_jsonb(R"("a\"b\\c\/d\u00e9\n\t\u0001 é")") == "\"a\\\"b\\\\c/d\xc3\xa9\\n\\t\\u0001 \xc3\xa9\"");
  CHECK(canonical_jsonb("  5 ") == "5");
  CHECK(canonical_jsonb("null") == "null");
  CHECK(canonical_jsonb("{}") == "{}");
  CHECK(canonical_jsonb("[[],{}]") == "[[], {}]");
  CHECK(canonical_jsonb(R"("\ud83d\ude00")") == "\"\xf0\x9f\x98\x80\"");
  CHECK(canonical_jsonb("\n{ \"a\" :\t[ true , false ] }\r") == R"({"a": [true, false]})");
}

TEST_CASE("invalid JSON is 22P02 with PostgreSQL's detail", "[common][jsonb]") {
  using E = std::pair<std::string, std::string>;
  CHECK(error_of("nope") == E{"22P02", "Token \"nope\" is invalid."});
  CHECK(error_of(R"({"a":1,})") == E{"22P02", "Expected string, but found \"}\"."});
  CHECK(error_of(R"("\u0000")") == E{"22P05", "\\u0000 cannot be converted to text."});
  CHECK(error_of(R"("\ud800")") == E{"22P02", "Unicode low surrogate must follow a high surrogate."});
  CHECK(error_of("[1,2") == E{"22P02", "The input string ended unexpectedly."});
  CHECK(error_of("01") == E{"22P02", "Token \"01\" is invalid."});
  CHECK(error_of("\"a\tb\"") == E{"22P02", "Character with value 0x09 must be escaped."});
  CHECK(error_of(R"({"a":1} x)") == E{"22P02", "Expected end of input, but found \"x\"."});
  CHECK(error_of("").first == "22P02");
  CHECK(error_of(std::string(2000, '[')).first == "54001");
}

TEST_CASE("jsonb values are parsed to their canonical text", "[common][jsonb]") {
  Value v = parse_value(R"({"b": 1, "a": 2})", Type::jsonb());
  CHECK(v.type == Type::jsonb());
  CHECK(v.s == R"({"a": 2, "b": 1})");
  CHECK_THROWS_AS(parse_value("{", Type::jsonb()), SqlError);
}
