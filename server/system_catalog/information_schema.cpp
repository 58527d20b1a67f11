// information_schema.schemata, tables, columns, views, table_constraints and
// key_column_usage, with PostgreSQL 15's columns (domains shown as their base types, see
// system_table.h).
//
// One deliberate difference: PostgreSQL leaves materialized views out of
// information_schema.tables, columns and views; Eddy lists them there as views, because they
// are what Eddy serves and tools that browse information_schema (Grafana, Npgsql's GetSchema)
// would otherwise show nothing to read.
#include "engine/function_catalog.h"
#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_oids.h"
#include "server/system_catalog/system_table.h"

namespace eddy::syscat {
namespace {

using namespace col;

std::string schema_of(const CatalogModel& model, const ClassEntry& c) {
  return model.namespace_name(c.namespace_oid).value_or("");
}

// Eddy's own streams and tables take INSERT; views and system tables do not.
bool insertable(const ClassEntry& c) { return c.kind == 'r' && c.relation && c.relation->connector != "system"; }

bool listed(const ClassEntry& c) { return c.kind == 'r' || c.kind == 'v' || c.kind == 'm'; }

void fill_schemata(const CatalogModel& model, TableWriter& out) {
  for (const auto& n : model.namespaces())
    out.add({v::name(model.snapshot().database), v::name(n.name), v::name(model.owner_name()), v::null(), v::null(),
             v::null(), v::null()});
}

void fill_tables(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& c : model.classes()) {
    if (!listed(c)) continue;
    out.add({v::name(model.snapshot().database), v::name(schema_of(model, c)), v::name(c.name),
             v::varchar(c.kind == 'r' ? "BASE TABLE" : "VIEW"), v::null(), v::null(), v::null(), v::null(), v::null(),
             v::yes_no(insertable(c)), v::yes_no(false), v::null()});
  }
}

// The columns describing a type: data_type, lengths, precisions (PostgreSQL's
// information_schema._pg_char_max_length, _pg_numeric_precision, ... for typmod -1 except
// varchar(n)).
struct TypeFacts {
  std::string data_type;
  Value char_max = v::null(), char_octets = v::null(), precision = v::null(), radix = v::null(), scale = v::null(),
        datetime_precision = v::null();
};

TypeFacts type_facts(Type t) {
  TypeFacts f;
  f.data_type = t.is_array() ? "ARRAY" : Type(t.id).sql_name();
  switch (t.id) {
    case TypeId::Text: f.char_octets = v::i4(1073741824); break;
    case TypeId::Varchar:
      if (t.modifier >= 0) {
        f.char_max = v::i4(t.modifier);
        f.char_octets = v::i4(int64_t{t.modifier} * 4);
      } else {
        f.char_octets = v::i4(1073741824);
      }
      break;
    case TypeId::Int16: f.precision = v::i4(16), f.radix = v::i4(2), f.scale = v::i4(0); break;
    case TypeId::Int32: f.precision = v::i4(32), f.radix = v::i4(2), f.scale = v::i4(0); break;
    case TypeId::Int64: f.precision = v::i4(64), f.radix = v::i4(2), f.scale = v::i4(0); break;
    case TypeId::Float32: f.precision = v::i4(24), f.radix = v::i4(2); break;
    case TypeId::Float64: f.precision = v::i4(53), f.radix = v::i4(2); break;
    case TypeId::Numeric: f.radix = v::i4(10); break;
    case TypeId::Date: f.datetime_precision = v::i4(0); break;
    case TypeId::Timestamp:
    case TypeId::TimestampTz:
    case TypeId::Interval: f.datetime_precision = v::i4(6); break;
    default: break;
  }
  return f;
}

void fill_columns(const CatalogModel& model, TableWriter& out) {
  const std::string& db = model.snapshot().database;
  for (const ClassEntry& c : model.classes()) {
    if (!listed(c)) continue;
    for (size_t i = 0; i < c.attributes.size(); ++i) {
      const AttributeEntry& a = c.attributes[i];
      const TypeFacts f = type_facts(a.type);
      const bool c_collation = a.type.id == TypeId::Name;  // shown only when not the default
      const auto position = static_cast<int64_t>(i + 1);
      out.add({v::name(db), v::name(schema_of(model, c)), v::name(c.name), v::name(a.name), v::i4(position),
               v::null(), v::yes_no(!a.not_null), v::varchar(f.data_type), f.char_max, f.char_octets, f.precision,
               f.radix, f.scale, f.datetime_precision, v::null(), v::null(), v::null(), v::null(), v::null(),
               c_collation ? v::name(db) : v::null(), c_collation ? v::name("pg_catalog") : v::null(),
               c_collation ? v::name("C") : v::null(), v::null(), v::null(), v::null(), v::name(db),
               v::name("pg_catalog"), v::name(a.type.pg_typname()), v::null(), v::null(), v::null(), v::null(),
               v::name(std::to_string(position)), v::yes_no(false), v::yes_no(false), v::null(), v::null(), v::null(),
               v::null(), v::null(), v::yes_no(false), v::varchar("NEVER"), v::null(), v::yes_no(insertable(c))});
    }
  }
}

void fill_views(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& c : model.classes()) {
    if (c.kind != 'v' && c.kind != 'm') continue;
    auto def = model.view_definition(c.oid);
    out.add({v::name(model.snapshot().database), v::name(schema_of(model, c)), v::name(c.name),
             def ? v::varchar(*def) : v::null(), v::varchar("NONE"), v::yes_no(false), v::yes_no(false),
             v::yes_no(false), v::yes_no(false), v::yes_no(false)});
  }
}

