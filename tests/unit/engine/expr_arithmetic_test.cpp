#include "expr_test_util.h"

using namespace exprtest;

TEST_CASE("integer arithmetic keeps PostgreSQL's result types", "[expr][arith]") {
  CHECK(op("+", i4(2), i4(3))->type == Type::int32());
  CHECK(op("+", i2(2), i2(3))->type == Type::int16());
  CHECK(op("+", i2(2), i4(3))->type == Type::int32());
  CHECK(op("*", i4(2), i8(3))->type == Type::int64());
  CHECK(op("+", i4(2), num(1.5))->type == Type::numeric());
  CHECK(op("+", i8(2), f8(1.5))->type == Type::float64());
  CHECK(op("+", f4(1), f4(2))->type == Type::float32());
  CHECK(op("+", f4(1), i4(2))->type == Type::float64());
  CHECK(op("+", f4(1), num(2))->type == Type::float64());
  CHECK(op("+", num(1), f8(2))->type == Type::float64());
  CHECK(eval(op("+", i4(2), i4(3))).i == 5);
  CHECK(eval(op("-", i4(2), i8(30))).i == -28);
  CHECK(eval(op("*", i4(-4), i4(3))).i == -12);
  CHECK(eval(op("+", i4(2), num(1.5))).f == 3.5);
}

TEST_CASE("integer division truncates toward zero, % keeps the dividend's sign", "[expr][arith]") {
  CHECK(eval(op("/", i4(7), i4(2))).i == 3);
  CHECK(eval(op("/", i4(-7), i4(2))).i == -3);
  CHECK(eval(op("%", i4(-7), i4(3))).i == -1);
  CHECK(eval(op("%", i4(7), i4(-3))).i == 1);
  CHECK(eval(op("%", i8(INT64_MIN), i8(-1))).i == 0);
  CHECK(eval(op("/", f8(7), i4(2))).f == 3.5);
  CHECK(eval(op("/", num(1), num(4))).f == 0.25);
  CHECK(op("%", num(7.5), i4(2))->type == Type::numeric());
  CHECK(eval(op("%", num(7.5), i4(2))).f == 1.5);
}

TEST_CASE("division by zero is 22012 for every numeric type", "[expr][arith][error]") {
  REQUIRE_SQL_ERROR(eval(op("/", i4(1), i4(0))), "22012", "division by zero");
  REQUIRE_SQL_ERROR(eval(op("%", i8(1), i8(0))), "22012", "division by zero");
  REQUIRE_SQL_ERROR(eval(op("/", num(1), num(0))), "22012", "division by zero");
  REQUIRE_SQL_ERROR(eval(op("/", f8(1), f8(0))), "22012", "division by zero");
  REQUIRE_SQL_ERROR(eval(op("/", f8(1), i4(0))), "22012", "division by zero");
}

TEST_CASE("integer overflow raises 22003 naming the type", "[expr][arith][error]") {
  REQUIRE_SQL_ERROR(eval(op("+", i4(2147483647), i4(1))), "22003", "integer out of range");
  REQUIRE_SQL_ERROR(eval(op("*", i4(65536), i4(65536))), "22003", "integer out of range");
  REQUIRE_SQL_ERROR(eval(op("+", i8(INT64_MAX), i4(1))), "22003", "bigint out of range");
  REQUIRE_SQL_ERROR(eval(op("-", i8(INT64_MIN), i8(1))), "22003", "bigint out of range");
  REQUIRE_SQL_ERROR(eval(op("+", i2(32767), i2(1))), "22003", "smallint out of range");
  REQUIRE_SQL_ERROR(eval(op("/", i4(INT32_MIN), i4(-1))), "22003", "integer out of range");
  REQUIRE_SQL_ERROR(eval(op("/", i8(INT64_MIN), i8(-1))), "22003", "bigint out of range");
  REQUIRE_SQL_ERROR(eval(op("-", i4(INT32_MIN))), "22003", "integer out of range");
  CHECK(eval(op("+", i4(2147483647), i8(1))).i == 2147483648LL);
}

