// pg_tables, pg_views, pg_matviews and pg_stat_activity.
#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_oids.h"
#include "server/system_catalog/system_table.h"

namespace eddy::syscat {
namespace {

using namespace col;

std::string schema_of(const CatalogModel& model, const ClassEntry& c) {
  return model.namespace_name(c.namespace_oid).value_or("");
}

void fill_tables(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& c : model.classes())
    if (c.kind == 'r')
      out.add({v::name(schema_of(model, c)), v::name(c.name), v::name(model.owner_name()), v::null(),
               v::boolean(c.pkey_index != 0), v::boolean(false), v::boolean(false), v::boolean(false)});
}

// System views are listed without a definition: Eddy computes them, there is no SQL text.
void fill_views(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& c : model.classes())
    if (c.kind == 'v')
      out.add({v::name(schema_of(model, c)), v::name(c.name), v::name(model.owner_name()), v::null()});
}

void fill_matviews(const CatalogModel& model, TableWriter& out) {
  for (const ClassEntry& c : model.classes())
    if (c.kind == 'm')
      out.add({v::name(schema_of(model, c)), v::name(c.name), v::name(model.owner_name()), v::null(),
               v::boolean(c.pkey_index != 0), v::boolean(true), v::text(model.view_definition(c.oid).value_or(""))});
}

// The current session only: Eddy does not yet keep a list of sessions.
void fill_stat_activity(const CatalogModel& model, TableWriter& out) {
  const CatalogSnapshot& s = model.snapshot();
  const auto now = v::timestamptz(s.taken_micros);
  out.add({v::oid(kDatabaseOid), v::name(s.database), v::i4(s.backend_pid), v::null(), v::oid(model.current_role_oid()),
           v::name(s.current_user), v::text(s.application_name), v::null(), v::null(), v::null(), now, now, now, now,
           v::null(), v::null(), v::text("active"), v::null(), v::null(), v::null(),
           s.current_query ? v::text(*s.current_query) : v::text(""), v::text("client backend")});
}

}  // namespace

void add_view_tables(std::vector<SystemTable>& out) {
  out.push_back({"pg_catalog", "pg_tables", 12033, 'v',
                 {{"schemaname", kName}, {"tablename", kName}, {"tableowner", kName}, {"tablespace", kName},
                  {"hasindexes", kBool}, {"hasrules", kBool}, {"hastriggers", kBool}, {"rowsecurity", kBool}},
                 &fill_tables});
  out.push_back({"pg_catalog", "pg_views", 12028, 'v',
                 {{"schemaname", kName}, {"viewname", kName}, {"viewowner", kName}, {"definition", kText}},
                 &fill_views});
  out.push_back({"pg_catalog", "pg_matviews", 12038, 'v',
                 {{"schemaname", kName}, {"matviewname", kName}, {"matviewowner", kName}, {"tablespace", kName},
                  {"hasindexes", kBool}, {"ispopulated", kBool}, {"definition", kText}},
                 &fill_matviews});
  out.push_back({"pg_catalog", "pg_stat_activity", 12222, 'v',
                 {{"datid", kOid}, {"datname", kName}, {"pid", kInt4}, {"leader_pid", kInt4}, {"usesysid", kOid},
                  {"usename", kName}, {"application_name", kText}, {"client_addr", kText},
                  {"client_hostname", kText}, {"client_port", kInt4}, {"backend_start", kTimestampTz},
                  {"xact_start", kTimestampTz}, {"query_start", kTimestampTz}, {"state_change", kTimestampTz},
                  {"wait_event_type", kText}, {"wait_event", kText}, {"state", kText}, {"backend_xid", kOid},
                  {"backend_xmin", kOid}, {"query_id", kInt8}, {"query", kText}, {"backend_type", kText}},
                 &fill_stat_activity});
}

}  // namespace eddy::syscat
