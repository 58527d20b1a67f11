#include "expr_test_util.h"

using namespace exprtest;

namespace {
BoundExprPtr cast(BoundExprPtr e, Type t) { return bind_cast(std::move(e), t, 7); }
}  // namespace

TEST_CASE("numeric casts round like PostgreSQL and check ranges", "[expr][cast]") {
  CHECK(eval(cast(f8(2.5), Type::int32())).i == 2);   // float -> int: rint, half to even
  CHECK(eval(cast(f8(3.5), Type::int32())).i == 4);
  CHECK(eval(cast(f8(-2.5), Type::int64())).i == -2);
  CHECK(eval(cast(num(2.5), Type::int32())).i == 3);  // numeric -> int: half away from zero
  CHECK(eval(cast(num(-2.5), Type::int32())).i == -3);
  CHECK(eval(cast(num(3.7), Type::int64())).i == 4);
  CHECK(eval(cast(i8(7), Type::float64())).f == 7.0);
  CHECK(eval(cast(f8(0.1), Type::float32())).f == static_cast<double>(0.1f));
  CHECK(eval(cast(i4(300), Type::int16())).i == 300);
  CHECK(cast(i4(300), Type::int16())->type == Type::int16());
  // A typed constant that cannot be converted fails when evaluated.
  auto bad = cast(i4(32768), Type::int16());
  CHECK(bad->kind == BoundKind::Call);
  REQUIRE_SQL_ERROR(eval(bad), "22003", "smallint out of range");
  REQUIRE_SQL_ERROR(eval(cast(f8(1e10), Type::int32())), "22003", "integer out of range");
  REQUIRE_SQL_ERROR(eval(cast(f8(std::nan("")), Type::int64())), "22003", "bigint out of range");
  REQUIRE_SQL_ERROR(eval(cast(f8(1e300), Type::float32())), "22003", "value out of range: overflow");
}

TEST_CASE("casts over a batch keep NULLs and range-check only real rows", "[expr][cast][null]") {
  Batch b = make_batch({Type::int64()}, {{Value::int64(1)}, {Value::null(Type::int64())}, {Value::int64(-7)}});
  CHECK(texts(evaluate(*cast(col(0, Type::int64()), Type::int16()), b)) == std::vector<std::string>{"1", "NULL", "-7"});
  CHECK(texts(evaluate(*cast(col(0, Type::int64()), Type::text()), b)) == std::vector<std::string>{"1", "NULL", "-7"});
  CHECK(texts(evaluate(*cast(col(0, Type::int64()), Type::numeric()), b)) == std::vector<std::string>{"1", "NULL", "-7"});
}

TEST_CASE("text casts go through PostgreSQL's input and output functions", "[expr][cast]") {
  CHECK(eval(cast(lit(" 12 "), Type::int32())).i == 12);
  CHECK(eval(cast(lit("1e3"), Type::float64())).f == 1000.0);
  CHECK(eval(cast(lit("yes"), Type::boolean())).i == 1);
  CHECK(show(cast(lit("2026-11-20 10:00"), Type::date())) == "2026-11-20");
  CHECK(show(cast(lit("1 hour"), Type::interval())) == "01:00:00");
  CHECK(show(cast(text("1 hour 30 minutes"), Type::interval())) == "01:30:00");
  CHECK(show(cast(boolean(true), Type::text())) == "true");  // bool::text is 'true', not 't'
  CHECK(show(cast(f8(1e20), Type::text())) == "1e+20");
  CHECK(show(cast(f4(1.5), Type::text())) == "1.5");
  CHECK(show(cast(iv("1 day"), Type::varchar())) == "1 day");
  CHECK(show(cast(date("2026-01-01"), Type::text())) == "2026-01-01");
  CHECK(show(cast(ts("2026-01-01 10:00"), Type::text())) == "2026-01-01 10:00:00");
  REQUIRE_SQL_ERROR(cast(lit("abc"), Type::int32()), "22P02", "invalid input syntax for type integer: \"abc\"");
  REQUIRE_SQL_ERROR(eval(cast(text("abc"), Type::int64())), "22P02", "invalid input syntax for type bigint: \"abc\"");
  try {
    cast(lit("abc", 33), Type::int32());
  } catch (const SqlError& e) {
    CHECK(e.position() == 33);  // the literal's position, as PostgreSQL reports it
  }
}

TEST_CASE("varchar(n): an explicit cast truncates, an assignment raises 22001", "[expr][cast]") {
  CHECK(show(cast(lit("abcd"), Type::varchar(2))) == "ab");
  CHECK(show(cast(text("héllo"), Type::varchar(2))) == "hé");
  CHECK(show(cast(i4(12345), Type::varchar(3))) == "123");
  REQUIRE_SQL_ERROR(coerce_to(lit("abcd"), Type::varchar(3), "v", 1), "22001",
                    "value too long for type character varying(3)");
  CHECK(show(coerce_to(lit("ab  "), Type::varchar(3), "v", 1)) == "ab ");  // only spaces cut: allowed
  CHECK(show(coerce_to(lit("abc"), Type::varchar(3), "v", 1)) == "abc");
  REQUIRE_SQL_ERROR(eval(coerce_to(text("abcd"), Type::varchar(3), "v", 1)), "22001",
                    "value too long for type character varying(3)");
}

