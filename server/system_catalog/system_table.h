#pragma once
// The system tables and views Eddy presents (pg_catalog.*, information_schema.*): their
// definitions (PostgreSQL 15's column names, order and types) and how their rows are made
// from a CatalogModel.
//
// Types PostgreSQL uses that Eddy does not have are shown as the nearest Eddy type:
//   aclitem[] -> text[]   pg_node_tree, anyarray, bytea, inet -> text   xid -> oid
// information_schema's domains are shown as their base types: sql_identifier -> name,
// character_data -> character varying, yes_or_no -> character varying(3),
// cardinal_number -> integer.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/relation.h"
#include "common/column.h"
#include "server/system_catalog/catalog_model.h"

namespace eddy::syscat {

class TableWriter;

struct SystemTable {
  using Fill = void (*)(const CatalogModel& model, TableWriter& out);

  std::string schema;  // "pg_catalog", "information_schema" or "eddy_catalog"
  std::string name;
  uint32_t oid = 0;    // PostgreSQL 15's pg_class.oid
  char kind = 'r';     // 'r' catalog table, 'v' view
  std::vector<catalog::ColumnSchema> columns;
  Fill fill = nullptr;
};

// Every system table and view, sorted by schema and name. Built once; thread-safe.
const std::vector<const SystemTable*>& all_system_tables();
// nullptr when there is no such table. `schema` is "pg_catalog" or "information_schema".
const SystemTable* find_system_table(std::string_view schema, std::string_view name);
// Its rows now, every weight 1. Throws SqlError only for internal errors.
Batch read_system_table(const SystemTable& table, const CatalogModel& model);
Batch read_system_table(const SystemTable& table, const CatalogSnapshot& snapshot);

// Collects the rows of one table; add() checks each value against its column's type class.
class TableWriter {
 public:
  explicit TableWriter(const SystemTable& table);
  void add(const Row& values);
  Batch take() { return std::move(batch_); }

 private:
  const SystemTable& table_;
  Batch batch_;
};

// Values for rows, typed as the column they go to.
namespace v {
Value null();
Value oid(uint64_t x);
Value regproc(uint64_t x);
Value name(std::string s);
Value text(std::string s);
Value ch(char c);  // "char"
Value boolean(bool b);
Value i2(int64_t x);
Value i4(int64_t x);
Value i8(int64_t x);
Value f4(double x);
Value timestamptz(int64_t micros);
Value varchar(std::string s);
Value yes_no(bool b);  // information_schema's yes_or_no: 'YES' / 'NO'
Value text_array(const std::vector<std::string>& items);
Value name_array(const std::vector<std::string>& items);
Value i2_array(const std::vector<int16_t>& items);
Value int2vector(const std::vector<int16_t>& items);
Value oidvector(const std::vector<uint32_t>& items);
}  // namespace v

// The table groups (one file each) add their tables here.
void add_class_tables(std::vector<SystemTable>& out);        // pg_class_tables.cpp
void add_type_tables(std::vector<SystemTable>& out);         // pg_type_tables.cpp
void add_function_tables(std::vector<SystemTable>& out);     // pg_proc_tables.cpp
void add_role_tables(std::vector<SystemTable>& out);         // pg_role_tables.cpp
void add_settings_tables(std::vector<SystemTable>& out);     // pg_settings_table.cpp
void add_index_tables(std::vector<SystemTable>& out);        // pg_index_tables.cpp
void add_view_tables(std::vector<SystemTable>& out);         // pg_view_tables.cpp
void add_empty_tables(std::vector<SystemTable>& out);        // pg_empty_tables.cpp
void add_information_schema(std::vector<SystemTable>& out);  // information_schema.cpp
void add_eddy_tables(std::vector<SystemTable>& out);         // eddy_tables.cpp (schema eddy_catalog)

}  // namespace eddy::syscat
