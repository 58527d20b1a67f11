// SHOW, SET and DESCRIBE.

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "common/value_text.h"
#include "common/version.h"
#include "server/duration_setting.h"
#include "server/exec_internal.h"

namespace eddy {

const std::vector<std::pair<std::string, std::string>>& reported_default_settings() {
  // The settings PostgreSQL reports in ParameterStatus, with the spelling clients expect.
  static const std::vector<std::pair<std::string, std::string>> kReported = {
      {"server_version", kServerVersion},
      {"server_encoding", "UTF8"},
      {"client_encoding", "UTF8"},
      {"DateStyle", "ISO, MDY"},
      {"IntervalStyle", "postgres"},
      {"TimeZone", "UTC"},
      {"integer_datetimes", "on"},
      {"standard_conforming_strings", "on"},
      {"application_name", ""},
      {"is_superuser", "on"},
      {"session_authorization", "eddy"},
      {"default_transaction_read_only", "off"},
      {"in_hot_standby", "off"},
  };
  return kReported;
}

namespace exec {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Settings SHOW knows besides the reported ones (name as displayed, default value).
const std::vector<std::pair<std::string, std::string>>& other_settings() {
  static const std::vector<std::pair<std::string, std::string>> kOthers = {
      {"server_version_num", kServerVersionNum},
      {"search_path", "\"$user\", public"},
      {"transaction_isolation", "read committed"},
      {"default_transaction_isolation", "read committed"},
      {"transaction_read_only", "off"},
      {"statement_timeout", "0"},
      {"lock_timeout", "0"},
      {"idle_in_transaction_session_timeout", "0"},
      {"extra_float_digits", "1"},
      {"max_identifier_length", "63"},
      {"max_index_keys", "32"},
      {"lc_collate", "C.UTF-8"},
      {"lc_ctype", "C.UTF-8"},
      {"lc_messages", "C.UTF-8"},
      {"lc_monetary", "C.UTF-8"},
      {"lc_numeric", "C.UTF-8"},
      {"lc_time", "C.UTF-8"},
      {"datestyle", "ISO, MDY"},
      {"max_connections", "100"},
      {"block_size", "8192"},
      {"bytea_output", "hex"},
      {"client_min_messages", "notice"},
      {"default_text_search_config", "pg_catalog.english"},
      {"row_security", "on"},
      {"synchronous_commit", "on"},
      {"work_mem", "4MB"},
  };
  return kOthers;
}

// The display name and default of a setting, or nullopt when unknown.
std::optional<std::pair<std::string, std::string>> known_setting(const std::string& name) {
  for (const auto& s : reported_default_settings())
    if (lower(s.first) == name) return s;
  for (const auto& s : other_settings())
    if (lower(s.first) == name) return s;
  return std::nullopt;
}

std::string current_value(const std::string& name, const SessionState& session) {
  if (name == "session_authorization") return session.user;  // who logged in, whatever RESET does
  if (name == "is_superuser") return session.superuser ? "on" : "off";
  auto it = session.settings.find(name);
  if (it != session.settings.end()) return it->second;
  if (name == "transaction isolation level") return "read committed";
  auto known = known_setting(name);
  return known ? known->second : std::string();
}

}  // namespace

}  // namespace exec

const std::vector<std::pair<std::string, std::string>>& known_default_settings() {
  static const std::vector<std::pair<std::string, std::string>> k = [] {
    std::vector<std::pair<std::string, std::string>> out = reported_default_settings();
    for (const auto& s : exec::other_settings())
      if (s.first != "datestyle") out.push_back(s);  // the lower-case alias of DateStyle
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return exec::lower(a.first) < exec::lower(b.first); });
    return out;
  }();
  return k;
}

