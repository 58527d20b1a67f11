#include <regex>

#include "expr_test_util.h"

using namespace exprtest;

TEST_CASE("case, length and substring functions count UTF-8 characters", "[expr][string]") {
  CHECK(show(fn("lower", lit("ÀBC"))) == "àbc");
  CHECK(show(fn("upper", text("àbc"))) == "ÀBC");
  CHECK(show(fn("initcap", lit("hello wORLD foo-bar"))) == "Hello World Foo-Bar");
  CHECK(show(fn("initcap", lit("élan vital"))) == "Élan Vital");
  CHECK(eval(fn("length", lit("héllo"))).i == 5);
  CHECK(eval(fn("char_length", lit("héllo"))).i == 5);
  CHECK(eval(fn("character_length", lit("héllo"))).i == 5);
  CHECK(eval(fn("octet_length", lit("héllo"))).i == 6);
  CHECK(fn("length", lit("x"))->type == Type::int32());
  CHECK(show(fn("substr", lit("hello"), i4(0), i4(3))) == "he");
  CHECK(show(fn("substr", lit("hello"), i4(-1))) == "hello");
  CHECK(show(fn("substr", lit("hello"), i4(2))) == "ello");
  CHECK(show(fn("substring", lit("héllo"), i4(2), i4(2))) == "él");
  CHECK(show(fn("substr", lit("hello"), i4(10))) == "");
  REQUIRE_SQL_ERROR(eval(fn("substr", lit("hello"), i4(1), i4(-1))), "22011", "negative substring length not allowed");
  CHECK(eval(fn("position", lit("l"), lit("hello"))).i == 3);
  CHECK(eval(fn("strpos", lit("héllo"), lit("l"))).i == 3);
  CHECK(eval(fn("strpos", lit("hello"), lit("z"))).i == 0);
  CHECK(show(fn("reverse", lit("héllo"))) == "olléh");
}

