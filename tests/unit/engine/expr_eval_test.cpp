#include "expr_test_util.h"

using namespace exprtest;

namespace {

// asset TEXT, cost BIGINT, x INT (with a zero and a NULL)
Batch clicks() {
  return make_batch({Type::text(), Type::int64(), Type::int32()},
                    {{Value::text("a"), Value::int64(29), Value::int32(2)},
                     {Value::text("b"), Value::int64(3), Value::int32(0)},
                     {Value::null(Type::text()), Value::int64(10), Value::null(Type::int32())},
                     {Value::text("a"), Value::null(Type::int64()), Value::int32(-5)}});
}
BoundExprPtr asset() { return col(0, Type::text(), "asset"); }
BoundExprPtr cost() { return col(1, Type::int64(), "cost"); }
BoundExprPtr x() { return col(2, Type::int32(), "x"); }

}  // namespace

TEST_CASE("constants broadcast against columns", "[expr][eval]") {
  Batch b = clicks();
  CHECK(texts(evaluate(*op("+", cost(), i4(1)), b)) == std::vector<std::string>{"30", "4", "11", "NULL"});
  CHECK(texts(evaluate(*op("=", asset(), lit("a")), b)) == std::vector<std::string>{"t", "f", "NULL", "t"});
  CHECK(texts(evaluate(*op(">", cost(), i4(10)), b)) == std::vector<std::string>{"t", "f", "f", "NULL"});
  CHECK(texts(evaluate(*op("-", i4(100), cost()), b)) == std::vector<std::string>{"71", "97", "90", "NULL"});
  // A constant expression evaluates to one value per row.
  Column c = evaluate(*op("+", i4(1), i4(2)), b);
  CHECK(c.size() == 4);
  CHECK(texts(c) == std::vector<std::string>{"3", "3", "3", "3"});
  Column n = evaluate(*typed_null(Type::text()), b);
  CHECK(texts(n) == std::vector<std::string>{"NULL", "NULL", "NULL", "NULL"});
  CHECK(n.type() == Type::text());
  CHECK(texts(evaluate(*asset(), b)) == std::vector<std::string>{"a", "b", "NULL", "a"});
}

TEST_CASE("evaluate_filter returns the rows where the predicate is TRUE", "[expr][eval][filter]") {
  Batch b = clicks();
  CHECK(evaluate_filter(*op(">", cost(), i4(5)), b) == std::vector<uint32_t>{0, 2});
  CHECK(evaluate_filter(*op("=", asset(), lit("a")), b) == std::vector<uint32_t>{0, 3});
  CHECK(evaluate_filter(*boolean(true), b) == std::vector<uint32_t>{0, 1, 2, 3});
  CHECK(evaluate_filter(*typed_null(Type::boolean()), b).empty());
  CHECK(evaluate_filter(*bind_is_null(asset(), false, 1), b) == std::vector<uint32_t>{2});
  Batch empty = Batch::with_types({Type::text(), Type::int64(), Type::int32()});
  CHECK(evaluate_filter(*op(">", cost(), i4(5)), empty).empty());
  CHECK(evaluate(*op("/", i4(1), i4(0)), empty).size() == 0);  // no row, no error
}

TEST_CASE("CASE evaluates a branch only for the rows that reach it", "[expr][eval][case]") {
  Batch b = clicks();
  // CASE WHEN x = 0 THEN 0 ELSE 100 / x END: never divides by zero.
  auto e = bind_case(list(op("=", x(), i4(0))), list(i4(0)), op("/", i4(100), x()), 1);
  CHECK(e->type == Type::int32());
  CHECK(texts(evaluate(*e, b)) == std::vector<std::string>{"50", "0", "NULL", "-20"});
  // A constant division by zero in a branch no row takes.
  auto never = bind_case(list(boolean(false)), list(op("/", i4(1), i4(0))), i4(7), 1);
  CHECK(texts(evaluate(*never, b)) == std::vector<std::string>{"7", "7", "7", "7"});
  CHECK(eval(never).i == 7);
  // ... but it raises for rows that do take it.
  auto taken = bind_case(list(op(">", cost(), i4(20))), list(op("/", i4(1), i4(0))), i4(7), 1);
  REQUIRE_SQL_ERROR(evaluate(*taken, b), "22012", "division by zero");
}