// Primary keys, then (as PostgreSQL lists them) one CHECK constraint per NOT NULL column,
// named "<namespace oid>_<relation oid>_<attnum>_not_null".
void fill_table_constraints(const CatalogModel& model, TableWriter& out) {
  const std::string& db = model.snapshot().database;
  for (const ClassEntry& c : model.classes()) {
    if (c.pkey_constraint == 0) continue;
    const ClassEntry* index = model.find(c.pkey_index);
    const std::string schema = schema_of(model, c);
    out.add({v::name(db), v::name(schema), v::name(index != nullptr ? index->name : ""), v::name(db), v::name(schema),
             v::name(c.name), v::varchar("PRIMARY KEY"), v::yes_no(false), v::yes_no(false), v::yes_no(true),
             v::null()});
  }
  for (const ClassEntry& c : model.classes()) {
    if (!c.relation || c.kind != 'r') continue;
    const std::string schema = schema_of(model, c);
    for (size_t i = 0; i < c.attributes.size(); ++i) {
      if (!c.attributes[i].not_null) continue;
      const std::string name = std::to_string(c.namespace_oid) + "_" + std::to_string(c.oid) + "_" +
                               std::to_string(i + 1) + "_not_null";
      out.add({v::name(db), v::name(schema), v::name(name), v::name(db), v::name(schema), v::name(c.name),
               v::varchar("CHECK"), v::yes_no(false), v::yes_no(false), v::yes_no(true), v::null()});
    }
  }
}

void fill_key_column_usage(const CatalogModel& model, TableWriter& out) {
  const std::string& db = model.snapshot().database;
  for (const ClassEntry& c : model.classes()) {
    if (c.pkey_constraint == 0) continue;
    const ClassEntry* index = model.find(c.pkey_index);
    if (index == nullptr) continue;
    const std::string schema = schema_of(model, c);
    for (size_t k = 0; k < index->attributes.size(); ++k)
      out.add({v::name(db), v::name(schema), v::name(index->name), v::name(db), v::name(schema), v::name(c.name),
               v::name(index->attributes[k].name), v::i4(static_cast<int64_t>(k + 1)), v::null()});
  }
}

}  // namespace

