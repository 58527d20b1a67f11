#include "expr_test_util.h"

using namespace exprtest;

TEST_CASE("timestamp +/- interval: months through the calendar, then days, then time", "[expr][datetime]") {
  CHECK(show(op("+", ts("2026-01-31 10:00"), iv("1 month"))) == "2026-02-28 10:00:00");
  CHECK(show(op("+", ts("2024-02-29"), iv("1 year"))) == "2025-02-28 00:00:00");
  CHECK(show(op("+", ts("2026-01-31"), iv("1 mon 1 day 01:00"))) == "2026-03-01 01:00:00");
  CHECK(show(op("-", ts("2026-03-31"), iv("1 month"))) == "2026-02-28 00:00:00");
  CHECK(show(op("+", iv("10 seconds"), ts("2026-11-20 10:00:00"))) == "2026-11-20 10:00:10");
  CHECK(op("+", tstz("2026-01-01 00:00:00+00"), iv("1 hour"))->type == Type::timestamptz());
  CHECK(show(op("-", ts("2026-11-20 10:00:00"), iv("10 seconds"))) == "2026-11-20 09:59:50");
  REQUIRE_SQL_ERROR(eval(op("+", ts("200000-01-01"), iv("100000 years"))), "22008", "timestamp out of range");
}

TEST_CASE("timestamp - timestamp is days and time, never months", "[expr][datetime]") {
  CHECK(show(op("-", ts("2026-11-21 10:00"), ts("2026-11-20 08:00"))) == "1 day 02:00:00");
  CHECK(show(op("-", ts("2026-11-20 08:00"), ts("2026-11-21 10:00"))) == "-1 days -02:00:00");
  CHECK(show(op("-", ts("2026-11-20 10:00"), date("2026-11-19"))) == "1 day 10:00:00");
  CHECK(show(op("-", ts("2026-03-01"), ts("2026-01-01"))) == "59 days");
  CHECK(op("-", tstz("2026-01-02 00:00+00"), ts("2026-01-01"))->type == Type::interval());
}

TEST_CASE("date arithmetic", "[expr][datetime]") {
  CHECK(show(op("+", date("2026-01-31"), i4(1))) == "2026-02-01");
  CHECK(show(op("+", i4(5), date("2026-11-20"))) == "2026-11-25");
  CHECK(show(op("-", date("2026-11-20"), i4(5))) == "2026-11-15");
  CHECK(op("-", date("2026-11-20"), i4(5))->type == Type::date());
  CHECK(eval(op("-", date("2026-03-01"), date("2026-02-01"))).i == 28);
  CHECK(op("-", date("2026-03-01"), date("2026-02-01"))->type == Type::int32());
  CHECK(show(op("+", date("2026-01-31"), iv("1 month"))) == "2026-02-28 00:00:00");
  CHECK(op("+", date("2026-01-31"), iv("1 month"))->type == Type::timestamp());
  CHECK(show(op("+", iv("1 day"), date("2026-11-20"))) == "2026-11-21 00:00:00");
  CHECK(eval(op("-", date("2026-11-20"), lit("2026-11-01"))).i == 19);  // unknown -> date
  REQUIRE_SQL_ERROR(op("+", date("2026-11-20"), lit("1 day")), "42725", "operator is not unique: date + unknown");
  REQUIRE_SQL_ERROR(op("+", date("2026-11-20"), date("2026-11-20")), "42883", "operator does not exist: date + date");
}

TEST_CASE("interval arithmetic", "[expr][datetime]") {
  CHECK(show(op("+", iv("1 day"), iv("25 hours"))) == "1 day 25:00:00");
  CHECK(show(op("-", iv("2 hours"), iv("3 hours"))) == "-01:00:00");
  CHECK(show(op("*", iv("1 month 3 days"), num(1.5))) == "1 mon 19 days 12:00:00");
  CHECK(show(op("*", iv("1 hour"), i4(2))) == "02:00:00");
  CHECK(show(op("*", i4(2), iv("1 mon"))) == "2 mons");
  CHECK(show(op("*", iv("10 days"), f8(0.1))) == "1 day");
  CHECK(show(op("/", iv("1 day"), i4(3))) == "08:00:00");
  CHECK(show(op("/", iv("1 mon"), i4(2))) == "15 days");
  REQUIRE_SQL_ERROR(eval(op("/", iv("1 day"), i4(0))), "22012", "division by zero");
  CHECK(show(op("+", ts("2026-11-20 10:00"), lit("1 hour"))) == "2026-11-20 11:00:00");  // unknown -> interval
  CHECK(eval(op("-", ts("2026-11-20 10:00"), lit("2026-11-20 09:00"))).iv.micros == 3600000000LL);
}