TEST_CASE("CASE typing, NULL conditions and missing ELSE", "[expr][eval][case]") {
  Batch b = clicks();
  auto e = bind_case(list(op(">", cost(), i4(20)), op(">", cost(), i4(5))), list(lit("big"), lit("mid")), nullptr, 1);
  CHECK(e->type == Type::text());
  CHECK(texts(evaluate(*e, b)) == std::vector<std::string>{"big", "NULL", "mid", "NULL"});
  auto mixed = bind_case(list(op("=", asset(), lit("a"))), list(i4(1)), num(2.5), 1);
  CHECK(mixed->type == Type::numeric());
  CHECK(texts(evaluate(*mixed, b)) == std::vector<std::string>{"1", "2.5", "2.5", "1"});
  auto unknown_then = bind_case(list(boolean(true)), list(i4(1)), lit("2"), 1);
  CHECK(unknown_then->type == Type::int32());
  REQUIRE_SQL_ERROR(bind_case(list(boolean(true)), list(i4(1)), text("x"), 1), "42804",
                    "CASE types integer and text cannot be matched");
  REQUIRE_SQL_ERROR(bind_case(list(i4(1)), list(i4(1)), nullptr, 1), "42804",
                    "argument of CASE/WHEN must be type boolean, not type integer");
}

TEST_CASE("COALESCE evaluates later arguments only where earlier ones are NULL", "[expr][eval][coalesce]") {
  Batch b = clicks();
  // coalesce(x, 1 / (x - x)) would divide by zero on every non-NULL row if evaluated there.
  auto e = fn("coalesce", x(), op("/", i4(1), op("-", cost(), cost())));
  REQUIRE_SQL_ERROR(evaluate(*e, b), "22012", "division by zero");  // row 2: x is NULL, cost is not
  // coalesce(cost, 100 / x): x is 0 on row 1, where cost is not NULL.
  auto safe = fn("coalesce", cost(), op("/", i4(100), x()));
  CHECK(texts(evaluate(*safe, b)) == std::vector<std::string>{"29", "3", "10", "-20"});
  CHECK(texts(evaluate(*fn("coalesce", asset(), lit("none")), b)) == std::vector<std::string>{"a", "b", "none", "a"});
}

TEST_CASE("AND and OR do not evaluate their right side for decided rows", "[expr][eval][logic]") {
  Batch b = clicks();
  // x <> 0 AND 100 / x > 10
  auto e = op("and", op("<>", x(), i4(0)), op(">", op("/", i4(100), x()), i4(10)));
  CHECK(texts(evaluate(*e, b)) == std::vector<std::string>{"t", "f", "NULL", "f"});
  // x = 0 OR 100 / x > 10
  auto o = op("or", op("=", x(), i4(0)), op(">", op("/", i4(100), x()), i4(10)));
  CHECK(texts(evaluate(*o, b)) == std::vector<std::string>{"t", "t", "NULL", "f"});
  CHECK(evaluate_filter(*e, b) == std::vector<uint32_t>{0});
}

TEST_CASE("a batch of one row and column errors", "[expr][eval]") {
  Batch one = make_batch({Type::int64()}, {{Value::int64(5)}});
  CHECK(texts(evaluate(*op("*", col(0, Type::int64()), i4(2)), one)) == std::vector<std::string>{"10"});
  REQUIRE_SQL_ERROR(evaluate(*col(3, Type::int64()), one), "XX000", "expression reads input column 3 but the batch has 1");
}

TEST_CASE("casts that keep the representation relabel without copying", "[expr][eval][cast]") {
  Batch b = clicks();
  Column c = evaluate(*bind_cast(asset(), Type::varchar(), 1), b);
  CHECK(c.type() == Type::varchar());
  CHECK(texts(c) == std::vector<std::string>{"a", "b", "NULL", "a"});
  Column t = evaluate(*bind_cast(x(), Type::int64(), 1), b);
  CHECK(t.type() == Type::int64());
  CHECK(texts(t) == std::vector<std::string>{"2", "0", "NULL", "-5"});
}

