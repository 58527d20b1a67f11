// Catalog functions that need no catalog state (format_type, quoting, format(), encodings,
// array functions) and the function catalog (pg_proc / pg_operator listings), with
// PostgreSQL 15's results.
#include "expr_test_util.h"

#include <set>

#include "engine/aggregate_spec.h"
#include "engine/catalog_lookup.h"
#include "engine/function_catalog.h"

using namespace exprtest;

namespace {

BoundExprPtr oid(uint32_t x) { return make_constant(Value::make_int(Type::oid_type(), x)); }
BoundExprPtr array(const char* text, Type element) { return bind_cast(lit(text), Type::array_of(element), 0); }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const SqlError& e) {
    return e.sqlstate() + " " + e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE("format_type prints type names as PostgreSQL does") {
  CHECK(show(fn("format_type", oid(23), null())) == "integer");
  CHECK(show(fn("format_type", oid(1043), i4(14))) == "character varying(10)");
  CHECK(show(fn("format_type", oid(1043), i4(-1))) == "character varying");
  CHECK(show(fn("format_type", oid(1043), i4(4))) == "character varying");
  CHECK(show(fn("format_type", oid(1015), i4(14))) == "character varying(10)[]");
  CHECK(show(fn("format_type", oid(1009), null())) == "text[]");
  CHECK(show(fn("format_type", oid(1114), null())) == "timestamp without time zone");
  CHECK(show(fn("format_type", oid(1114), i4(3))) == "timestamp(3) without time zone");
  CHECK(show(fn("format_type", oid(1184), i4(0))) == "timestamp(0) with time zone");
  CHECK(show(fn("format_type", oid(1700), i4(655366))) == "numeric(10,2)");
  CHECK(show(fn("format_type", oid(1700), i4(4 + (5 << 16) + 2045))) == "numeric(5,-3)");
  CHECK(show(fn("format_type", oid(1700), i4(-1))) == "numeric");
  CHECK(show(fn("format_type", oid(1186), i4(((1 << 10) | (1 << 11) | (1 << 12)) << 16 | 3))) ==
        "interval hour to second(3)");
  CHECK(show(fn("format_type", oid(18), null())) == "\"char\"");
  CHECK(show(fn("format_type", oid(1002), null())) == "\"char\"[]");
  CHECK(show(fn("format_type", oid(19), i4(5))) == "name(5)");
  CHECK(show(fn("format_type", oid(23), i4(5))) == "integer");
  CHECK(show(fn("format_type", oid(0), null())) == "-");
  CHECK(show(fn("format_type", oid(99999), null())) == "???");
  CHECK(show(fn("format_type", null(), i4(1))) == "NULL");
  CHECK(error_of([] { show(fn("format_type", oid(1186), i4(3))); }) == "XX000 invalid INTERVAL typmod: 0x3");
}

TEST_CASE("quote_ident, quote_literal, quote_nullable") {
  CHECK(show(fn("quote_ident", lit("clicks"))) == "clicks");
  CHECK(show(fn("quote_ident", lit("Foo"))) == "\"Foo\"");
  CHECK(show(fn("quote_ident", lit("select"))) == "\"select\"");
  CHECK(show(fn("quote_ident", lit("a\"b"))) == "\"a\"\"b\"");
  CHECK(show(fn("quote_ident", lit(""))) == "\"\"");
  CHECK(show(fn("quote_literal", lit("it's"))) == "'it''s'");
  CHECK(show(fn("quote_literal", lit("a\\b"))) == "E'a\\\\b'");
  CHECK(show(fn("quote_literal", i4(42))) == "'42'");
  CHECK(show(fn("quote_literal", null())) == "NULL");
  CHECK(show(fn("quote_nullable", null())) == "NULL");
  CHECK(eval(fn("quote_nullable", null())).is_null == false);
}

TEST_CASE("format() with %s %I %L %%, positions and widths") {
  CHECK(show(fn("format", lit("%s|%I|%L|%%|%L"), lit("x"), lit("Foo Bar"), lit("it's"), null())) ==
        "x|\"Foo Bar\"|'it''s'|%|NULL");
  CHECK(show(fn("format", lit("%2$s %1$s"), lit("a"), lit("b"))) == "b a");
  CHECK(show(fn("format", lit("%3$s|%1$s|%s"), lit("a"), lit("b"), lit("c"))) == "c|a|b");
  CHECK(show(fn("format", lit("%-5s|%5s|"), lit("ab"), lit("cd"))) == "ab   |   cd|");
  CHECK(show(fn("format", lit("%*s|%-*s|"), i4(5), lit("x"), i4(5), lit("y"))) == "    x|y    |");
  CHECK(show(fn("format", lit("%s|%s"), boolean(true), i4(7))) == "t|7");
  CHECK(show(fn("format", null())) == "NULL");
  CHECK(show(fn("format", lit("%s"), null())) == "");
  CHECK(error_of([] { show(fn("format", lit("%s %s"), i4(1))); }) == "22023 too few arguments for format()");
  CHECK(error_of([] { show(fn("format", lit("%q"), i4(1))); }) == "22023 unrecognized format() type specifier \"q\"");
  CHECK(error_of([] { show(fn("format", lit("%"), i4(1))); }) == "22023 unterminated format() type specifier");
  CHECK(error_of([] { show(fn("format", lit("%0$s"), i4(1))); }) ==
        "22023 format specifies argument 0, but arguments are numbered from 1");
  CHECK(error_of([] { show(fn("format", lit("%I"), null())); }) ==
        "22004 null values cannot be formatted as an SQL identifier");
}

TEST_CASE("encodings and session-free functions") {
  CHECK(show(fn("pg_encoding_to_char", i4(6))) == "UTF8");
  CHECK(show(fn("pg_encoding_to_char", i4(0))) == "SQL_ASCII");
  CHECK(show(fn("pg_encoding_to_char", i4(41))) == "SHIFT_JIS_2004");
  CHECK(show(fn("pg_encoding_to_char", i4(42))) == "");
  CHECK(show(fn("pg_encoding_to_char", i4(-1))) == "");
  CHECK(show(fn("pg_char_to_encoding", lit("utf8"))) == "6");
  CHECK(show(fn("pg_char_to_encoding", lit("nope"))) == "-1");
  CHECK(show(fn("obj_description", oid(1259))) == "NULL");
  CHECK(show(fn("obj_description", oid(1259), lit("pg_class"))) == "NULL");
  CHECK(show(fn("col_description", oid(1259), i4(1))) == "NULL");
  CHECK(show(fn("shobj_description", oid(10), lit("pg_authid"))) == "NULL");
  CHECK(show(fn("pg_is_in_recovery")) == "f");
  CHECK(show(fn("pg_relation_is_publishable", oid(1259))) == "f");
  CHECK(show(fn("pg_get_statisticsobjdef_columns", oid(1259))) == "NULL");
  CHECK(show(fn("pg_my_temp_schema")) == "0");
  CHECK(eval(fn("txid_current")).i > 0);
}

TEST_CASE("array functions over one-dimensional arrays") {
  const Type i = Type::int32(), t = Type::text();
  CHECK(show(fn("array_to_string", array("{1,NULL,3}", i), lit(","))) == "1,3");
  CHECK(show(fn("array_to_string", array("{1,NULL,3}", i), lit(","), lit("*"))) == "1,*,3");
  CHECK(show(fn("array_to_string", array("{\"a b\",NULL,c}", t), lit("-"), lit("?"))) == "a b-?-c");
  CHECK(show(fn("array_to_string", array("{1,2}", i), null())) == "NULL");
  CHECK(show(fn("array_upper", array("{1,2}", i), i4(1))) == "2");
  CHECK(show(fn("array_upper", array("{1,2}", i), i4(2))) == "NULL");
  CHECK(show(fn("array_upper", array("{}", i), i4(1))) == "NULL");
  CHECK(show(fn("array_lower", array("{5}", i), i4(1))) == "1");
  CHECK(show(fn("array_length", array("{1,2,3}", i), i4(1))) == "3");
  CHECK(show(fn("array_length", array("{}", i), i4(1))) == "NULL");
  CHECK(show(fn("cardinality", array("{}", i))) == "0");
  CHECK(show(fn("cardinality", array("{1,2}", i))) == "2");
  CHECK(show(fn("array_ndims", array("{}", i))) == "NULL");
  CHECK(show(fn("array_ndims", array("{7}", i))) == "1");
  CHECK(show(fn("array_dims", array("{1,2}", i))) == "[1:2]");
  CHECK(show(fn("array_dims", bind_cast(lit("1 2"), Type(TypeId::Int2Vector), 0))) == "[0:1]");
  CHECK(show(fn("array_lower", bind_cast(lit("1 2"), Type(TypeId::Int2Vector), 0), i4(1))) == "0");
  CHECK(show(fn("array_upper", bind_cast(lit("1 2"), Type(TypeId::Int2Vector), 0), i4(1))) == "1");
  CHECK(show(fn("array_position", array("{1,NULL,3}", i), null())) == "2");
  CHECK(show(fn("array_position", array("{a,b}", t), lit("b"))) == "2");
  CHECK(show(fn("array_position", array("{1,2,1}", i), i4(1), i4(2))) == "3");
  CHECK(show(fn("array_position", array("{1,2}", i), i4(9))) == "NULL");
  CHECK(show(fn("array_position", array("{1,2}", Type::int64()), i4(2))) == "2");
  CHECK(show(fn("array_remove", array("{1,2,1,NULL}", i), i4(1))) == "{2,NULL}");
  CHECK(show(fn("array_remove", array("{1,NULL}", i), null())) == "{1}");
  CHECK(show(fn("array_remove", array("{\"a b\",c}", t), lit("c"))) == "{\"a b\"}");
  CHECK(error_of([] { fn("array_length", lit("{1}"), i4(1)); }).rfind("42883", 0) == 0);
  CHECK(error_of([] { fn("cardinality", i4(1)); }).rfind("42883", 0) == 0);
}

TEST_CASE("name matches LIKE and regular expressions, as psql's patterns need") {
  auto name = [](const char* s) { return bind_cast(lit(s), Type::name(), 0); };
  CHECK(show(op("~~", name("prices"), lit("pr%"))) == "t");
  CHECK(show(op("~", name("prices"), lit("^(prices)$"))) == "t");
  CHECK(show(op("!~", name("pg_toast"), lit("^pg_toast"))) == "f");
}

TEST_CASE("every function pg_proc lists binds with its argument types and result type") {
  std::set<uint32_t> oids;
  for (const FunctionInfo& f : list_functions()) {
    INFO(f.name << " oid " << f.oid << " with " << f.args.size() << " arguments");
    CHECK(oids.insert(f.oid).second);
    if (f.kind == 'a') {
      auto spec = resolve_aggregate(f.name, f.args.empty(), f.args.empty() ? Type::null() : f.args[0], 0);
      REQUIRE(spec);
      CHECK(spec->result_type == f.result);
      continue;
    }
    std::vector<BoundExprPtr> args;
    for (size_t k = 0; k < f.args.size(); ++k) args.push_back(col(static_cast<int>(k), f.args[k]));
    BoundExprPtr e = bind_function(f.name, std::move(args), 1);
    CHECK(e->type == f.result);
  }
  auto oid_of = [](const char* name, std::vector<Type> args) {
    for (const FunctionInfo& f : list_functions())
      if (f.name == name && f.args == args) return f.oid;
    return 0u;
  };
  CHECK(oid_of("abs", {Type::int32()}) == 1397);  // PostgreSQL's OIDs where PostgreSQL has the function
  CHECK(oid_of("length", {Type::text()}) == 1317);
  CHECK(oid_of("now", {}) == 1299);
  CHECK(oid_of("format_type", {Type::oid_type(), Type::int32()}) == 1081);
  CHECK(oid_of("quote_ident", {Type::text()}) == 1282);
  CHECK(oid_of("count", {}) == 2803);
  CHECK(oid_of("sum", {Type::int32()}) == 2108);
  CHECK(oid_of("cardinality", {Type::array_of(Type::int32())}) >= kGeneratedFunctionOids);
  CHECK(oid_of("coalesce", {}) == 0);  // syntax, not a function
}

TEST_CASE("every operator pg_operator lists binds with its operand types and result type") {
  std::set<uint32_t> oids;
  for (const OperatorInfo& o : list_operators()) {
    INFO(o.name << " " << o.left.sql_name() << " " << o.right.sql_name());
    CHECK(oids.insert(o.oid).second);
    std::vector<BoundExprPtr> args;
    if (o.left.id != TypeId::Null) args.push_back(col(0, o.left));
    args.push_back(col(1, o.right));
    CHECK(bind_operator(o.name, std::move(args), 1)->type == o.result);
  }
  auto find = [](const char* name, Type l, Type r) -> const OperatorInfo* {
    for (const OperatorInfo& o : list_operators())
      if (o.name == name && o.left == l && o.right == r) return &o;
    return nullptr;
  };
  const OperatorInfo* eq = find("=", Type::int32(), Type::int32());
  REQUIRE(eq != nullptr);
  CHECK(eq->oid == 96);
  CHECK(eq->code == 65);  // int4eq
  CHECK(eq->commutator == 96);
  CHECK(eq->negator == 518);
  CHECK(function_name(65) == "int4eq");
  REQUIRE(find("~~", Type::text(), Type::text()) != nullptr);
  CHECK(find("~~", Type::text(), Type::text())->oid == 1209);
  CHECK(find("+", Type::int32(), Type::int32())->oid == 551);
  REQUIRE(find("-", Type::null(), Type::int64()) != nullptr);  // prefix minus
  CHECK(find("+", Type::text(), Type::text()) == nullptr);
}

TEST_CASE("regproc names: type support functions and listed functions") {
  CHECK(function_name(750) == "array_in");
  CHECK(function_name(42) == "int4in");
  CHECK(function_name(1397) == "abs");
  CHECK(function_name(999999) == std::nullopt);
  CHECK(function_oids("array_in") == std::vector<uint32_t>{750});
  CHECK(function_oids("abs").size() > 1);
  CHECK(reg_text(Type(TypeId::RegProc), 750) == "array_in");
  CHECK(reg_text(Type(TypeId::RegProc), 0) == "-");
  CHECK(reg_text(Type(TypeId::RegType), 1015) == "character varying[]");
  CHECK(reg_text(Type(TypeId::RegType), 99999) == "99999");
}