TEST_CASE("extract returns numeric, date_part double precision", "[expr][datetime][extract]") {
  auto x = [](const char* field, BoundExprPtr src) { return fn("extract", lit(field), std::move(src)); };
  CHECK(x("year", ts("2026-11-20"))->type == Type::numeric());
  CHECK(fn("date_part", lit("year"), ts("2026-11-20"))->type == Type::float64());
  CHECK(eval(x("second", ts("2026-11-20 10:11:12.5"))).f == 12.5);
  CHECK(eval(x("epoch", ts("2026-11-20 10:11:12.5"))).f == 1795169472.5);
  CHECK(eval(x("dow", ts("2026-11-22"))).f == 0);
  CHECK(eval(x("isodow", ts("2026-11-22"))).f == 7);
  CHECK(eval(x("doy", ts("2026-11-22"))).f == 326);
  CHECK(eval(x("week", ts("2026-01-01"))).f == 1);
  CHECK(eval(x("week", date("2027-01-01"))).f == 53);
  CHECK(eval(x("isoyear", date("2027-01-01"))).f == 2026);
  CHECK(eval(x("quarter", ts("2026-11-22"))).f == 4);
  CHECK(eval(x("decade", ts("2026-11-22"))).f == 202);
  CHECK(eval(x("century", ts("2026-11-22"))).f == 21);
  CHECK(eval(x("millennium", ts("2026-11-22"))).f == 3);
  CHECK(eval(x("milliseconds", ts("2026-11-20 10:11:12.5"))).f == 12500);
  CHECK(eval(x("microsecond", ts("2026-11-20 10:11:12.5"))).f == 12500000);
  CHECK(eval(x("MINUTE", ts("2026-11-20 10:11:12"))).f == 11);
  CHECK(eval(x("hour", ts("1969-12-31 23:00"))).f == 23);
  CHECK(eval(x("julian", ts("2026-11-20 12:00"))).f == 2461365.5);
  CHECK(eval(x("timezone", tstz("2026-01-01 00:00+00"))).f == 0);
  CHECK(eval(x("year", date("2026-11-20"))).f == 2026);
  CHECK(eval(x("epoch", date("2026-11-20"))).f == 1795132800);
  CHECK(eval(fn("date_part", lit("hour"), date("2026-11-20"))).f == 0);
  CHECK(eval(fn("date_part", lit("second"), ts("2026-11-20 10:11:12.5"))).f == 12.5);
}

TEST_CASE("extract from intervals", "[expr][datetime][extract]") {
  auto x = [](const char* field, const char* v) { return eval(fn("extract", lit(field), iv(v))).f; };
  CHECK(x("epoch", "1 year 1 mon 1 day 1 hour") == 34239600);
  CHECK(x("year", "14 months") == 1);
  CHECK(x("month", "14 months") == 2);
  CHECK(x("second", "1 min 2.5 sec") == 2.5);
  CHECK(x("hour", "-26 hours") == -26);
  CHECK(x("quarter", "14 months") == 1);
  CHECK(x("century", "250 years") == 2);
  CHECK(x("day", "3 days 04:00") == 3);
}

TEST_CASE("extract errors name the unit and the type", "[expr][datetime][extract][error]") {
  REQUIRE_SQL_ERROR(eval(fn("extract", lit("hour"), date("2026-11-20"))), "0A000", "unit \"hour\" not supported for type date");
  REQUIRE_SQL_ERROR(eval(fn("extract", lit("foo"), ts("2026-11-20"))), "22023",
                    "unit \"foo\" not recognized for type timestamp without time zone");
  REQUIRE_SQL_ERROR(eval(fn("extract", lit("dow"), iv("1 day"))), "0A000", "unit \"dow\" not supported for type interval");
  REQUIRE_SQL_ERROR(eval(fn("extract", lit("timezone"), ts("2026-01-01"))), "0A000",
                    "unit \"timezone\" not supported for type timestamp without time zone");
}

