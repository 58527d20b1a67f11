// The shared catalogs: pg_database (Eddy's one database), the roles (pg_authid, pg_roles,
// pg_user, pg_auth_members), pg_tablespace and pg_shdescription.
#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_oids.h"
#include "server/system_catalog/system_table.h"

namespace eddy::syscat {
namespace {

using namespace col;

std::string setting(const CatalogModel& model, std::string_view name, std::string fallback) {
  for (const auto& s : model.snapshot().settings)
    if (s.name == name) return s.value;
  return fallback;
}

void fill_database(const CatalogModel& model, TableWriter& out) {
  out.add({v::oid(kDatabaseOid), v::name(model.snapshot().database), v::oid(kBootstrapSuperuser), v::i4(6),  // UTF8
           v::ch('c'), v::boolean(false), v::boolean(true), v::i4(-1), v::oid(0), v::oid(1), v::oid(kDefaultTablespace),
           v::text(setting(model, "lc_collate", "C.UTF-8")), v::text(setting(model, "lc_ctype", "C.UTF-8")), v::null(),
           v::null(), v::null()});
}

// pg_roles and pg_user never show passwords: '********' as PostgreSQL prints.
void fill_roles(const CatalogModel& model, TableWriter& out) {
  for (const RoleRow& r : model.snapshot().roles)
    out.add({v::name(r.name), v::boolean(r.superuser), v::boolean(r.inherit), v::boolean(r.create_role),
             v::boolean(r.create_db), v::boolean(r.login), v::boolean(r.replication), v::i4(r.connection_limit),
             v::text("********"), v::null(), v::boolean(r.bypass_rls), v::null(), v::oid(r.oid)});
}

void fill_authid(const CatalogModel& model, TableWriter& out) {
  for (const RoleRow& r : model.snapshot().roles)
    out.add({v::oid(r.oid), v::name(r.name), v::boolean(r.superuser), v::boolean(r.inherit), v::boolean(r.create_role),
             v::boolean(r.create_db), v::boolean(r.login), v::boolean(r.replication), v::boolean(r.bypass_rls),
             v::i4(r.connection_limit), v::null(), v::null()});
}

void fill_user(const CatalogModel& model, TableWriter& out) {
  for (const RoleRow& r : model.snapshot().roles)
    if (r.login)
      out.add({v::name(r.name), v::oid(r.oid), v::boolean(r.create_db), v::boolean(r.superuser),
               v::boolean(r.replication), v::boolean(r.bypass_rls), v::text("********"), v::null(), v::null()});
}

void fill_tablespace(const CatalogModel&, TableWriter& out) {
  out.add({v::oid(kDefaultTablespace), v::name("pg_default"), v::oid(kBootstrapSuperuser), v::null(), v::null()});
  out.add({v::oid(kGlobalTablespace), v::name("pg_global"), v::oid(kBootstrapSuperuser), v::null(), v::null()});
}

}  // namespace

void add_role_tables(std::vector<SystemTable>& out) {
  out.push_back({"pg_catalog", "pg_database", 1262, 'r',
                 {{"oid", kOid}, {"datname", kName}, {"datdba", kOid}, {"encoding", kInt4}, {"datlocprovider", kChar},
                  {"datistemplate", kBool}, {"datallowconn", kBool}, {"datconnlimit", kInt4}, {"datfrozenxid", kOid},
                  {"datminmxid", kOid}, {"dattablespace", kOid}, {"datcollate", kText}, {"datctype", kText},
                  {"daticulocale", kText}, {"datcollversion", kText}, {"datacl", kTextArray}},
                 &fill_database});
  out.push_back({"pg_catalog", "pg_roles", 12000, 'v',
                 {{"rolname", kName}, {"rolsuper", kBool}, {"rolinherit", kBool}, {"rolcreaterole", kBool},
                  {"rolcreatedb", kBool}, {"rolcanlogin", kBool}, {"rolreplication", kBool}, {"rolconnlimit", kInt4},
                  {"rolpassword", kText}, {"rolvaliduntil", kTimestampTz}, {"rolbypassrls", kBool},
                  {"rolconfig", kTextArray}, {"oid", kOid}},
                 &fill_roles});
  // rolpassword is always NULL: Eddy does not show stored password hashes.
  out.push_back({"pg_catalog", "pg_authid", 1260, 'r',
                 {{"oid", kOid}, {"rolname", kName}, {"rolsuper", kBool}, {"rolinherit", kBool},
                  {"rolcreaterole", kBool}, {"rolcreatedb", kBool}, {"rolcanlogin", kBool}, {"rolreplication", kBool},
                  {"rolbypassrls", kBool}, {"rolconnlimit", kInt4}, {"rolpassword", kText},
                  {"rolvaliduntil", kTimestampTz}},
                 &fill_authid});
  out.push_back({"pg_catalog", "pg_user", 12014, 'v',
                 {{"usename", kName}, {"usesysid", kOid}, {"usecreatedb", kBool}, {"usesuper", kBool},
                  {"userepl", kBool}, {"usebypassrls", kBool}, {"passwd", kText}, {"valuntil", kTimestampTz},
                  {"useconfig", kTextArray}},
                 &fill_user});
  out.push_back({"pg_catalog", "pg_auth_members", 1261, 'r',
                 {{"roleid", kOid}, {"member", kOid}, {"grantor", kOid}, {"admin_option", kBool}}, nullptr});
  out.push_back({"pg_catalog", "pg_tablespace", 1213, 'r',
                 {{"oid", kOid}, {"spcname", kName}, {"spcowner", kOid}, {"spcacl", kTextArray},
                  {"spcoptions", kTextArray}},
                 &fill_tablespace});
  out.push_back({"pg_catalog", "pg_shdescription", 2396, 'r',
                 {{"objoid", kOid}, {"classoid", kOid}, {"description", kText}}, nullptr});
}

}  // namespace eddy::syscat
