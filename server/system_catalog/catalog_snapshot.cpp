#include "server/system_catalog/catalog_snapshot.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "common/value_text.h"
#include "server/database.h"
#include "server/executor.h"
#include "server/roles.h"
#include "server/system_catalog/system_oids.h"

namespace eddy::syscat {
namespace {

const int64_t kProcessStart = now_micros();  // pg_postmaster_start_time

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

int64_t server_start_micros() { return kProcessStart; }

RoleRow bootstrap_superuser(const std::string& name) {
  RoleRow r;
  r.oid = kBootstrapSuperuser;
  r.name = name;
  r.superuser = r.login = r.inherit = r.create_role = r.create_db = r.replication = r.bypass_rls = true;
  return r;
}

CatalogSnapshot take_snapshot(Database& db, const SessionState& session) {
  CatalogSnapshot s;
  s.relations = db.catalog().list();
  // The stored roles (CREATE ROLE); a superuser has every attribute, as PostgreSQL's
  // bootstrap superuser does, other roles only LOGIN (Eddy has no CREATEDB / CREATEROLE).
  for (const RoleInfo& info : db.roles()) {
    RoleRow r = info.superuser ? bootstrap_superuser(info.name) : RoleRow{};
    r.oid = info.oid;
    r.name = info.name;
    r.login = info.login;
    s.roles.push_back(std::move(r));
  }
  if (s.roles.empty()) s.roles.push_back(bootstrap_superuser("eddy"));
  for (const auto& q : db.queries()) {
    engine::QueryStatus st = q->status();
    QueryRow row;
    row.id = q->id();
    auto target = db.catalog().find_by_id(q->target_relation());
    row.target = target ? target->name : "";
    row.source = q->source_description();
    row.state = st.state;
    row.error = st.error;
    row.rows_consumed = st.rows_consumed;
    row.lag = st.lag;
    row.epochs = st.epochs;
    row.last_commit_micros = st.last_commit_micros;
    row.late_rows = st.late_rows;
    if (st.watermark != engine::WatermarkTracker::kNone) row.watermark = st.watermark;
    row.state_groups = st.state_groups;
    row.state_bytes = st.state_bytes;
    s.queries.push_back(std::move(row));
  }
  std::sort(s.queries.begin(), s.queries.end(), [](const QueryRow& a, const QueryRow& b) { return a.id < b.id; });
  // Every setting at its default (built once), then the ones this session changed.
  static const std::vector<std::pair<std::string, SettingRow>> defaults = [] {
    std::vector<std::pair<std::string, SettingRow>> out;
    for (const auto& [name, value] : known_default_settings()) out.push_back({lower(name), {name, value, value, false}});
    return out;
  }();
  s.settings.reserve(defaults.size());
  for (const auto& [key, row] : defaults) {
    s.settings.push_back(row);
    if (session.settings.empty()) continue;
    auto it = session.settings.find(key);
    if (it != session.settings.end()) {
      s.settings.back().value = it->second;
      s.settings.back().set_in_session = true;
    }
  }
  s.current_user = session.user;
  s.session_user = session.user;
  s.database = session.database;
  auto app = session.settings.find("application_name");
  if (app != session.settings.end()) s.application_name = app->second;
  s.backend_pid = session.backend_pid != 0 ? session.backend_pid : static_cast<int32_t>(::getpid());
  s.server_start_micros = kProcessStart;
  s.taken_micros = now_micros();
  return s;
}

}  // namespace eddy::syscat
