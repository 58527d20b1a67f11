#include "expr_test_util.h"

using namespace exprtest;

namespace {
bool truth(BoundExprPtr e) {
  Value v = eval(e);
  REQUIRE_FALSE(v.is_null);
  return v.i != 0;
}
bool is_null(BoundExprPtr e) { return eval(e).is_null; }
}  // namespace

TEST_CASE("comparisons across numeric kinds", "[expr][cmp]") {
  CHECK(truth(op("=", i4(1), i8(1))));
  CHECK(truth(op("<", i4(1), f8(1.5))));
  CHECK(truth(op(">", num(2.5), i2(2))));
  CHECK(truth(op("<>", f4(0.5), f8(0.25))));
  CHECK(truth(op("!=", i4(1), i4(2))));
  CHECK(truth(op("<=", i8(3), i8(3))));
  CHECK_FALSE(truth(op(">=", i8(2), i8(3))));
  CHECK(op("=", i4(1), f8(1))->type == Type::boolean());
  // real against anything but real compares as double precision, as PostgreSQL resolves it.
  CHECK_FALSE(truth(op("=", f4(0.1), num(0.1))));
  CHECK(truth(op("=", f4(0.1), f4(0.1))));
  CHECK(truth(op("=", i4(1), f4(1.0))));
  // NaN equals NaN and sorts above every number, as in PostgreSQL.
  CHECK(truth(op("=", f8(std::nan("")), f8(std::nan("")))));
  CHECK(truth(op(">", f8(std::nan("")), f8(1e308))));
}

TEST_CASE("comparisons of text, bool, timestamps, dates and intervals", "[expr][cmp]") {
  CHECK(truth(op("<", text("abc"), text("abd"))));
  CHECK(truth(op("=", text("a"), lit("a"))));
  CHECK(truth(op("<", text("B"), text("a"))));  // C collation: bytewise
  CHECK(truth(op("<", boolean(false), boolean(true))));
  CHECK(truth(op(">", ts("2026-11-20 10:00:01"), ts("2026-11-20 10:00:00"))));
  CHECK(truth(op("=", ts("2026-11-20 00:00:00"), date("2026-11-20"))));
  CHECK(truth(op("<", date("2026-11-19"), ts("2026-11-19 00:00:01"))));
  CHECK(truth(op("=", tstz("2026-11-20 10:00:00+00"), ts("2026-11-20 10:00:00"))));
  CHECK(truth(op("=", iv("1 day"), iv("24 hours"))));
  CHECK(truth(op("<", iv("29 days"), iv("1 mon"))));
  auto vc = make_column_ref(0, Type::varchar(10), "v");
  Batch b = make_batch({Type::varchar(10)}, {{Value::text("x")}});
  CHECK(texts(evaluate(*op("=", std::move(vc), text("x")), b)) == std::vector<std::string>{"t"});
}

TEST_CASE("an unknown literal compared to a typed expression takes its type", "[expr][cmp][unknown]") {
  auto e = op(">", ts("2026-11-20 10:00:00"), lit("2026-11-20 09:00:00"));
  CHECK(e->children[1]->kind == BoundKind::Constant);
  CHECK(e->children[1]->type == Type::timestamp());
  CHECK(truth(std::move(e)));
  auto c = op("=", col(0, Type::int64(), "cost"), lit("29"));
  CHECK(c->children[1]->type == Type::int64());
  CHECK(c->children[1]->value.i == 29);
  REQUIRE_SQL_ERROR(op("=", i8(1), lit("abc")), "22P02", "invalid input syntax for type bigint: \"abc\"");
  CHECK(truth(op("=", lit("a"), lit("a"))));
  CHECK(truth(op("=", boolean(true), lit("t"))));
}

TEST_CASE("an integer literal compared with a float column widens", "[expr][cmp]") {
  auto e = op(">", col(0, Type::float64(), "x"), i4(10));
  CHECK(e->children[1]->type == Type::float64());
  Batch b = make_batch({Type::float64()}, {{Value::float64(10.5)}, {Value::float64(9.5)}, {Value::null(Type::float64())}});
  CHECK(texts(evaluate(*e, b)) == std::vector<std::string>{"t", "f", "NULL"});
}

TEST_CASE("comparing incompatible types is 42883", "[expr][cmp][error]") {
  REQUIRE_SQL_ERROR(op("=", text("a"), i4(1)), "42883", "operator does not exist: text = integer");
  REQUIRE_SQL_ERROR(op("<", ts("2026-01-01"), i4(1)), "42883",
                    "operator does not exist: timestamp without time zone < integer");
  REQUIRE_SQL_ERROR(op("=", boolean(true), i4(1)), "42883", "operator does not exist: boolean = integer");
}

TEST_CASE("comparisons with NULL are NULL", "[expr][cmp][null]") {
  CHECK(is_null(op("=", i4(1), null())));
  CHECK(is_null(op("=", null(), null())));
  CHECK(is_null(op("<", text("a"), typed_null(Type::text()))));
}