TEST_CASE("padding, trimming and slicing", "[expr][string]") {
  CHECK(show(fn("left", lit("hello"), i4(-2))) == "hel");
  CHECK(show(fn("left", lit("hello"), i4(2))) == "he");
  CHECK(show(fn("right", lit("hello"), i4(-2))) == "llo");
  CHECK(show(fn("right", lit("hello"), i4(2))) == "lo");
  CHECK(show(fn("lpad", lit("hi"), i4(5), lit("xy"))) == "xyxhi");
  CHECK(show(fn("lpad", lit("hello"), i4(3))) == "hel");
  CHECK(show(fn("lpad", lit("é"), i4(3), lit("ab"))) == "abé");
  CHECK(show(fn("rpad", lit("hi"), i4(5))) == "hi   ");
  CHECK(show(fn("btrim", lit("  x  "))) == "x");
  CHECK(show(fn("trim", lit("xyaxy"), lit("xy"))) == "a");
  CHECK(fn("trim", lit(" a "))->name == "btrim");
  CHECK(show(fn("ltrim", lit("xxaxx"), lit("x"))) == "axx");
  CHECK(show(fn("rtrim", lit("xxaxx"), lit("x"))) == "xxa");
  CHECK(show(fn("split_part", lit("a,b,c"), lit(","), i4(2))) == "b");
  CHECK(show(fn("split_part", lit("a,b,c"), lit(","), i4(-1))) == "c");
  CHECK(show(fn("split_part", lit("a,b,c"), lit(","), i4(5))) == "");
  REQUIRE_SQL_ERROR(eval(fn("split_part", lit("a,b"), lit(","), i4(0))), "22023", "field position must not be zero");
  CHECK(show(fn("repeat", lit("ab"), i4(3))) == "ababab");
  CHECK(show(fn("repeat", lit("x"), i4(-1))) == "");
  CHECK(show(fn("replace", lit("abcabc"), lit("b"), lit("XY"))) == "aXYcaXYc");
  CHECK(show(fn("translate", lit("12345"), lit("143"), lit("ax"))) == "a2x5");
  CHECK(eval(fn("starts_with", lit("hello"), lit("he"))).i == 1);
  CHECK(show(fn("md5", lit("abc"))) == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(show(fn("chr", i4(233))) == "é");
  CHECK(eval(fn("ascii", lit("é"))).i == 233);
}

TEST_CASE("|| and concat", "[expr][string]") {
  CHECK(show(op("||", lit("a"), lit("b"))) == "ab");
  CHECK(op("||", lit("a"), lit("b"))->type == Type::text());
  CHECK(show(op("||", lit("x"), i4(1))) == "x1");
  CHECK(show(op("||", i4(1), lit("a"))) == "1a");
  CHECK(show(op("||", text("x"), boolean(true))) == "xtrue");  // through ::text, as PostgreSQL
  CHECK(eval(op("||", text("x"), typed_null(Type::text()))).is_null);
  REQUIRE_SQL_ERROR(op("||", i4(1), i4(2)), "42883", "operator does not exist: integer || integer");
  CHECK(show(fn("concat", lit("a"), i4(1), date("2026-01-01"), f8(1.5), null())) == "a12026-01-011.5");
  CHECK(show(fn("concat", boolean(true), lit("x"))) == "tx");  // output function: t
  CHECK(show(fn("concat_ws", lit("-"), lit("a"), null(), lit("b"))) == "a-b");
  CHECK(eval(fn("concat_ws", typed_null(Type::text()), lit("a"))).is_null);
}

TEST_CASE("string functions over a batch with NULLs", "[expr][string][null]") {
  Batch b = make_batch({Type::text(), Type::int32()},
                       {{Value::text("Alpha"), Value::int32(2)},
                        {Value::null(Type::text()), Value::int32(1)},
                        {Value::text("béta"), Value::null(Type::int32())}});
  CHECK(texts(evaluate(*fn("upper", col(0, Type::text())), b)) == std::vector<std::string>{"ALPHA", "NULL", "BÉTA"});
  CHECK(texts(evaluate(*fn("left", col(0, Type::text()), col(1, Type::int32())), b)) ==
        std::vector<std::string>{"Al", "NULL", "NULL"});
  CHECK(texts(evaluate(*op("||", col(0, Type::text()), lit("!")), b)) == std::vector<std::string>{"Alpha!", "NULL", "béta!"});
  CHECK(texts(evaluate(*fn("coalesce", col(0, Type::text()), lit("?")), b)) == std::vector<std::string>{"Alpha", "?", "béta"});
}

TEST_CASE("LIKE and ILIKE", "[expr][pattern]") {
  auto like = [](const char* s, const char* p) { return eval(op("like", lit(s), lit(p))).i == 1; };
  CHECK(like("abc", "a%"));
  CHECK(like("abc", "%c"));
  CHECK(like("abc", "%b%"));
  CHECK(like("abc", "abc"));
  CHECK_FALSE(like("abc", "ABC"));
  CHECK(like("abc", "a%c%"));
  CHECK(like("a_c", "a\\_c"));
  CHECK_FALSE(like("abc", "a\\_c"));
  CHECK(like("a%", "a\\%"));
  CHECK(like("é", "_"));
  CHECK(like("", "%"));
  CHECK_FALSE(like("", "_"));
  CHECK(like("mississippi", "%iss%ppi"));
  CHECK_FALSE(like("mississippi", "%iss%ppx"));
  CHECK(like("aXbXc", "a_b_c"));
  CHECK_FALSE(like("a", "a\\"));  // PostgreSQL: no error unless matching reaches the escape
  REQUIRE_SQL_ERROR(eval(op("like", lit("ab"), lit("a\\"))), "22025", "LIKE pattern must not end with escape character");
  CHECK(eval(op("ilike", lit("ÀB"), lit("àb"))).i == 1);
  CHECK(eval(op("ilike", lit("ABC"), lit("a%"))).i == 1);
  CHECK(eval(op("not like", lit("abc"), lit("a%"))).i == 0);
  CHECK(eval(op("not ilike", lit("abc"), lit("X%"))).i == 1);
  CHECK(eval(op("~~", lit("abc"), lit("a%"))).i == 1);
  CHECK(eval(op("!~~*", lit("abc"), lit("A%"))).i == 0);
  CHECK(eval(op("like", typed_null(Type::text()), lit("a"))).is_null);
  // ESCAPE as a third operand.
  CHECK(eval(bind_operator("like", list(lit("a%c"), lit("a!%c"), lit("!")), 1)).i == 1);
  CHECK(eval(bind_operator("like", list(lit("a\\c"), lit("a\\c"), lit("")), 1)).i == 1);
  REQUIRE_SQL_ERROR(eval(bind_operator("like", list(lit("a"), lit("a"), lit("xy")), 1)), "22025", "invalid escape string");
  REQUIRE_SQL_ERROR(op("like", i4(1), lit("1")), "42883", "operator does not exist: integer ~~ unknown");
}

TEST_CASE("LIKE over a batch, constant and per-row patterns", "[expr][pattern]") {
  Batch b = make_batch({Type::text(), Type::text()}, {{Value::text("apple"), Value::text("a%")},
                                                      {Value::text("banana"), Value::text("%nan%")},
                                                      {Value::text("cherry"), Value::text("x%")},
                                                      {Value::null(Type::text()), Value::text("%")}});
  CHECK(texts(evaluate(*op("like", col(0, Type::text()), lit("%an%")), b)) == std::vector<std::string>{"f", "t", "f", "NULL"});
  CHECK(texts(evaluate(*op("like", col(0, Type::text()), col(1, Type::text())), b)) ==
        std::vector<std::string>{"t", "t", "f", "NULL"});
  CHECK(evaluate_filter(*op("not like", col(0, Type::text()), lit("b%")), b) == std::vector<uint32_t>{0, 2});
}

TEST_CASE("regular expression matches", "[expr][pattern]") {
  CHECK(eval(op("~", lit("abc"), lit("^a.c$"))).i == 1);
  CHECK(eval(op("~", lit("abc"), lit("B"))).i == 0);
  CHECK(eval(op("~*", lit("abc"), lit("B"))).i == 1);
  CHECK(eval(op("!~", lit("abc"), lit("b"))).i == 0);
  CHECK(eval(op("!~*", lit("abc"), lit("X"))).i == 1);
  CHECK(eval(op("~", lit("foo123"), lit("[0-9]+"))).i == 1);
  REQUIRE_SQL_ERROR(eval(op("~", lit("a"), lit("("))), "2201B",
                    std::string("invalid regular expression: ") + std::regex_error(std::regex_constants::error_paren).what());
  Batch b = make_batch({Type::text()}, {{Value::text("a1")}, {Value::text("bb")}, {Value::null(Type::text())}});
  CHECK(texts(evaluate(*op("~", col(0, Type::text()), lit("\\d")), b)) == std::vector<std::string>{"t", "f", "NULL"});
}