void add_information_schema(std::vector<SystemTable>& out) {
  const char* is = "information_schema";
  out.push_back({is, "schemata", 13382, 'v',
                 {{"catalog_name", kName}, {"schema_name", kName}, {"schema_owner", kName},
                  {"default_character_set_catalog", kName}, {"default_character_set_schema", kName},
                  {"default_character_set_name", kName}, {"sql_path", kVarchar}},
                 &fill_schemata});
  out.push_back({is, "tables", 13425, 'v',
                 {{"table_catalog", kName}, {"table_schema", kName}, {"table_name", kName}, {"table_type", kVarchar},
                  {"self_referencing_column_name", kName}, {"reference_generation", kVarchar},
                  {"user_defined_type_catalog", kName}, {"user_defined_type_schema", kName},
                  {"user_defined_type_name", kName}, {"is_insertable_into", kYesNo}, {"is_typed", kYesNo},
                  {"commit_action", kVarchar}},
                 &fill_tables});
  out.push_back({is, "columns", 13295, 'v',
                 {{"table_catalog", kName}, {"table_schema", kName}, {"table_name", kName}, {"column_name", kName},
                  {"ordinal_position", kInt4}, {"column_default", kVarchar}, {"is_nullable", kYesNo},
                  {"data_type", kVarchar}, {"character_maximum_length", kInt4}, {"character_octet_length", kInt4},
                  {"numeric_precision", kInt4}, {"numeric_precision_radix", kInt4}, {"numeric_scale", kInt4},
                  {"datetime_precision", kInt4}, {"interval_type", kVarchar}, {"interval_precision", kInt4},
                  {"character_set_catalog", kName}, {"character_set_schema", kName}, {"character_set_name", kName},
                  {"collation_catalog", kName}, {"collation_schema", kName}, {"collation_name", kName},
                  {"domain_catalog", kName}, {"domain_schema", kName}, {"domain_name", kName},
                  {"udt_catalog", kName}, {"udt_schema", kName}, {"udt_name", kName}, {"scope_catalog", kName},
                  {"scope_schema", kName}, {"scope_name", kName}, {"maximum_cardinality", kInt4},
                  {"dtd_identifier", kName}, {"is_self_referencing", kYesNo}, {"is_identity", kYesNo},
                  {"identity_generation", kVarchar}, {"identity_start", kVarchar}, {"identity_increment", kVarchar},
                  {"identity_maximum", kVarchar}, {"identity_minimum", kVarchar}, {"identity_cycle", kYesNo},
                  {"is_generated", kVarchar}, {"generation_expression", kVarchar}, {"is_updatable", kYesNo}},
                 &fill_columns});
  out.push_back({is, "views", 13483, 'v',
                 {{"table_catalog", kName}, {"table_schema", kName}, {"table_name", kName},
                  {"view_definition", kVarchar}, {"check_option", kVarchar}, {"is_updatable", kYesNo},
                  {"is_insertable_into", kYesNo}, {"is_trigger_updatable", kYesNo},
                  {"is_trigger_deletable", kYesNo}, {"is_trigger_insertable_into", kYesNo}},
                 &fill_views});
  out.push_back({is, "table_constraints", 13411, 'v',
                 {{"constraint_catalog", kName}, {"constraint_schema", kName}, {"constraint_name", kName},
                  {"table_catalog", kName}, {"table_schema", kName}, {"table_name", kName},
                  {"constraint_type", kVarchar}, {"is_deferrable", kYesNo}, {"initially_deferred", kYesNo},
                  {"enforced", kYesNo}, {"nulls_distinct", kYesNo}},
                 &fill_table_constraints});
  out.push_back({is, "key_column_usage", 13329, 'v',
                 {{"constraint_catalog", kName}, {"constraint_schema", kName}, {"constraint_name", kName},
                  {"table_catalog", kName}, {"table_schema", kName}, {"table_name", kName}, {"column_name", kName},
                  {"ordinal_position", kInt4}, {"position_in_unique_constraint", kInt4}},
                 &fill_key_column_usage});
}

}  // namespace eddy::syscat