namespace exec {

void show(Database& db, const ast::Show& stmt, SessionState& session, ResultWriter& out) {
  const std::string what = lower(stmt.what);
  std::vector<std::vector<std::string>> rows;
  if (what == "streams") {
    for (const auto& r : db.catalog().list())
      if (r->kind == catalog::RelationKind::Stream)
        rows.push_back({r->name, r->connector.empty() ? "insert" : r->connector});
    return write_text_rows(out, {"name", "source"}, rows, "SHOW");
  }
  if (what == "tables") {
    for (const auto& r : db.catalog().list())
      if (r->kind == catalog::RelationKind::Table && r->connector != "system") rows.push_back({r->name, r->connector});
    return write_text_rows(out, {"name", "storage"}, rows, "SHOW");
  }
  if (what == "materialized views") {
    for (const auto& r : db.catalog().list())
      if (r->kind == catalog::RelationKind::MaterializedView) {
        auto q = db.query_for(r->id);
        rows.push_back({r->name, q ? std::to_string(q->id()) : ""});
      }
    return write_text_rows(out, {"name", "query_id"}, rows, "SHOW");
  }
  if (what == "queries") {
    for (const auto& q : db.queries()) {
      auto target = db.catalog().find_by_id(q->target_relation());
      engine::QueryStatus st = q->status();
      std::string status = st.error.empty() ? st.state : st.state + ": " + st.error;
      if (!st.notice.empty()) status += " (" + st.notice + ")";
      rows.push_back({std::to_string(q->id()), target ? target->name : "", q->source_description(), status,
                      std::to_string(st.rows_consumed), st.lag < 0 ? "" : std::to_string(st.lag),
                      std::to_string(st.epochs),
                      st.last_commit_micros ? format_timestamptz(st.last_commit_micros) : "",
                      std::to_string(st.late_rows),
                      st.watermark == engine::WatermarkTracker::kNone ? "" : format_timestamp(st.watermark),
                      std::to_string(st.state_groups), std::to_string(st.state_bytes)});
    }
    return write_text_rows(out,
                           {"id", "target", "source", "status", "rows_consumed", "lag", "epochs", "last_commit",
                            "late_rows", "watermark", "state_groups", "state_bytes"},
                           rows, "SHOW");
  }
  if (what == "all") {
    std::vector<std::string> names;
    for (const auto& s : reported_default_settings()) names.push_back(s.first);
    for (const auto& s : other_settings())
      if (s.first != "datestyle") names.push_back(s.first);
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return lower(a) < lower(b); });
    for (const auto& n : names) rows.push_back({n, current_value(lower(n), session), ""});
    return write_text_rows(out, {"name", "setting", "description"}, rows, "SHOW");
  }
  auto known = known_setting(what);
  if (!known && !session.settings.count(what) && what != "transaction isolation level")
    throw SqlError(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + stmt.what + "\"");
  std::string column = known ? known->first : (what == "transaction isolation level" ? "transaction_isolation" : what);
  if (column == "datestyle") column = "DateStyle";
  write_text_rows(out, {column}, {{current_value(what, session)}}, "SHOW");
}

void set(const ast::Set& stmt, SessionState& session, ResultWriter& out) {
  const std::string name = lower(stmt.name);
  auto report = [&](const std::string& n) {
    for (const auto& s : reported_default_settings())
      if (lower(s.first) == n) out.parameter_status(s.first, current_value(n, session));
  };
  if (stmt.reset) {
    if (name == "all") {
      auto names = session.settings;
      session.settings.clear();
      for (const auto& [n, v] : names) report(n);
    } else {
      session.settings.erase(name);
      report(name);
    }
    out.complete("RESET");
    return;
  }
  if (name == "is_superuser")
    throw SqlError(sqlstate::kCantChangeRuntimeParam, "parameter \"is_superuser\" cannot be changed");
  if (name == "session_authorization")
    throw SqlError(sqlstate::kFeatureNotSupported, "SET SESSION AUTHORIZATION is not supported yet");
  std::string value;
  for (const auto& v : stmt.values) value += (value.empty() ? "" : ", ") + v;
  if (stmt.values.empty()) {
    session.settings.erase(name);
  } else if (name == "timezone") {
    std::string v = lower(value);
    if (v != "utc" && v != "gmt" && v != "etc/utc" && v != "z" && v != "+00" && v != "0" && v != "local" && v != "default")
      throw SqlError(sqlstate::kFeatureNotSupported, "time zone \"" + value + "\" is not supported yet")
          .with_hint("Eddy runs in UTC in this version.");
    session.settings.erase(name);
  } else if (name == "client_encoding") {
    std::string v = lower(value);
    v.erase(std::remove(v.begin(), v.end(), '-'), v.end());
    v.erase(std::remove(v.begin(), v.end(), '_'), v.end());
    if (v != "utf8" && v != "unicode" && v != "sqlascii")
      throw SqlError(sqlstate::kFeatureNotSupported, "conversion to encoding \"" + value + "\" is not supported")
          .with_hint("Eddy speaks UTF8.");
  } else if (name == "statement_timeout") {
    // Kept in PostgreSQL's display form ("100ms", "1s", "0"), which Executor::execute reads back.
    session.settings[name] = format_milliseconds_setting(parse_milliseconds_setting(name, value));
  } else if (name == "datestyle") {
    std::string v = lower(value);
    if (v.find("iso") == std::string::npos)
      throw SqlError(sqlstate::kFeatureNotSupported, "DateStyle \"" + value + "\" is not supported yet")
          .with_hint("Eddy formats dates in ISO style.");
    session.settings[name] = "ISO, MDY";
  } else {
    session.settings[name] = value;
  }
  report(name);
  out.complete("SET");
}

void describe(Database& db, const ast::Describe& stmt, ResultWriter& out) {
  const std::string& name = stmt.name.back();
  auto rel = db.catalog().find(name);
  if (!rel) throw SqlError(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist");
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : rel->columns)
    if (!c.hidden) rows.push_back({c.name, c.type.sql_name(), c.nullable ? "YES" : "NO", c.primary_key ? "YES" : "NO"});
  write_text_rows(out, {"column_name", "data_type", "is_nullable", "is_primary_key"}, rows, "DESCRIBE");
}

}  // namespace exec
}  // namespace eddy
