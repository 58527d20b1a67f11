// pg_index, pg_constraint and pg_indexes: one unique btree index "<table>_pkey" and one
// PRIMARY KEY constraint per relation with a primary key (Eddy keeps a table's rows by key, so
// the index is real in all but name).
#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_oids.h"
#include "server/system_catalog/system_table.h"
#include "server/system_catalog/type_properties.h"

namespace eddy::syscat {
namespace {

using namespace col;

// The default btree operator class of a type (pg_opclass, opcdefault), for pg_index.indclass.
uint32_t btree_opclass(Type t) {
  switch (t.id) {
    case TypeId::Bool: return 10003;        // bool_ops
    case TypeId::Char: return 10007;        // char_ops
    case TypeId::Name: return 10028;        // name_ops
    case TypeId::Int64: return 3124;        // int8_ops
    case TypeId::Int16: return 1979;        // int2_ops
    case TypeId::Int32: return 1978;        // int4_ops
    case TypeId::Text:
    case TypeId::Varchar: return 3126;      // text_ops
    case TypeId::Float32: return 10012;     // float4_ops
    case TypeId::Float64: return 3123;      // float8_ops
    case TypeId::Numeric: return 3125;      // numeric_ops
    case TypeId::Date: return 3122;         // date_ops
    case TypeId::Timestamp: return 3128;    // timestamp_ops
    case TypeId::TimestampTz: return 3127;  // timestamptz_ops
    case TypeId::Interval: return 10022;    // interval_ops
    case TypeId::Jsonb: return 10088;       // jsonb_ops
    case TypeId::OidVector: return 10032;   // oidvector_ops
    case TypeId::Array: return 10000;       // array_ops
    default: return 1981;                   // oid_ops (oid and the reg* types)
  }
}

void fill_index(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& index : model.classes()) {
    if (index.kind != 'i') continue;
    std::vector<uint32_t> collations, classes;
    for (const auto& a : index.attributes) {
      collations.push_back(type_properties(a.type).collation);
      classes.push_back(btree_opclass(a.type));
    }
    const auto n = static_cast<int64_t>(index.key_attnums.size());
    out.add({v::oid(index.oid), v::oid(index.indexed_table), v::i2(n), v::i2(n), v::boolean(true), v::boolean(false),
             v::boolean(true), v::boolean(false), v::boolean(true), v::boolean(false), v::boolean(true),
             v::boolean(false), v::boolean(true), v::boolean(true), v::boolean(false), v::int2vector(index.key_attnums),
             v::oidvector(collations), v::oidvector(classes),
             v::int2vector(std::vector<int16_t>(index.key_attnums.size(), 0)), v::null(), v::null()});
  }
}

void fill_constraint(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& table : model.classes()) {
    if (table.pkey_constraint == 0) continue;
    const ClassEntry* index = model.find(table.pkey_index);
    out.add({v::oid(table.pkey_constraint), v::name(index != nullptr ? index->name : table.name + "_pkey"),
             v::oid(table.namespace_oid), v::ch('p'), v::boolean(false), v::boolean(false), v::boolean(true),
             v::oid(table.oid), v::oid(0), v::oid(table.pkey_index), v::oid(0), v::oid(0), v::ch(' '), v::ch(' '),
             v::ch(' '), v::boolean(true), v::i4(0), v::boolean(true), v::i2_array(table.key_attnums), v::null(),
             v::null(), v::null(), v::null(), v::null(), v::null(), v::null()});
  }
}

void fill_indexes(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& index : model.classes()) {
    if (index.kind != 'i') continue;
    const ClassEntry* table = model.find(index.indexed_table);
    if (table == nullptr) continue;
    out.add({v::name(model.namespace_name(index.namespace_oid).value_or("")), v::name(table->name),
             v::name(index.name), v::null(), v::text(model.index_definition(index.oid, 0, false).value_or(""))});
  }
}

}  // namespace

void add_index_tables(std::vector<SystemTable>& out) {
  out.push_back({"pg_catalog", "pg_index", 2610, 'r',
                 {{"indexrelid", kOid}, {"indrelid", kOid}, {"indnatts", kInt2}, {"indnkeyatts", kInt2},
                  {"indisunique", kBool}, {"indnullsnotdistinct", kBool}, {"indisprimary", kBool},
                  {"indisexclusion", kBool}, {"indimmediate", kBool}, {"indisclustered", kBool},
                  {"indisvalid", kBool}, {"indcheckxmin", kBool}, {"indisready", kBool}, {"indislive", kBool},
                  {"indisreplident", kBool}, {"indkey", kInt2Vector}, {"indcollation", kOidVector},
                  {"indclass", kOidVector}, {"indoption", kInt2Vector}, {"indexprs", kText}, {"indpred", kText}},
                 &fill_index});
  out.push_back({"pg_catalog", "pg_constraint", 2606, 'r',
                 {{"oid", kOid}, {"conname", kName}, {"connamespace", kOid}, {"contype", kChar},
                  {"condeferrable", kBool}, {"condeferred", kBool}, {"convalidated", kBool}, {"conrelid", kOid},
                  {"contypid", kOid}, {"conindid", kOid}, {"conparentid", kOid}, {"confrelid", kOid},
                  {"confupdtype", kChar}, {"confdeltype", kChar}, {"confmatchtype", kChar}, {"conislocal", kBool},
                  {"coninhcount", kInt4}, {"connoinherit", kBool}, {"conkey", kInt2Array}, {"confkey", kInt2Array},
                  {"conpfeqop", kOidArray}, {"conppeqop", kOidArray}, {"conffeqop", kOidArray},
                  {"confdelsetcols", kInt2Array}, {"conexclop", kOidArray}, {"conbin", kText}},
                 &fill_constraint});
  out.push_back({"pg_catalog", "pg_indexes", 12043, 'v',
                 {{"schemaname", kName}, {"tablename", kName}, {"indexname", kName}, {"tablespace", kName},
                  {"indexdef", kText}},
                 &fill_indexes});
}

}  // namespace eddy::syscat
