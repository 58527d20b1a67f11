#pragma once
// Helpers shared by the common/ text input/output tests.

#include <catch.hpp>

#include <string>
#include <string_view>

#include "common/error.h"
#include "common/value_text.h"

namespace eddy::testing {

// What a PostgreSQL session shows for `input` cast to `type`: the output text, or
// "ERROR:  <message> [<sqlstate>]" — the form the PostgreSQL 15 case tables are written in.
inline std::string pg_text(std::string_view input, Type type) {
  try {
    return format_value(parse_value(input, type));
  } catch (const SqlError& e) {
    return "ERROR:  " + e.message() + " [" + e.sqlstate() + "]";
  }
}

// Runs `f` and returns the SqlError it throws; fails the test if it throws none.
template <typename F>
SqlError sql_error(F&& f) {
  try {
    f();
  } catch (const SqlError& e) {
    return e;
  }
  FAIL("expected a SqlError");
  return SqlError("", "");
}

}  // namespace eddy::testing

// Checks that `expr` throws SqlError with exactly this SQLSTATE and message.
#define CHECK_SQL_ERROR(expr, state, msg)                                        \
  do {                                                                           \
    const ::eddy::SqlError err_ = ::eddy::testing::sql_error([&] { (void)(expr); }); \
    CHECK(err_.sqlstate() == (state));                                           \
    CHECK(err_.message() == (msg));                                              \
  } while (0)