TEST_CASE("bool <-> integer and date/timestamp casts", "[expr][cast]") {
  CHECK(eval(cast(boolean(true), Type::int32())).i == 1);
  CHECK(eval(cast(i4(0), Type::boolean())).i == 0);
  CHECK(eval(cast(i4(5), Type::boolean())).i == 1);
  REQUIRE_SQL_ERROR(cast(i8(1), Type::boolean()), "42846", "cannot cast type bigint to boolean");
  REQUIRE_SQL_ERROR(cast(boolean(true), Type::int64()), "42846", "cannot cast type boolean to bigint");
  REQUIRE_SQL_ERROR(cast(num(1.5), Type::boolean()), "42846", "cannot cast type numeric to boolean");
  REQUIRE_SQL_ERROR(cast(iv("1 day"), Type::int32()), "42846", "cannot cast type interval to integer");
  CHECK(show(cast(date("2026-01-01"), Type::timestamptz())) == "2026-01-01 00:00:00+00");
  CHECK(show(cast(tstz("2026-01-01 23:30:00+00"), Type::date())) == "2026-01-01");
  CHECK(show(cast(ts("1969-12-31 23:59:59"), Type::date())) == "1969-12-31");
  CHECK(show(cast(ts("2026-01-01 10:00"), Type::timestamptz())) == "2026-01-01 10:00:00+00");
}

TEST_CASE("unknown literals and NULL fold into constants of the target type", "[expr][cast][unknown]") {
  auto c = cast(lit("42"), Type::int64());
  CHECK(c->kind == BoundKind::Constant);
  CHECK(c->type == Type::int64());
  CHECK_FALSE(c->unknown_literal);
  auto n = cast(null(), Type::timestamp());
  CHECK(n->kind == BoundKind::Constant);
  CHECK(n->type == Type::timestamp());
  CHECK(eval(n).is_null);
}

TEST_CASE("assignment coercion (INSERT)", "[expr][cast][assign]") {
  CHECK(eval(coerce_to(i4(7), Type::int64(), "c", 1)).i == 7);
  CHECK(eval(coerce_to(i8(7), Type::int32(), "c", 1)).i == 7);
  CHECK(eval(coerce_to(f8(2.5), Type::int32(), "c", 1)).i == 2);
  CHECK(show(coerce_to(i4(7), Type::text(), "c", 1)) == "7");
  CHECK(show(coerce_to(lit("2026-11-20 10:00:00"), Type::timestamp(), "ts", 1)) == "2026-11-20 10:00:00");
  CHECK(show(coerce_to(tstz("2026-11-20 10:00:00+02"), Type::timestamp(), "ts", 1)) == "2026-11-20 08:00:00");
  REQUIRE_SQL_ERROR(eval(coerce_to(i8(1LL << 40), Type::int32(), "c", 1)), "22003", "integer out of range");
  REQUIRE_SQL_ERROR(coerce_to(lit("1.5"), Type::int32(), "i", 1), "22P02", "invalid input syntax for type integer: \"1.5\"");
  try {
    coerce_to(text("x"), Type::int32(), "i", 9);
    FAIL("expected 42804");
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == "42804");
    CHECK(e.message() == "column \"i\" is of type integer but expression is of type text");
    CHECK(e.hint() == "You will need to rewrite or cast the expression.");
    CHECK(e.position() == 9);
  }
  REQUIRE_SQL_ERROR(coerce_to(boolean(true), Type::int32(), "i", 1), "42804",
                    "column \"i\" is of type integer but expression is of type boolean");
}

TEST_CASE("common_supertype", "[expr][types]") {
  CHECK(common_supertype(Type::int32(), Type::int64(), 0) == Type::int64());
  CHECK(common_supertype(Type::int64(), Type::numeric(), 0) == Type::numeric());
  CHECK(common_supertype(Type::float32(), Type::int64(), 0) == Type::float32());
  CHECK(common_supertype(Type::numeric(), Type::float64(), 0) == Type::float64());
  CHECK(common_supertype(Type::varchar(3), Type::text(), 0) == Type::text());
  CHECK(common_supertype(Type::varchar(3), Type::varchar(5), 0) == Type::varchar());
  CHECK(common_supertype(Type::date(), Type::timestamp(), 0) == Type::timestamp());
  CHECK(common_supertype(Type::timestamptz(), Type::timestamp(), 0) == Type::timestamptz());
  CHECK(common_supertype(Type::null(), Type::interval(), 0) == Type::interval());
  REQUIRE_SQL_ERROR(common_supertype(Type::int32(), Type::text(), 0), "42804",
                    "types integer and text cannot be matched");
}