TEST_CASE("AND, OR, NOT are three-valued", "[expr][logic]") {
  const auto T = [] { return boolean(true); };
  const auto F = [] { return boolean(false); };
  const auto N = [] { return typed_null(Type::boolean()); };
  CHECK(truth(op("and", T(), T())));
  CHECK_FALSE(truth(op("and", T(), F())));
  CHECK_FALSE(truth(op("and", N(), F())));
  CHECK_FALSE(truth(op("and", F(), N())));
  CHECK(is_null(op("and", T(), N())));
  CHECK(is_null(op("and", N(), N())));
  CHECK(truth(op("or", N(), T())));
  CHECK(truth(op("or", T(), N())));
  CHECK(is_null(op("or", F(), N())));
  CHECK_FALSE(truth(op("or", F(), F())));
  CHECK_FALSE(truth(op("not", T())));
  CHECK(is_null(op("not", N())));
  CHECK(is_null(op("and", null(), T())));  // an untyped NULL reads as a boolean NULL
  CHECK(truth(op("and", lit("true"), T())));
  REQUIRE_SQL_ERROR(op("and", i4(1), T()), "42804", "argument of AND must be type boolean, not type integer");
  REQUIRE_SQL_ERROR(op("not", text("x")), "42804", "argument of NOT must be type boolean, not type text");
}

TEST_CASE("three-valued logic over a batch", "[expr][logic]") {
  Batch b = make_batch({Type::boolean(), Type::boolean()},
                       {{Value::boolean(true), Value::boolean(true)},
                        {Value::boolean(true), Value::boolean(false)},
                        {Value::boolean(true), Value::null(Type::boolean())},
                        {Value::boolean(false), Value::null(Type::boolean())},
                        {Value::null(Type::boolean()), Value::boolean(false)},
                        {Value::null(Type::boolean()), Value::null(Type::boolean())}});
  auto a = [] { return col(0, Type::boolean(), "a"); };
  auto c = [] { return col(1, Type::boolean(), "b"); };
  CHECK(texts(evaluate(*op("and", a(), c()), b)) == std::vector<std::string>{"t", "f", "NULL", "f", "f", "NULL"});
  CHECK(texts(evaluate(*op("or", a(), c()), b)) == std::vector<std::string>{"t", "t", "t", "NULL", "NULL", "NULL"});
  CHECK(texts(evaluate(*op("not", c()), b)) == std::vector<std::string>{"f", "t", "NULL", "NULL", "t", "NULL"});
  CHECK(evaluate_filter(*op("or", a(), c()), b) == std::vector<uint32_t>{0, 1, 2});
}

TEST_CASE("IS [NOT] DISTINCT FROM and IS [NOT] TRUE/FALSE/UNKNOWN never return NULL", "[expr][cmp][null]") {
  CHECK_FALSE(truth(op("is distinct from", null(), typed_null(Type::int32()))));
  CHECK(truth(op("is distinct from", i4(1), typed_null(Type::int32()))));
  CHECK(truth(op("is not distinct from", i4(1), i8(1))));
  CHECK(truth(op("is true", boolean(true))));
  CHECK_FALSE(truth(op("is true", typed_null(Type::boolean()))));
  CHECK(truth(op("is not true", typed_null(Type::boolean()))));
  CHECK(truth(op("is unknown", typed_null(Type::boolean()))));
  CHECK(truth(op("is not false", typed_null(Type::boolean()))));
  CHECK(truth(op("IS FALSE", boolean(false))));
}

TEST_CASE("IS NULL, IN lists and BETWEEN", "[expr][cmp]") {
  CHECK(truth(bind_is_null(null(), false, 1)));
  CHECK(truth(bind_is_null(i4(1), true, 1)));
  CHECK(truth(bind_in_list(i4(2), list(i4(1), i8(2)), false, 1)));
  CHECK_FALSE(truth(bind_in_list(i4(3), list(i4(1), i4(2)), false, 1)));
  CHECK(is_null(bind_in_list(i4(3), list(i4(1), null()), false, 1)));
  CHECK(truth(bind_in_list(i4(1), list(i4(1), null()), false, 1)));
  CHECK(is_null(bind_in_list(i4(3), list(i4(1), null()), true, 1)));
  CHECK(truth(bind_in_list(i4(3), list(i4(1), i4(2)), true, 1)));
  CHECK(truth(bind_in_list(f8(2), list(i4(1), i4(2)), false, 1)));
  CHECK(truth(bind_in_list(text("b"), list(lit("a"), lit("b")), false, 1)));
  CHECK(bind_in_list(col(0, Type::int32()), list(i4(1)), false, 1)->kind == BoundKind::InList);
  REQUIRE_SQL_ERROR(bind_in_list(i4(1), list(text("a")), false, 1), "42883", "operator does not exist: integer = text");
  CHECK(truth(bind_between(i4(5), i4(1), i8(5), false, 1)));
  CHECK_FALSE(truth(bind_between(i4(5), i4(1), i8(5), true, 1)));
  CHECK(truth(bind_between(ts("2026-01-02"), lit("2026-01-01"), lit("2026-01-03"), false, 1)));
}

TEST_CASE("IN over a batch with NULLs", "[expr][cmp][null]") {
  Batch b = make_batch({Type::text()}, {{Value::text("a")}, {Value::text("z")}, {Value::null(Type::text())}});
  auto in = bind_in_list(col(0, Type::text(), "s"), list(lit("a"), lit("b")), false, 1);
  CHECK(texts(evaluate(*in, b)) == std::vector<std::string>{"t", "f", "NULL"});
  auto not_in = bind_in_list(col(0, Type::text(), "s"), list(lit("a"), typed_null(Type::text())), true, 1);
  CHECK(texts(evaluate(*not_in, b)) == std::vector<std::string>{"f", "NULL", "NULL"});
}
