// statement_timeout's values as PostgreSQL reads and shows them.

#include <catch.hpp>

#include "common/error.h"
#include "server/duration_setting.h"

using namespace eddy;

namespace {

int64_t ms(const char* text) { return parse_milliseconds_setting("statement_timeout", text); }

std::string error_of(const char* text) {
  try {
    ms(text);
  } catch (const SqlError& e) {
    return e.sqlstate() + " " + e.message() + (e.hint().empty() ? "" : " | " + e.hint());
  }
  return "";
}

}  // namespace

TEST_CASE("milliseconds by default, PostgreSQL's time units otherwise") {
  CHECK(ms("100") == 100);
  CHECK(ms("0") == 0);
  CHECK(ms("100ms") == 100);
  CHECK(ms(" 100 ms ") == 100);
  CHECK(ms("1s") == 1000);
  CHECK(ms("1.5s") == 1500);
  CHECK(ms("2min") == 120000);
  CHECK(ms("1h") == 3600000);
  CHECK(ms("1d") == 86400000);
  CHECK(ms("1500us") == 2);
  CHECK(ms("2147483647") == 2147483647);
}

TEST_CASE("bad values are 22023 with PostgreSQL's messages") {
  CHECK(error_of("abc") == "22023 invalid value for parameter \"statement_timeout\": \"abc\"");
  CHECK(error_of("") == "22023 invalid value for parameter \"statement_timeout\": \"\"");
  CHECK(error_of("10 sec") ==
        "22023 invalid value for parameter \"statement_timeout\": \"10 sec\" | Valid units for this parameter are "
        "\"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
  CHECK(error_of("1S") ==
        "22023 invalid value for parameter \"statement_timeout\": \"1S\" | Valid units for this parameter are "
        "\"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
  CHECK(error_of("-1") ==
        "22023 -1 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)");
  CHECK(error_of("2147483648") ==
        "22023 2147483648 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)");
  CHECK(error_of("0x10") != "");
  CHECK(error_of("inf") != "");
}

TEST_CASE("shown in the largest unit that divides the value") {
  CHECK(format_milliseconds_setting(0) == "0");
  CHECK(format_milliseconds_setting(100) == "100ms");
  CHECK(format_milliseconds_setting(1000) == "1s");
  CHECK(format_milliseconds_setting(1500) == "1500ms");
  CHECK(format_milliseconds_setting(90000) == "90s");
  CHECK(format_milliseconds_setting(60000) == "1min");
  CHECK(format_milliseconds_setting(3600000) == "1h");
  CHECK(format_milliseconds_setting(86400000) == "1d");
  CHECK(format_milliseconds_setting(2147483647) == "2147483647ms");
}
