// The system tables' rows for a database with a stream, two keyed tables and a materialized
// view: what psql, pgjdbc and psqlODBC read to list and describe relations.
#include "system_catalog_test_util.h"

#include "server/system_catalog/system_oids.h"

using namespace syscat_test;

namespace {
std::string n(uint32_t x) { return std::to_string(x); }
}  // namespace

TEST_CASE("pg_class lists Eddy's relations, their keys' indexes and the system tables") {
  Fixture f;
  auto model = f.model();
  auto rows = rows_of("pg_catalog", "pg_class", *model);
  // relname | relnamespace | relam | relhasindex | relkind | relnatts
  const std::vector<size_t> cols = {1, 2, 6, 13, 16, 17};
  CHECK(select(rows, 0, n(f.oid("clicks")), cols) == std::vector<std::string>{"clicks|2200|2|f|r|3"});
  CHECK(select(rows, 0, n(f.oid("prices")), cols) == std::vector<std::string>{"prices|2200|2|t|r|3"});
  CHECK(select(rows, 0, n(f.oid("per_asset")), cols) == std::vector<std::string>{"per_asset|2200|2|f|m|2"});
  CHECK(select(rows, 1, "prices_pkey", {0, 2, 6, 16, 17}) ==
        std::vector<std::string>{n(syscat::primary_key_index_oid(f.oid("prices"))) + "|2200|403|i|1"});
  CHECK(select(rows, 1, "eddy_dead_letters", {0, 2, 16}) == std::vector<std::string>{"1000|14000|r"});
  CHECK(select(rows, 1, "pg_class", {0, 2, 16, 17}) == std::vector<std::string>{"1259|11|r|33"});
  CHECK(select(rows, 1, "pg_roles", {0, 2, 6, 16}) == std::vector<std::string>{"12000|11|0|v"});
  CHECK(select(rows, 1, "tables", {0, 2, 16}) == std::vector<std::string>{"13425|13207|v"});
}

TEST_CASE("pg_attribute numbers the visible columns from 1 and leaves out the built-ins") {
  Fixture f;
  auto rows = rows_of("pg_catalog", "pg_attribute", *f.model());
  // attname | atttypid | attnum | atttypmod | attnotnull
  const std::vector<size_t> cols = {1, 2, 5, 8, 13};
  CHECK(select(rows, 0, n(f.oid("clicks")), cols) ==
        std::vector<std::string>{"asset|25|1|-1|f", "cost|20|2|-1|f", "ts|1114|3|-1|f"});
  CHECK(select(rows, 0, n(f.oid("prices")), cols) ==
        std::vector<std::string>{"asset|25|1|-1|t", "price|701|2|-1|f", "label|1043|3|14|f"});
  CHECK(select(rows, 0, n(syscat::primary_key_index_oid(f.oid("pairs"))), cols) ==
        std::vector<std::string>{"a|20|1|-1|t", "B c|25|2|-1|t"});
  CHECK(select(rows, 0, "1259", {1}).size() == 33);
}

TEST_CASE("pg_index and pg_constraint describe each primary key") {
  Fixture f;
  auto model = f.model();
  const uint32_t pairs = f.oid("pairs"), index = syscat::primary_key_index_oid(pairs);
  // indrelid | indnatts | indisunique | indisprimary | indkey | indcollation | indclass | indoption
  CHECK(select(rows_of("pg_catalog", "pg_index", *model), 0, n(index), {1, 2, 4, 6, 15, 16, 17, 18}) ==
        std::vector<std::string>{n(pairs) + "|2|t|t|1 2|0 100|3124 3126|0 0"});
  // conname | connamespace | contype | conrelid | conindid | conkey
  CHECK(select(rows_of("pg_catalog", "pg_constraint", *model), 0, n(syscat::primary_key_constraint_oid(pairs)),
               {1, 2, 3, 7, 9, 18}) ==
        std::vector<std::string>{"pairs_pkey|2200|p|" + n(pairs) + "|" + n(index) + "|{1,2}"});
  CHECK(rows_of("pg_catalog", "pg_constraint", *model).size() == 2);
  CHECK(select(rows_of("pg_catalog", "pg_indexes", *model), 1, "pairs", {0, 2, 4}) ==
        std::vector<std::string>{"public|pairs_pkey|CREATE UNIQUE INDEX pairs_pkey ON public.pairs USING btree (a, \"B c\")"});
}

TEST_CASE("pg_type has every type with PostgreSQL's OIDs and support functions") {
  Fixture f;
  auto rows = rows_of("pg_catalog", "pg_type", *f.model());
  // typname | typlen | typtype | typcategory | typsubscript | typelem | typarray | typinput | typoutput
  const std::vector<size_t> cols = {1, 4, 6, 7, 12, 13, 14, 15, 16};
  CHECK(select(rows, 0, "23", cols) == std::vector<std::string>{"int4|4|b|N|0|0|1007|42|43"});
  CHECK(select(rows, 0, "1007", cols) == std::vector<std::string>{"_int4|-1|b|A|6179|23|0|750|751"});
  CHECK(select(rows, 0, "1043", cols) == std::vector<std::string>{"varchar|-1|b|S|0|0|1015|1046|1047"});
  CHECK(select(rows, 0, "19", cols) == std::vector<std::string>{"name|64|b|S|6180|18|1003|34|35"});
  CHECK(select(rows, 0, "30", cols) == std::vector<std::string>{"oidvector|-1|b|A|6179|26|1013|54|55"});
  CHECK(select(rows, 0, "2281", cols) == std::vector<std::string>{"internal|8|p|P|0|0|0|0|0"});
  CHECK(select(rows, 0, "2278", cols) == std::vector<std::string>{"void|4|p|P|0|0|0|0|0"});
  // 23 base types, 21 arrays (none of int2vector / oidvector), void, 7 other pseudo-types
  CHECK(rows.size() == 52);
}