TEST_CASE("date_trunc", "[expr][datetime][trunc]") {
  auto t = [](const char* unit, const char* v) { return show(fn("date_trunc", lit(unit), ts(v))); };
  CHECK(t("week", "2026-11-22 10:11:12") == "2026-11-16 00:00:00");
  CHECK(t("quarter", "2026-11-22 10:11") == "2026-10-01 00:00:00");
  CHECK(t("decade", "2026-11-22") == "2020-01-01 00:00:00");
  CHECK(t("century", "2026-11-22") == "2001-01-01 00:00:00");
  CHECK(t("millennium", "2026-11-22") == "2001-01-01 00:00:00");
  CHECK(t("HOUR", "2026-11-22 10:11:12.5") == "2026-11-22 10:00:00");
  CHECK(t("hours", "2026-11-22 10:11:12.5") == "2026-11-22 10:00:00");
  CHECK(t("minute", "1969-12-31 23:59:59.5") == "1969-12-31 23:59:00");
  CHECK(t("milliseconds", "2026-11-22 10:11:12.123456") == "2026-11-22 10:11:12.123");
  CHECK(t("month", "2026-11-22 10:11:12") == "2026-11-01 00:00:00");
  CHECK(t("year", "2026-11-22 10:11:12") == "2026-01-01 00:00:00");
  CHECK(show(fn("date_trunc", lit("day"), tstz("2026-11-22 10:11:12+00"))) == "2026-11-22 00:00:00+00");
  CHECK(fn("date_trunc", lit("month"), date("2026-11-22"))->type == Type::timestamptz());  // as in PostgreSQL
  CHECK(show(fn("date_trunc", lit("hour"), iv("1 day 02:03:04"))) == "1 day 02:00:00");
  CHECK(show(fn("date_trunc", lit("year"), iv("14 months 3 days"))) == "1 year");
  REQUIRE_SQL_ERROR(eval(fn("date_trunc", lit("foo"), ts("2026-11-20"))), "22023",
                    "unit \"foo\" not recognized for type timestamp without time zone");
  REQUIRE_SQL_ERROR(eval(fn("date_trunc", lit("dow"), ts("2026-11-20"))), "22023",
                    "unit \"dow\" not recognized for type timestamp without time zone");
}

TEST_CASE("date_trunc over a column with a constant unit", "[expr][datetime][trunc]") {
  Batch b = make_batch({Type::timestamp()}, {{Value::timestamp(parse_timestamp("2026-11-20 10:59:59"))},
                                             {Value::null(Type::timestamp())},
                                             {Value::timestamp(parse_timestamp("2026-11-20 11:00:00"))}});
  auto e = fn("date_trunc", lit("hour"), col(0, Type::timestamp(), "ts"));
  CHECK(texts(evaluate(*e, b)) ==
        std::vector<std::string>{"2026-11-20 10:00:00", "NULL", "2026-11-20 11:00:00"});
}

TEST_CASE("make_interval", "[expr][datetime]") {
  CHECK(show(fn("make_interval", i4(1), i4(2), i4(1), i4(3), i4(4), i4(5), num(6.5))) == "1 year 2 mons 10 days 04:05:06.5");
  CHECK(show(fn("make_interval", i4(0), i4(0), i4(0), i4(2))) == "2 days");
  CHECK(show(fn("make_interval")) == "00:00:00");
  CHECK(eval(fn("make_interval", i4(1), typed_null(Type::int32()))).is_null);
}

TEST_CASE("clock functions and to_timestamp", "[expr][datetime][clock]") {
  {
    StatementTimeScope pin(parse_timestamp("2026-11-20 10:00:00"));
    auto now = fn("now");
    CHECK(now->kind == BoundKind::Constant);
    CHECK(now->type == Type::timestamptz());
    CHECK(show(now) == "2026-11-20 10:00:00+00");
    CHECK(default_column_name(*now) == "now");
    CHECK(eval(fn("now")).i == eval(fn("current_timestamp")).i);
    CHECK(show(fn("current_date")) == "2026-11-20");
    CHECK(fn("localtimestamp")->type == Type::timestamp());
    CHECK(default_column_name(*fn("current_date")) == "current_date");
  }
  const int64_t before = now_micros();
  const int64_t got = eval(fn("now")).i;
  CHECK(got >= before);
  CHECK(show(fn("to_timestamp", num(1795169472.5))) == "2026-11-20 10:11:12.5+00");
  CHECK(fn("to_timestamp", i4(0))->type == Type::timestamptz());
  REQUIRE_SQL_ERROR(fn("now", i4(1)), "42883", "function now(integer) does not exist");
}
