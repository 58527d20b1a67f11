// pg_type (every type Eddy has, with PostgreSQL's OIDs and support functions), pg_collation
// (default, C, POSIX), pg_range and pg_enum (empty: Eddy has neither range nor enum types).
#include "engine/function_catalog.h"
#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_oids.h"
#include "server/system_catalog/system_table.h"
#include "server/system_catalog/type_properties.h"

namespace eddy::syscat {
namespace {

using namespace col;

void fill_type(const CatalogModel&, TableWriter& out) {
  for (Type t : engine::list_types()) {
    const TypeProperties p = type_properties(t);
    const engine::TypeSupport s = engine::type_support(t);
    const bool array = t.id == TypeId::Array;
    out.add({v::oid(t.oid()), v::name(t.pg_typname()), v::oid(kPgCatalogNamespace), v::oid(kBootstrapSuperuser),
             v::i2(array ? -1 : t.pg_length()), v::boolean(p.byval), v::ch(t.is_void() ? 'p' : 'b'), v::ch(p.category),
             v::boolean(p.preferred), v::boolean(true), v::ch(','), v::oid(0), v::regproc(s.subscript),
             v::oid(p.element), v::oid(array ? 0 : array_type_oid(t.oid())), v::regproc(s.input),
             v::regproc(s.output), v::regproc(s.receive), v::regproc(s.send), v::regproc(s.modin),
             v::regproc(s.modout), v::regproc(s.analyze), v::ch(p.align), v::ch(p.storage), v::boolean(false),
             v::oid(0), v::i4(-1), v::i4(0), v::oid(p.collation), v::null(), v::null(), v::null()});
  }
  // PostgreSQL's pseudo-types that client tools expect to find by name (sqlsmith needs
  // "internal" and "anyarray"); no value of them ever reaches a client.
  struct Pseudo {
    uint32_t oid;
    const char* name;
    int16_t length;
  };
  const Pseudo pseudo[] = {{705, "unknown", -2}, {2249, "record", -1}, {2275, "cstring", -2}, {2276, "any", 4},
                           {2277, "anyarray", -1}, {2281, "internal", 8}, {2283, "anyelement", 4}};
  for (const Pseudo& t : pseudo) {
    out.add({v::oid(t.oid), v::name(t.name), v::oid(kPgCatalogNamespace), v::oid(kBootstrapSuperuser), v::i2(t.length),
             v::boolean(t.length > 0), v::ch('p'), v::ch(t.oid == 705 ? 'X' : 'P'), v::boolean(false), v::boolean(true),
             v::ch(','), v::oid(0), v::regproc(0), v::oid(0), v::oid(0), v::regproc(0), v::regproc(0), v::regproc(0),
             v::regproc(0), v::regproc(0), v::regproc(0), v::regproc(0), v::ch(t.length == 8 ? 'd' : 'i'), v::ch('p'),
             v::boolean(false), v::oid(0), v::i4(-1), v::i4(0), v::oid(0), v::null(), v::null(), v::null()});
  }
}

void fill_collation(const CatalogModel&, TableWriter& out) {
  auto row = [&](uint32_t oid, const char* name, char provider, const char* locale) {
    out.add({v::oid(oid), v::name(name), v::oid(kPgCatalogNamespace), v::oid(kBootstrapSuperuser), v::ch(provider),
             v::boolean(true), v::i4(-1), locale ? v::text(locale) : v::null(), locale ? v::text(locale) : v::null(),
             v::null(), v::null()});
  };
  row(kDefaultCollation, "default", 'd', nullptr);
  row(kCCollation, "C", 'c', "C");
  row(kPosixCollation, "POSIX", 'c', "POSIX");
}

}  // namespace

void add_type_tables(std::vector<SystemTable>& out) {
  out.push_back({"pg_catalog", "pg_type", 1247, 'r',
                 {{"oid", kOid}, {"typname", kName}, {"typnamespace", kOid}, {"typowner", kOid}, {"typlen", kInt2},
                  {"typbyval", kBool}, {"typtype", kChar}, {"typcategory", kChar}, {"typispreferred", kBool},
                  {"typisdefined", kBool}, {"typdelim", kChar}, {"typrelid", kOid}, {"typsubscript", kRegproc},
                  {"typelem", kOid}, {"typarray", kOid}, {"typinput", kRegproc}, {"typoutput", kRegproc},
                  {"typreceive", kRegproc}, {"typsend", kRegproc}, {"typmodin", kRegproc}, {"typmodout", kRegproc},
                  {"typanalyze", kRegproc}, {"typalign", kChar}, {"typstorage", kChar}, {"typnotnull", kBool},
                  {"typbasetype", kOid}, {"typtypmod", kInt4}, {"typndims", kInt4}, {"typcollation", kOid},
                  {"typdefaultbin", kText}, {"typdefault", kText}, {"typacl", kTextArray}},
                 &fill_type});
  out.push_back({"pg_catalog", "pg_collation", 3456, 'r',
                 {{"oid", kOid}, {"collname", kName}, {"collnamespace", kOid}, {"collowner", kOid},
                  {"collprovider", kChar}, {"collisdeterministic", kBool}, {"collencoding", kInt4},
                  {"collcollate", kText}, {"collctype", kText}, {"colliculocale", kText}, {"collversion", kText}},
                 &fill_collation});
  out.push_back({"pg_catalog", "pg_range", 3541, 'r',
                 {{"rngtypid", kOid}, {"rngsubtype", kOid}, {"rngmultitypid", kOid}, {"rngcollation", kOid},
                  {"rngsubopc", kOid}, {"rngcanonical", kRegproc}, {"rngsubdiff", kRegproc}},
                 nullptr});
  out.push_back({"pg_catalog", "pg_enum", 3501, 'r',
                 {{"oid", kOid}, {"enumtypid", kOid}, {"enumsortorder", kFloat4}, {"enumlabel", kName}}, nullptr});
}

}  // namespace eddy::syscat