TEST_CASE("pg_namespace, pg_database, the roles and pg_settings") {
  Fixture f;
  auto model = f.model();
  CHECK(rows_of("pg_catalog", "pg_namespace", *model) ==
        std::vector<std::string>{"11|pg_catalog|10|NULL", "99|pg_toast|10|NULL", "2200|public|10|NULL",
                                 "13207|information_schema|10|NULL", "14000|eddy_catalog|10|NULL"});
  CHECK(select(rows_of("pg_catalog", "pg_database", *model), 0, "5", {1, 2, 3}) ==
        std::vector<std::string>{"eddy|10|6"});
  CHECK(rows_of("pg_catalog", "pg_roles", *model) ==
        std::vector<std::string>{"eddy|t|t|t|t|t|t|-1|********|NULL|t|NULL|10"});
  CHECK(rows_of("pg_catalog", "pg_user", *model).size() == 1);
  auto settings = rows_of("pg_catalog", "pg_settings", *model);
  // setting | unit | source
  CHECK(select(settings, 0, "max_index_keys", {1, 2, 8}) == std::vector<std::string>{"32|NULL|default"});
  CHECK(select(settings, 0, "max_identifier_length", {1}) == std::vector<std::string>{"63"});
  CHECK(select(settings, 0, "server_version_num", {1}) == std::vector<std::string>{"150000"});
  CHECK(select(settings, 0, "work_mem", {1, 2}) == std::vector<std::string>{"4096|kB"});
  CHECK(select(settings, 0, "is_superuser", {1}).empty());
  f.run("SET statement_timeout = '5s'");
  CHECK(select(rows_of("pg_catalog", "pg_settings", *f.model()), 0, "statement_timeout", {1, 2, 8, 13}) ==
        std::vector<std::string>{"5000|ms|session|0"});
}

TEST_CASE("pg_tables, pg_matviews and pg_views") {
  Fixture f;
  auto model = f.model();
  auto tables = rows_of("pg_catalog", "pg_tables", *model);
  CHECK(select(tables, 0, "public", {1, 2, 4}) ==
        std::vector<std::string>{"clicks|eddy|f", "prices|eddy|t", "pairs|eddy|t"});
  CHECK(select(tables, 0, "eddy_catalog", {1}) == std::vector<std::string>{"eddy_dead_letters"});
  auto matviews = rows_of("pg_catalog", "pg_matviews", *model);
  REQUIRE(matviews.size() == 1);
  CHECK(matviews[0].rfind("public|per_asset|eddy|NULL|f|t|", 0) == 0);
  CHECK(matviews[0].find("count(*)") != std::string::npos);
  CHECK(select(rows_of("pg_catalog", "pg_views", *model), 1, "pg_roles", {0}) ==
        std::vector<std::string>{"pg_catalog"});
}

TEST_CASE("information_schema describes Eddy's relations") {
  Fixture f;
  auto model = f.model();
  // table_type | is_insertable_into
  auto tables = rows_of("information_schema", "tables", *model);
  CHECK(select(tables, 2, "clicks", {1, 3, 9}) == std::vector<std::string>{"public|BASE TABLE|YES"});
  CHECK(select(tables, 2, "per_asset", {1, 3, 9}) == std::vector<std::string>{"public|VIEW|NO"});
  CHECK(select(tables, 2, "pg_class", {1, 3, 9}) == std::vector<std::string>{"pg_catalog|BASE TABLE|NO"});
  // column_name | ordinal_position | is_nullable | data_type | character_maximum_length | udt_name
  auto columns = rows_of("information_schema", "columns", *model);
  CHECK(select(columns, 2, "prices", {3, 4, 6, 7, 8, 27}) ==
        std::vector<std::string>{"asset|1|NO|text|NULL|text", "price|2|YES|double precision|NULL|float8",
                                 "label|3|YES|character varying|10|varchar"});
  auto constraints = rows_of("information_schema", "table_constraints", *model);
  CHECK(select(constraints, 6, "PRIMARY KEY", {2, 5}) ==
        std::vector<std::string>{"prices_pkey|prices", "pairs_pkey|pairs"});
  CHECK(select(constraints, 5, "pairs", {6}).size() == 3);  // the key and two NOT NULL checks
  CHECK(select(rows_of("information_schema", "key_column_usage", *model), 5, "pairs", {2, 6, 7}) ==
        std::vector<std::string>{"pairs_pkey|a|1", "pairs_pkey|B c|2"});
  CHECK(rows_of("information_schema", "schemata", *model).size() == 5);
}

TEST_CASE("empty catalogs read as empty") {
  Fixture f;
  auto model = f.model();
  for (const char* t : {"pg_description", "pg_inherits", "pg_trigger", "pg_depend", "pg_attrdef", "pg_enum"})
    CHECK(rows_of("pg_catalog", t, *model).empty());
  CHECK(rows_of("pg_catalog", "pg_am", *model) == std::vector<std::string>{"2|heap|3|t", "403|btree|330|i"});
  CHECK(rows_of("pg_catalog", "pg_collation", *model).size() == 3);
  CHECK(rows_of("pg_catalog", "pg_stat_activity", *model).size() == 1);
}