TEST_CASE("float overflow and underflow follow PostgreSQL", "[expr][arith][error]") {
  REQUIRE_SQL_ERROR(eval(op("*", f8(1e308), f8(10))), "22003", "value out of range: overflow");
  REQUIRE_SQL_ERROR(eval(op("*", f4(1e38), f4(10))), "22003", "value out of range: overflow");
  REQUIRE_SQL_ERROR(eval(op("*", f8(1e-300), f8(1e-300))), "22003", "value out of range: underflow");
  CHECK(eval(op("*", f8(1e-308), f8(1e-10))).f > 0);  // subnormal, not an underflow
  CHECK(eval(op("+", f4(0.1), f4(0.2))).f == static_cast<double>(0.1f + 0.2f));
}

TEST_CASE("unary minus and plus", "[expr][arith]") {
  CHECK(eval(op("-", i4(5))).i == -5);
  CHECK(op("-", i2(5))->type == Type::int16());
  CHECK(eval(op("-", f8(2.5))).f == -2.5);
  CHECK(eval(op("+", i8(7))).i == 7);
  CHECK(op("-", i4(5))->kind == BoundKind::Constant);  // folded, as PostgreSQL does
  CHECK(op("-", i4(5))->to_string() == "-5");
  CHECK(op("-", col(0, Type::int32(), "x"))->to_string() == "(- x)");
  CHECK(op("-", i4(INT32_MIN))->kind == BoundKind::Call);  // left to fail at run time
  CHECK(show(op("-", iv("1 day 02:00:00"))) == "-1 days -02:00:00");
  REQUIRE_SQL_ERROR(op("-", text("a")), "42883", "operator does not exist: - text");
}

TEST_CASE("arithmetic on NULLs is NULL, and a NULL row never raises", "[expr][arith][null]") {
  CHECK(eval(op("+", i4(1), null())).is_null);
  CHECK(op("+", i4(1), null())->type == Type::int32());
  CHECK(eval(op("/", i4(1), typed_null(Type::int32()))).is_null);
  Batch b = make_batch({Type::int32(), Type::int32()},
                       {{Value::int32(10), Value::int32(2)}, {Value::int32(5), Value::null(Type::int32())},
                        {Value::null(Type::int32()), Value::int32(0)}});
  Column c = evaluate(*op("/", col(0, Type::int32()), col(1, Type::int32())), b);
  CHECK(texts(c) == std::vector<std::string>{"5", "NULL", "NULL"});
}

TEST_CASE("unknown literals in arithmetic take the other operand's type", "[expr][arith][unknown]") {
  auto e = op("+", i8(1), lit("41"));
  CHECK(e->type == Type::int64());
  CHECK(eval(e).i == 42);
  REQUIRE_SQL_ERROR(op("+", i4(1), lit("a", 12)), "22P02", "invalid input syntax for type integer: \"a\"");
  try {
    op("+", i4(1), lit("a", 12));
  } catch (const SqlError& err) {
    CHECK(err.position() == 12);
  }
  REQUIRE_SQL_ERROR(op("+", lit("1"), lit("2")), "42725", "operator is not unique: unknown + unknown");
}

TEST_CASE("operators that do not exist raise 42883 with PostgreSQL's hint", "[expr][arith][error]") {
  try {
    op("+", text("a"), i4(1));
    FAIL("expected an error");
  } catch (const SqlError& err) {
    CHECK(err.sqlstate() == "42883");
    CHECK(err.message() == "operator does not exist: text + integer");
    CHECK(err.hint() == "No operator matches the given name and argument types. You might need to add explicit type casts.");
    CHECK(err.position() == 1);
  }
  REQUIRE_SQL_ERROR(op("+", text("a"), lit("b")), "42883", "operator does not exist: text + unknown");
  REQUIRE_SQL_ERROR(op("%", f8(1), f8(2)), "42883", "operator does not exist: double precision % double precision");
  REQUIRE_SQL_ERROR(op("+", boolean(true), i4(1)), "42883", "operator does not exist: boolean + integer");
}