TEST_CASE("to_string renders SQL for EXPLAIN", "[expr][explain]") {
  CHECK(op("+", cost(), i4(1))->to_string() == "(cost + 1)");
  CHECK(op("=", asset(), lit("a"))->to_string() == "(asset = 'a'::text)");
  CHECK(op("and", op(">", cost(), i4(1)), op("<", cost(), i4(9)))->to_string() == "((cost > 1) AND (cost < 9))");
  CHECK(op("not", op("like", asset(), lit("a%")))->to_string() == "(NOT (asset LIKE 'a%'::text))");
  CHECK(op("is true", op(">", cost(), i4(1)))->to_string() == "((cost > 1) IS TRUE)");
  CHECK(fn("lower", asset())->to_string() == "lower(asset)");
  CHECK(op(">", x(), f8(1.5))->to_string() == "((x)::double precision > '1.5'::double precision)");
  CHECK(bind_cast(cost(), Type::text(), 1)->to_string() == "(cost)::text");
  CHECK(bind_is_null(asset(), true, 1)->to_string() == "(asset IS NOT NULL)");
  CHECK(bind_in_list(x(), list(i4(1), i4(2)), false, 1)->to_string() == "(x IN (1, 2))");
  CHECK(bind_case(list(op(">", x(), i4(0))), list(lit("p")), lit("n"), 1)->to_string() ==
        "CASE WHEN (x > 0) THEN 'p'::text ELSE 'n'::text END");
  CHECK(fn("coalesce", asset(), lit("z"))->to_string() == "COALESCE(asset, 'z'::text)");
  CHECK(op(">", col(1, Type::timestamp(), "ts"), lit("2026-11-20 10:00:00"))->to_string() ==
        "(ts > '2026-11-20 10:00:00'::timestamp without time zone)");
  CHECK(lit("it's")->to_string() == "'it''s'");
}

TEST_CASE("default column names follow PostgreSQL", "[expr][names]") {
  CHECK(default_column_name(*asset()) == "asset");
  CHECK(default_column_name(*fn("lower", asset())) == "lower");
  CHECK(default_column_name(*fn("trim", asset())) == "btrim");
  CHECK(default_column_name(*op("+", cost(), i4(1))) == "?column?");
  CHECK(default_column_name(*i4(1)) == "?column?");
  CHECK(default_column_name(*boolean(true)) == "?column?");
  CHECK(default_column_name(*bind_cast(asset(), Type::text(), 1)) == "asset");
  CHECK(default_column_name(*bind_cast(lit("1"), Type::int32(), 1)) == "int4");
  CHECK(default_column_name(*bind_cast(bind_cast(lit("1"), Type::int32(), 1), Type::int64(), 1)) == "int8");
  CHECK(default_column_name(*bind_cast(op("+", cost(), i4(1)), Type::text(), 1)) == "text");
  CHECK(default_column_name(*bind_cast(fn("lower", asset()), Type::varchar(3), 1)) == "lower");
  CHECK(default_column_name(*bind_cast(fn("now"), Type::timestamp(), 1)) == "now");
  CHECK(default_column_name(*iv("1 day")) == "interval");
  CHECK(default_column_name(*fn("coalesce", asset(), lit("z"))) == "coalesce");
  CHECK(default_column_name(*bind_case(list(boolean(true)), list(i4(1)), nullptr, 1)) == "case");
  CHECK(default_column_name(*fn("greatest", i4(1), i4(2))) == "greatest");
  CHECK(default_column_name(*fn("nullif", i4(1), i4(2))) == "nullif");
  CHECK(default_column_name(*op("like", asset(), lit("a"))) == "?column?");
  CHECK(default_column_name(*fn("extract", lit("year"), ts("2026-01-01"))) == "extract");
  CHECK(default_column_name(*fn("round", op("*", x(), f8(2)))) == "round");  // implicit casts are invisible
}

TEST_CASE("clone is deep and evaluates the same", "[expr][eval]") {
  Batch b = clicks();
  auto e = bind_case(list(op("=", asset(), lit("a"))), list(op("*", cost(), i4(2))), i8(0), 1);
  auto copy = e->clone();
  CHECK(copy->to_string() == e->to_string());
  CHECK(copy->children[0].get() != e->children[0].get());
  CHECK(texts(evaluate(*copy, b)) == texts(evaluate(*e, b)));
  e.reset();
  CHECK(texts(evaluate(*copy, b)) == std::vector<std::string>{"58", "0", "0", "NULL"});
}
