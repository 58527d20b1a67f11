#include <cmath>

#include "expr_test_util.h"

using namespace exprtest;

TEST_CASE("math functions resolve to PostgreSQL's overloads", "[expr][math]") {
  CHECK(fn("abs", i2(-1))->type == Type::int16());
  CHECK(fn("abs", i4(-1))->type == Type::int32());
  CHECK(fn("abs", num(-1))->type == Type::numeric());
  CHECK(fn("round", i4(5))->type == Type::float64());  // integers pick float8, the preferred type
  CHECK(fn("round", num(2.5))->type == Type::numeric());
  CHECK(fn("round", i4(5), i4(1))->type == Type::numeric());
  CHECK(fn("power", i4(2), i4(10))->type == Type::float64());
  CHECK(fn("log", i4(2), i4(8))->type == Type::numeric());
  CHECK(fn("ceil", i4(1))->type == Type::float64());
  CHECK(fn("mod", i2(7), i4(3))->type == Type::int32());
  CHECK(fn("abs", lit("-2.5"))->type == Type::float64());
}

TEST_CASE("rounding: float8 half to even, numeric half away from zero", "[expr][math]") {
  CHECK(eval(fn("round", f8(2.5))).f == 2);
  CHECK(eval(fn("round", num(2.5))).f == 3);
  CHECK(eval(fn("round", num(-2.5))).f == -3);
  CHECK(eval(fn("round", num(1.2345), i4(2))).f == 1.23);
  CHECK(eval(fn("round", num(1.005), i4(2))).f == 1.01);  // decimal, not binary, rounding
  CHECK(eval(fn("round", num(1234.5), i4(-2))).f == 1200);
  CHECK(eval(fn("round", num(9.995), i4(2))).f == 10);
  CHECK(eval(fn("round", num(0.5))).f == 1);
  CHECK(eval(fn("trunc", num(-2.7))).f == -2);
  CHECK(eval(fn("trunc", num(1.2399), i4(2))).f == 1.23);
  CHECK(eval(fn("floor", num(-1.2))).f == -2);
  CHECK(eval(fn("ceil", num(1.2))).f == 2);
  CHECK(eval(fn("ceiling", f8(-1.2))).f == -1);
  CHECK(eval(fn("sign", i4(-3))).f == -1);
  CHECK(eval(fn("sign", num(0))).f == 0);
}

TEST_CASE("other math functions", "[expr][math]") {
  CHECK(eval(fn("abs", i4(-5))).i == 5);
  CHECK(eval(fn("abs", num(-2.5))).f == 2.5);
  CHECK(eval(fn("mod", i4(-7), i4(3))).i == -1);
  CHECK(eval(fn("mod", num(7.5), i4(2))).f == 1.5);
  CHECK(eval(fn("power", i4(2), i4(10))).f == 1024);
  CHECK(eval(fn("pow", f8(2), f8(0.5))).f == std::sqrt(2.0));
  CHECK(eval(fn("sqrt", i4(2))).f == std::sqrt(2.0));
  CHECK(eval(fn("exp", i4(1))).f == std::exp(1.0));
  CHECK(eval(fn("ln", i4(10))).f == std::log(10.0));
  CHECK(eval(fn("log", i4(100))).f == 2);
  CHECK(std::fabs(eval(fn("log", i4(2), i4(8))).f - 3) < 1e-12);
  CHECK(eval(fn("cbrt", f8(27))).f == Approx(3));  // 3.0000000000000004, as in PostgreSQL
  CHECK(std::fabs(eval(fn("pi")).f - 3.141592653589793) < 1e-15);
  CHECK(eval(fn("div", num(7), num(2))).f == 3);
  CHECK(eval(fn("greatest", i4(1), num(2.5), null())).f == 2.5);
  CHECK(fn("greatest", i4(1), num(2.5))->type == Type::numeric());
  CHECK(show(fn("least", lit("b"), lit("a"))) == "a");
  CHECK(eval(fn("greatest", typed_null(Type::int32()), null())).is_null);
}

TEST_CASE("math domain errors", "[expr][math][error]") {
  REQUIRE_SQL_ERROR(eval(fn("sqrt", i4(-1))), "2201F", "cannot take square root of a negative number");
  REQUIRE_SQL_ERROR(eval(fn("ln", i4(0))), "2201E", "cannot take logarithm of zero");
  REQUIRE_SQL_ERROR(eval(fn("ln", i4(-1))), "2201E", "cannot take logarithm of a negative number");
  REQUIRE_SQL_ERROR(eval(fn("log", i4(0))), "2201E", "cannot take logarithm of zero");
  REQUIRE_SQL_ERROR(eval(fn("power", i4(0), i4(-1))), "2201F", "zero raised to a negative power is undefined");
  REQUIRE_SQL_ERROR(eval(fn("power", f8(-8), f8(1.0 / 3))), "2201F",
                    "a negative number raised to a non-integer power yields a complex result");
  REQUIRE_SQL_ERROR(eval(fn("abs", i4(INT32_MIN))), "22003", "integer out of range");
  REQUIRE_SQL_ERROR(eval(fn("mod", i4(1), i4(0))), "22012", "division by zero");
  REQUIRE_SQL_ERROR(eval(fn("exp", f8(1000))), "22003", "value out of range: overflow");
}

TEST_CASE("NULLIF and COALESCE", "[expr][cond]") {
  CHECK(eval(fn("nullif", i4(1), i4(1))).is_null);
  CHECK(eval(fn("nullif", i4(1), i4(2))).i == 1);
  CHECK(fn("nullif", i4(1), num(1.5))->type == Type::numeric());
  CHECK(eval(fn("nullif", typed_null(Type::int32()), i4(1))).is_null);
  CHECK(eval(fn("nullif", i4(3), typed_null(Type::int32()))).i == 3);
  REQUIRE_SQL_ERROR(fn("nullif", i4(1), text("a")), "42883", "operator does not exist: integer = text");
  auto c = fn("coalesce", null(), i4(2), i8(3));
  CHECK(c->kind == BoundKind::Coalesce);
  CHECK(c->type == Type::int64());
  CHECK(eval(c).i == 2);
  CHECK(fn("coalesce", null(), lit("x"))->type == Type::text());
  REQUIRE_SQL_ERROR(fn("coalesce", i4(1), text("a")), "42804", "COALESCE types integer and text cannot be matched");
}

TEST_CASE("unknown functions and argument mismatches are 42883", "[expr][error]") {
  try {
    fn("foo", i4(1), lit("a"));
    FAIL("expected an error");
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == "42883");
    CHECK(e.message() == "function foo(integer, unknown) does not exist");
    CHECK(e.hint() == "No function matches the given name and argument types. You might need to add explicit type casts.");
    CHECK(e.position() == 1);
  }
  REQUIRE_SQL_ERROR(fn("lower", i4(1)), "42883", "function lower(integer) does not exist");
  REQUIRE_SQL_ERROR(fn("abs", text("x")), "42883", "function abs(text) does not exist");
  REQUIRE_SQL_ERROR(fn("substr", lit("x")), "42883", "function substr(unknown) does not exist");
  REQUIRE_SQL_ERROR(fn("date_trunc", lit("hour"), i4(1)), "42883", "function date_trunc(unknown, integer) does not exist");
  CHECK(fn("UPPER", lit("a"))->name == "upper");
  CHECK(show(fn("version")).rfind("PostgreSQL 15.0 (Eddy", 0) == 0);
}
