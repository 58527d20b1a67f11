// The catalog functions and the reg* casts over a real catalog snapshot, with PostgreSQL 15's
// output (checked against a PostgreSQL 15 with the same tables).
#include "system_catalog_test_util.h"

#include "common/error.h"
#include "server/system_catalog/system_oids.h"
#include "engine/expr/special_forms.h"
#include "engine/expression.h"

using namespace syscat_test;
using namespace eddy::engine;

namespace {

BoundExprPtr lit(std::string s) { return make_unknown_literal(std::move(s)); }
BoundExprPtr oid(uint32_t x) { return make_constant(Value::make_int(Type::oid_type(), x)); }
BoundExprPtr i4(int64_t x) { return make_constant(Value::int32(x)); }
BoundExprPtr boolean(bool b) { return make_constant(Value::boolean(b)); }

std::vector<BoundExprPtr> args() { return {}; }
template <class... A>
std::vector<BoundExprPtr> args(BoundExprPtr first, A... rest) {
  std::vector<BoundExprPtr> v;
  v.push_back(std::move(first));
  for (auto& r : args(std::move(rest)...)) v.push_back(std::move(r));
  return v;
}

std::string show(const BoundExprPtr& e) {
  Value v = evaluate_constant(*e);
  return v.is_null ? "NULL" : format_value(v);
}
template <class... A>
std::string call(const char* name, A... a) {
  return show(bind_function(name, args(std::move(a)...), 1));
}
std::string cast_text(BoundExprPtr e) { return show(bind_cast(std::move(e), Type::text(), 1)); }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const SqlError& e) {
    return e.sqlstate() + " " + e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE("definitions of indexes, constraints and views") {
  Fixture f;
  ServerRelationProvider p(f.db, f.session);
  CatalogLookupScope scope(p.lookup());
  const uint32_t pairs = f.oid("pairs");
  const uint32_t index = syscat::primary_key_index_oid(pairs), constraint = syscat::primary_key_constraint_oid(pairs);
  CHECK(call("pg_get_indexdef", oid(index)) == "CREATE UNIQUE INDEX pairs_pkey ON public.pairs USING btree (a, \"B c\")");
  CHECK(call("pg_get_indexdef", oid(index), i4(0), boolean(true)) ==
        "CREATE UNIQUE INDEX pairs_pkey ON pairs USING btree (a, \"B c\")");
  CHECK(call("pg_get_indexdef", oid(index), i4(2), boolean(false)) == "\"B c\"");
  CHECK(call("pg_get_indexdef", oid(index), i4(3), boolean(false)) == "");
  CHECK(call("pg_get_indexdef", oid(pairs)) == "NULL");
  CHECK(call("pg_get_indexdef", oid(99999)) == "NULL");
  CHECK(call("pg_get_constraintdef", oid(constraint)) == "PRIMARY KEY (a, \"B c\")");
  CHECK(call("pg_get_constraintdef", oid(constraint), boolean(true)) == "PRIMARY KEY (a, \"B c\")");
  CHECK(call("pg_get_constraintdef", oid(99999)) == "NULL");
  CHECK(call("pg_get_viewdef", oid(f.oid("per_asset"))) == " SELECT asset, count(*) AS n FROM clicks GROUP BY asset;");
  CHECK(call("pg_get_viewdef", oid(pairs)) == "NULL");
  CHECK(call("pg_get_ruledef", oid(f.oid("per_asset")), boolean(true)) == "NULL");  // pg_rewrite is empty
  CHECK(call("pg_get_expr", lit("a + 1"), oid(pairs)) == "a + 1");
}

TEST_CASE("a view's definition is its query") {
  Fixture f;
  // The query starts at the AS that is a word of its own, outside quotes and the column list.
  f.run("CREATE MATERIALIZED VIEW \"as AS\" (\"as\", asset_n) /* AS */ as\n"
        "  SELECT asset AS \"as\", count(*) FROM clicks GROUP BY asset;");
  ServerRelationProvider p(f.db, f.session);
  CatalogLookupScope scope(p.lookup());
  CHECK(call("pg_get_viewdef", oid(f.oid("as AS"))) == " SELECT asset AS \"as\", count(*) FROM clicks GROUP BY asset;");
  CHECK(call("pg_get_viewdef", oid(f.oid("as AS")), boolean(true)) ==
        " SELECT asset AS \"as\", count(*) FROM clicks GROUP BY asset;");
}

TEST_CASE("visibility, identity and privileges") {
  Fixture f;
  ServerRelationProvider p(f.db, f.session);
  CatalogLookupScope scope(p.lookup());
  CHECK(call("pg_table_is_visible", oid(f.oid("prices"))) == "t");
  CHECK(call("pg_table_is_visible", oid(1259)) == "t");
  CHECK(call("pg_table_is_visible", oid(13425)) == "f");  // information_schema.tables
  CHECK(call("pg_table_is_visible", oid(1000)) == "f");   // eddy_catalog.eddy_dead_letters
  CHECK(call("pg_table_is_visible", oid(99999)) == "NULL");
  CHECK(call("pg_type_is_visible", oid(23)) == "t");
  CHECK(call("pg_type_is_visible", oid(99999)) == "NULL");
  CHECK(call("pg_function_is_visible", oid(1397)) == "t");  // abs(integer)
  CHECK(call("current_user") == "eddy");
  CHECK(call("session_user") == "eddy");
  CHECK(call("current_database") == "eddy");
  CHECK(call("current_schema") == "public");
  CHECK(call("current_schemas", boolean(true)) == "{pg_catalog,public}");
  CHECK(call("current_schemas", boolean(false)) == "{public}");
  CHECK(call("current_setting", lit("search_path")) == "\"$user\", public");
  CHECK(call("current_setting", lit("timezone")) == "UTC");
  CHECK(call("current_setting", lit("nope"), boolean(true)) == "NULL");
  CHECK(error_of([&] { call("current_setting", lit("nope")); }) ==
        "42704 unrecognized configuration parameter \"nope\"");
  CHECK(call("pg_get_userbyid", oid(10)) == "eddy");
  CHECK(call("pg_get_userbyid", oid(999)) == "unknown (OID=999)");
  CHECK(call("has_table_privilege", lit("prices"), lit("select")) == "t");
  CHECK(call("has_table_privilege", lit("eddy"), lit("public.prices"), lit("SELECT, INSERT WITH GRANT OPTION")) == "t");
  CHECK(call("has_table_privilege", oid(99999), lit("select")) == "NULL");
  CHECK(error_of([&] { call("has_table_privilege", lit("nope"), lit("select")); }) ==
        "42P01 relation \"nope\" does not exist");
  CHECK(error_of([&] { call("has_table_privilege", lit("prices"), lit("selectx")); }) ==
        "22023 unrecognized privilege type: \"selectx\"");
  CHECK(error_of([&] { call("has_table_privilege", lit("nobody"), lit("prices"), lit("select")); }) ==
        "42704 role \"nobody\" does not exist");
  CHECK(call("has_schema_privilege", lit("public"), lit("usage")) == "t");
  CHECK(error_of([&] { call("has_schema_privilege", lit("nope"), lit("usage")); }) ==
        "3F000 schema \"nope\" does not exist");
  CHECK(call("has_database_privilege", lit("eddy"), lit("connect")) == "t");
  CHECK(error_of([&] { call("has_database_privilege", lit("nope"), lit("connect")); }) ==
        "3D000 database \"nope\" does not exist");
  CHECK(call("has_column_privilege", lit("prices"), lit("label"), lit("select")) == "t");
  CHECK(error_of([&] { call("has_column_privilege", lit("prices"), lit("nope"), lit("select")); }) ==
        "42703 column \"nope\" of relation \"prices\" does not exist");
  CHECK(call("has_any_column_privilege", lit("prices"), lit("update")) == "t");
  CHECK(call("has_function_privilege", lit("abs(integer)"), lit("execute")) == "t");
  CHECK(error_of([&] { call("has_function_privilege", lit("nope()"), lit("execute")); }) ==
        "42883 function \"nope()\" does not exist");
}

TEST_CASE("reg* values read and print names") {
  Fixture f;
  ServerRelationProvider p(f.db, f.session);
  CatalogLookupScope scope(p.lookup());
  const Type regclass(TypeId::RegClass);
  CHECK(show(bind_cast(lit("pg_class"), regclass, 1)) == "1259");
  CHECK(cast_text(bind_cast(lit("pg_class"), regclass, 1)) == "pg_class");
  CHECK(cast_text(bind_cast(oid(f.oid("prices")), regclass, 1)) == "prices");
  CHECK(cast_text(bind_cast(oid(13425), regclass, 1)) == "information_schema.tables");
  CHECK(cast_text(bind_cast(oid(1000), regclass, 1)) == "eddy_catalog.eddy_dead_letters");
  CHECK(cast_text(bind_cast(oid(99999), regclass, 1)) == "99999");
  CHECK(cast_text(bind_cast(oid(0), regclass, 1)) == "-");
  CHECK(error_of([&] { bind_cast(lit("nope"), regclass, 1); }) == "42P01 relation \"nope\" does not exist");
  CHECK(cast_text(bind_cast(oid(1043), Type(TypeId::RegType), 1)) == "character varying");
  CHECK(cast_text(bind_cast(lit("_int4"), Type(TypeId::RegType), 1)) == "integer[]");
  CHECK(cast_text(bind_cast(oid(750), Type(TypeId::RegProc), 1)) == "array_in");
  CHECK(cast_text(bind_cast(oid(1397), Type(TypeId::RegProc), 1)) == "pg_catalog.abs");
  CHECK(cast_text(bind_cast(oid(2200), Type(TypeId::RegNamespace), 1)) == "public");
  CHECK(reg_text(regclass, f.oid("pairs")) == "pairs");
  Column column(regclass);
  column.append_int(1259);
  column.append_null();
  column.append_int(f.oid("prices"));
  auto text = reg_column_as_text(column);
  REQUIRE(text);
  CHECK(text->type() == Type::text());
  CHECK(text->strings()[0] == "pg_class");
  CHECK(text->is_null(1));
  CHECK(text->strings()[2] == "prices");
  CHECK_FALSE(reg_column_as_text(Column(Type::oid_type())));
  CHECK(call("to_regclass", lit("nope")) == "NULL");
  CHECK(call("to_regclass", lit("pg_roles")) == "12000");
  CHECK(call("to_regtype", lit("bigint")) == "20");
  CHECK(call("to_regnamespace", lit("information_schema")) == "13207");
}

TEST_CASE("catalog functions need the catalog") {
  CHECK(current_catalog_lookup() == nullptr);
  CHECK(error_of([&] { call("pg_table_is_visible", oid(1259)); }) ==
        "0A000 pg_table_is_visible needs the catalog, which is not available here");
  CHECK(reg_text(Type(TypeId::RegClass), 1259) == "1259");  // no names without the catalog
  CHECK(reg_text(Type(TypeId::RegType), 23) == "integer");  // types need no catalog
}
