#pragma once
// The state the system catalog shows, copied once per statement: Eddy's relations, the roles,
// the session's settings and identity. Every system table and every catalog function of one
// statement reads the same snapshot, so they agree with each other even while other sessions
// create and drop relations.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/relation.h"

namespace eddy {
class Database;
struct SessionState;
}  // namespace eddy

namespace eddy::syscat {

// One role (pg_authid). Until roles are stored (the auth work), the snapshot builder gives the
// bootstrap superuser only.
struct RoleRow {
  uint32_t oid = 0;
  std::string name;
  bool superuser = false;
  bool login = true;
  bool inherit = true;
  bool create_role = false;
  bool create_db = false;
  bool replication = false;
  bool bypass_rls = false;
  int32_t connection_limit = -1;
};

// One setting as SHOW shows it: PostgreSQL's spelling of the name, the current value, Eddy's
// default (pg_settings.boot_val and reset_val), and whether this session changed it
// (pg_settings.source 'session' instead of 'default').
struct SettingRow {
  std::string name;
  std::string value;
  std::string default_value;
  bool set_in_session = false;
};

// One running continuous query as eddy_catalog.eddy_queries shows it.
struct QueryRow {
  uint64_t id = 0;
  std::string target;
  std::string source;
  std::string state;
  std::string error;
  uint64_t rows_consumed = 0;
  int64_t lag = -1;  // -1: unknown (NULL)
  uint64_t epochs = 0;
  int64_t last_commit_micros = 0;  // 0: none yet (NULL)
  uint64_t late_rows = 0;
  std::optional<int64_t> watermark;
  uint64_t state_groups = 0;
  uint64_t state_bytes = 0;
};

struct CatalogSnapshot {
  // Eddy's relations: streams, tables, materialized views and Eddy's own system tables
  // (connector "system", shown in schema eddy_catalog).
  std::vector<catalog::RelationPtr> relations;
  std::vector<RoleRow> roles;
  std::vector<SettingRow> settings;
  std::vector<QueryRow> queries;  // eddy_catalog.eddy_queries
  std::string current_user = "eddy";
  std::string session_user = "eddy";
  std::string database = "eddy";
  std::string application_name;
  int32_t backend_pid = 0;
  int64_t server_start_micros = 0;  // pg_postmaster_start_time
  int64_t taken_micros = 0;         // when the snapshot was taken (the statement's start)
  std::optional<std::string> current_query;  // pg_stat_activity.query
};

// The bootstrap superuser: oid 10, named after the server's user ("eddy").
RoleRow bootstrap_superuser(const std::string& name = "eddy");

// A snapshot of `db` as `session` sees it. Cheap: copies the relation pointers and settings.
// Thread-safe (Database is).
CatalogSnapshot take_snapshot(Database& db, const SessionState& session);

// When this process started: pg_postmaster_start_time().
int64_t server_start_micros();

}  // namespace eddy::syscat
