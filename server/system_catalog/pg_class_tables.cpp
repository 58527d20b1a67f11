// pg_namespace, pg_class, pg_attribute, pg_attrdef, pg_am: the relations and their columns
// (see catalog_model.h for what is listed and how).
#include "engine/function_catalog.h"
#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_oids.h"
#include "server/system_catalog/system_table.h"
#include "server/system_catalog/type_properties.h"

namespace eddy::syscat {
namespace {

using namespace col;

void fill_namespace(const CatalogModel& model, TableWriter& out) {
  for (const auto& n : model.namespaces()) out.add({v::oid(n.oid), v::name(n.name), v::oid(kBootstrapSuperuser), v::null()});
}

void fill_class(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& c : model.classes()) {
    const bool is_index = c.kind == 'i', is_view = c.kind == 'v';
    const bool has_storage = c.kind == 'r' || c.kind == 'm' || is_index;
    const uint32_t am = is_index ? kBtreeAm : (is_view ? 0 : kHeapAm);
    out.add({v::oid(c.oid), v::name(c.name), v::oid(c.namespace_oid),
             v::oid(0),                               // reltype: Eddy has no composite row types
             v::oid(0), v::oid(kBootstrapSuperuser), v::oid(am),
             v::oid(has_storage ? c.oid : 0),         // relfilenode
             v::oid(0), v::i4(0),
             v::f4(is_index ? 0 : -1),                // reltuples: -1, never analyzed
             v::i4(0), v::oid(0),
             v::boolean(c.pkey_index != 0),           // relhasindex
             v::boolean(false), v::ch('p'), v::ch(c.kind), v::i2(static_cast<int64_t>(c.attributes.size())),
             v::i2(0),
             v::boolean(is_view || c.kind == 'm'),    // relhasrules: views are rules in PostgreSQL
             v::boolean(false), v::boolean(false), v::boolean(false), v::boolean(false), v::boolean(true),
             v::ch(c.kind == 'r' || c.kind == 'm' ? 'd' : 'n'),  // relreplident
             v::boolean(false), v::oid(0), v::oid(0), v::oid(0), v::null(), v::null(), v::null()});
  }
}

void fill_attribute(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& c : model.classes()) {
    for (size_t i = 0; i < c.attributes.size(); ++i) {
      const AttributeEntry& a = c.attributes[i];
      const TypeProperties p = type_properties(a.type);
      out.add({v::oid(c.oid), v::name(a.name), v::oid(a.type.oid()), v::i4(-1), v::i2(a.type.pg_length()),
               v::i2(static_cast<int64_t>(i + 1)), v::i4(a.type.id == TypeId::Array ? 1 : 0), v::i4(-1),
               v::i4(engine::type_modifier(a.type)), v::boolean(p.byval), v::ch(p.align), v::ch(p.storage),
               v::ch(0), v::boolean(a.not_null), v::boolean(false), v::boolean(false), v::ch(0), v::ch(0),
               v::boolean(false), v::boolean(true), v::i4(0), v::oid(p.collation), v::null(), v::null(), v::null(),
               v::null()});
    }
  }
}

void fill_am(const CatalogModel&, TableWriter& out) {
  out.add({v::oid(kHeapAm), v::name("heap"), v::regproc(3), v::ch('t')});     // heap_tableam_handler
  out.add({v::oid(kBtreeAm), v::name("btree"), v::regproc(330), v::ch('i')});  // bthandler
}

}  // namespace

void add_class_tables(std::vector<SystemTable>& out) {
  out.push_back({"pg_catalog", "pg_namespace", 2615, 'r',
                 {{"oid", kOid}, {"nspname", kName}, {"nspowner", kOid}, {"nspacl", kTextArray}}, &fill_namespace});
  out.push_back({"pg_catalog", "pg_class", 1259, 'r',
                 {{"oid", kOid}, {"relname", kName}, {"relnamespace", kOid}, {"reltype", kOid}, {"reloftype", kOid},
                  {"relowner", kOid}, {"relam", kOid}, {"relfilenode", kOid}, {"reltablespace", kOid},
                  {"relpages", kInt4}, {"reltuples", kFloat4}, {"relallvisible", kInt4}, {"reltoastrelid", kOid},
                  {"relhasindex", kBool}, {"relisshared", kBool}, {"relpersistence", kChar}, {"relkind", kChar},
                  {"relnatts", kInt2}, {"relchecks", kInt2}, {"relhasrules", kBool}, {"relhastriggers", kBool},
                  {"relhassubclass", kBool}, {"relrowsecurity", kBool}, {"relforcerowsecurity", kBool},
                  {"relispopulated", kBool}, {"relreplident", kChar}, {"relispartition", kBool},
                  {"relrewrite", kOid}, {"relfrozenxid", kOid}, {"relminmxid", kOid}, {"relacl", kTextArray},
                  {"reloptions", kTextArray}, {"relpartbound", kText}},
                 &fill_class});
  out.push_back({"pg_catalog", "pg_attribute", 1249, 'r',
                 {{"attrelid", kOid}, {"attname", kName}, {"atttypid", kOid}, {"attstattarget", kInt4},
                  {"attlen", kInt2}, {"attnum", kInt2}, {"attndims", kInt4}, {"attcacheoff", kInt4},
                  {"atttypmod", kInt4}, {"attbyval", kBool}, {"attalign", kChar}, {"attstorage", kChar},
                  {"attcompression", kChar}, {"attnotnull", kBool}, {"atthasdef", kBool}, {"atthasmissing", kBool},
                  {"attidentity", kChar}, {"attgenerated", kChar}, {"attisdropped", kBool}, {"attislocal", kBool},
                  {"attinhcount", kInt4}, {"attcollation", kOid}, {"attacl", kTextArray}, {"attoptions", kTextArray},
                  {"attfdwoptions", kTextArray}, {"attmissingval", kText}},
                 &fill_attribute});
  // Eddy's columns have no DEFAULT: pg_attrdef is empty.
  out.push_back({"pg_catalog", "pg_attrdef", 2604, 'r',
                 {{"oid", kOid}, {"adrelid", kOid}, {"adnum", kInt2}, {"adbin", kText}}, nullptr});
  out.push_back({"pg_catalog", "pg_am", 2601, 'r',
                 {{"oid", kOid}, {"amname", kName}, {"amhandler", kRegproc}, {"amtype", kChar}}, &fill_am});
}

}  // namespace eddy::syscat
