// pg_settings: the settings SHOW knows, with PostgreSQL 15's descriptions, units, contexts
// and limits. Values come from the snapshot (the session's SET values or Eddy's defaults);
// settings with a unit show the number in that unit, as PostgreSQL does ('4MB' -> 4096 kB).
#include <algorithm>
#include <cctype>
#include <cmath>

#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_table.h"

namespace eddy::syscat {
namespace {

using namespace col;

struct SettingInfo {
  const char* name;  // lower case
  const char* unit;  // nullptr: none
  const char* category;
  const char* short_desc;
  const char* extra_desc;  // nullptr: none
  const char* context;
  const char* vartype;
  const char* min_val;
  const char* max_val;
  std::vector<std::string> enumvals;
};

const char* const kLocale = "Client Connection Defaults / Locale and Formatting";
const char* const kStatement = "Client Connection Defaults / Statement Behavior";
const char* const kPreset = "Preset Options";
const char* const kTimeoutDesc = "A value of 0 turns off the timeout.";
const std::vector<std::string> kIsolations = {"serializable", "repeatable read", "read committed", "read uncommitted"};

// SELECT name, unit, category, short_desc, extra_desc, context, vartype, min_val, max_val,
// enumvals FROM pg_settings (PostgreSQL 15).
const std::vector<SettingInfo>& setting_infos() {
  static const std::vector<SettingInfo> k = {
      {"application_name", nullptr, "Reporting and Logging / What to Log",
       "Sets the application name to be reported in statistics and logs.", nullptr, "user", "string", nullptr, nullptr, {}},
      {"block_size", nullptr, kPreset, "Shows the size of a disk block.", nullptr, "internal", "integer", "8192", "8192", {}},
      {"bytea_output", nullptr, kStatement, "Sets the output format for bytea.", nullptr, "user", "enum", nullptr,
       nullptr, {"escape", "hex"}},
      {"client_encoding", nullptr, kLocale, "Sets the client's character set encoding.", nullptr, "user", "string",
       nullptr, nullptr, {}},
      {"client_min_messages", nullptr, kStatement, "Sets the message levels that are sent to the client.",
       "Each level includes all the levels that follow it. The later the level, the fewer messages are sent.", "user",
       "enum", nullptr, nullptr,
       {"debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"}},
      {"datestyle", nullptr, kLocale, "Sets the display format for date and time values.",
       "Also controls interpretation of ambiguous date inputs.", "user", "string", nullptr, nullptr, {}},
      {"default_text_search_config", nullptr, kLocale, "Sets default text search configuration.", nullptr, "user",
       "string", nullptr, nullptr, {}},
      {"default_transaction_isolation", nullptr, kStatement,
       "Sets the transaction isolation level of each new transaction.", nullptr, "user", "enum", nullptr, nullptr,
       kIsolations},
      {"default_transaction_read_only", nullptr, kStatement, "Sets the default read-only status of new transactions.",
       nullptr, "user", "bool", nullptr, nullptr, {}},
      {"extra_float_digits", nullptr, kLocale, "Sets the number of digits displayed for floating-point values.",
       "This affects real, double precision, and geometric data types. A zero or negative parameter value is added "
       "to the standard number of digits (FLT_DIG or DBL_DIG as appropriate). Any value greater than zero selects "
       "precise output mode.",
       "user", "integer", "-15", "3", {}},
      {"idle_in_transaction_session_timeout", "ms", kStatement,
       "Sets the maximum allowed idle time between queries, when in a transaction.", kTimeoutDesc, "user", "integer",
       "0", "2147483647", {}},
      {"in_hot_standby", nullptr, kPreset, "Shows whether hot standby is currently active.", nullptr, "internal", "bool",
       nullptr, nullptr, {}},
      {"integer_datetimes", nullptr, kPreset, "Shows whether datetimes are integer based.", nullptr, "internal", "bool",
       nullptr, nullptr, {}},
      {"intervalstyle", nullptr, kLocale, "Sets the display format for interval values.", nullptr, "user", "enum",
       nullptr, nullptr, {"postgres", "postgres_verbose", "sql_standard", "iso_8601"}},
      {"lc_collate", nullptr, kPreset, "Shows the collation order locale.", nullptr, "internal", "string", nullptr,
       nullptr, {}},
      {"lc_ctype", nullptr, kPreset, "Shows the character classification and case conversion locale.", nullptr,
       "internal", "string", nullptr, nullptr, {}},
      {"lc_messages", nullptr, kLocale, "Sets the language in which messages are displayed.", nullptr, "superuser",
       "string", nullptr, nullptr, {}},
      {"lc_monetary", nullptr, kLocale, "Sets the locale for formatting monetary amounts.", nullptr, "user", "string",
       nullptr, nullptr, {}},
      {"lc_numeric", nullptr, kLocale, "Sets the locale for formatting numbers.", nullptr, "user", "string", nullptr,
       nullptr, {}},
      {"lc_time", nullptr, kLocale, "Sets the locale for formatting date and time values.", nullptr, "user", "string",
       nullptr, nullptr, {}},
      {"lock_timeout", "ms", kStatement, "Sets the maximum allowed duration of any wait for a lock.", kTimeoutDesc,
       "user", "integer", "0", "2147483647", {}},
      {"max_connections", nullptr, "Connections and Authentication / Connection Settings",
       "Sets the maximum number of concurrent connections.", nullptr, "postmaster", "integer", "1", "262143", {}},
      {"max_identifier_length", nullptr, kPreset, "Shows the maximum identifier length.", nullptr, "internal",
       "integer", "63", "63", {}},
      {"max_index_keys", nullptr, kPreset, "Shows the maximum number of index keys.", nullptr, "internal", "integer",
       "32", "32", {}},
      {"row_security", nullptr, kStatement, "Enable row security.",
       "When enabled, row security will be applied to all users.", "user", "bool", nullptr, nullptr, {}},
      {"search_path", nullptr, kStatement, "Sets the schema search order for names that are not schema-qualified.",
       nullptr, "user", "string", nullptr, nullptr, {}},
      {"server_encoding", nullptr, kPreset, "Shows the server (database) character set encoding.", nullptr, "internal",
       "string", nullptr, nullptr, {}},
      {"server_version", nullptr, kPreset, "Shows the server version.", nullptr, "internal", "string", nullptr, nullptr,
       {}},
      {"server_version_num", nullptr, kPreset, "Shows the server version as an integer.", nullptr, "internal",
       "integer", "150000", "150000", {}},
      {"standard_conforming_strings", nullptr, "Version and Platform Compatibility / Previous PostgreSQL Versions",
       "Causes '...' strings to treat backslashes literally.", nullptr, "user", "bool", nullptr, nullptr, {}},
      {"statement_timeout", "ms", kStatement, "Sets the maximum allowed duration of any statement.", kTimeoutDesc,
       "user", "integer", "0", "2147483647", {}},
      {"synchronous_commit", nullptr, "Write-Ahead Log / Settings",
       "Sets the current transaction's synchronization level.", nullptr, "user", "enum", nullptr, nullptr,
       {"local", "remote_write", "remote_apply", "on", "off"}},
      {"timezone", nullptr, kLocale, "Sets the time zone for displaying and interpreting time stamps.", nullptr, "user",
       "string", nullptr, nullptr, {}},
      {"transaction_isolation", nullptr, kStatement, "Sets the current transaction's isolation level.", nullptr,
       "user", "enum", nullptr, nullptr, kIsolations},
      {"transaction_read_only", nullptr, kStatement, "Sets the current transaction's read-only status.", nullptr,
       "user", "bool", nullptr, nullptr, {}},
      {"work_mem", "kB", "Resource Usage / Memory", "Sets the maximum memory to be used for query workspaces.",
       "This much memory can be used by each internal sort operation and hash table before switching to temporary "
       "disk files.",
       "user", "integer", "64", "2147483647", {}},
  };
  return k;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Settings PostgreSQL does not list in pg_settings (GUC_NO_SHOW_ALL).
bool hidden(const std::string& lower_name) {
  return lower_name == "is_superuser" || lower_name == "session_authorization";
}

// A value with a unit ("4MB", "5s", "250") in the setting's base unit (kB or ms), as
// pg_settings.setting shows it; unparsable values are shown as they are.
std::string in_unit(const std::string& value, const char* unit) {
  if (unit == nullptr) return value;
  size_t i = 0;
  while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
  size_t start = i;
  if (i < value.size() && (value[i] == '-' || value[i] == '+')) ++i;
  while (i < value.size() && (std::isdigit(static_cast<unsigned char>(value[i])) || value[i] == '.')) ++i;
  if (i == start) return value;
  double number = 0;
  try {
    number = std::stod(value.substr(start, i - start));
  } catch (...) {
    return value;
  }
  std::string suffix = value.substr(i);
  suffix.erase(std::remove_if(suffix.begin(), suffix.end(), [](unsigned char c) { return std::isspace(c); }),
               suffix.end());
  double factor = 1;
  if (std::string_view(unit) == "kB") {
    if (suffix == "B") factor = 1.0 / 1024;
    else if (suffix == "MB") factor = 1024;
    else if (suffix == "GB") factor = 1024.0 * 1024;
    else if (suffix == "TB") factor = 1024.0 * 1024 * 1024;
    else if (!suffix.empty() && suffix != "kB") return value;
  } else {
    if (suffix == "us") factor = 0.001;
    else if (suffix == "s") factor = 1000;
    else if (suffix == "min") factor = 60000;
    else if (suffix == "h") factor = 3600000;
    else if (suffix == "d") factor = 86400000;
    else if (!suffix.empty() && suffix != "ms") return value;
  }
  return std::to_string(static_cast<int64_t>(std::llround(number * factor)));
}

void fill_settings(const CatalogModel& model, TableWriter& out) {
  std::vector<SettingRow> rows;
  for (const auto& s : model.snapshot().settings)
    if (!hidden(lower(s.name))) rows.push_back(s);
  std::sort(rows.begin(), rows.end(), [](const SettingRow& a, const SettingRow& b) { return lower(a.name) < lower(b.name); });
  for (const SettingRow& s : rows) {
    const std::string key = lower(s.name);
    const SettingInfo* info = nullptr;
    for (const auto& i : setting_infos())
      if (key == i.name) info = &i;
    auto opt = [](const char* x) { return x != nullptr ? v::text(x) : v::null(); };
    const char* unit = info != nullptr ? info->unit : nullptr;
    const std::string reset = in_unit(s.default_value, unit);
    out.add({v::text(s.name), v::text(in_unit(s.value, unit)), opt(unit),
             v::text(info != nullptr ? info->category : "Customized Options"),
             v::text(info != nullptr ? info->short_desc : ""), opt(info != nullptr ? info->extra_desc : nullptr),
             v::text(info != nullptr ? info->context : "user"), v::text(info != nullptr ? info->vartype : "string"),
             v::text(s.set_in_session ? "session" : "default"), opt(info != nullptr ? info->min_val : nullptr),
             opt(info != nullptr ? info->max_val : nullptr),
             info != nullptr && !info->enumvals.empty() ? v::text_array(info->enumvals) : v::null(), v::text(reset),
             v::text(reset), v::null(), v::null(), v::boolean(false)});
  }
}

}  // namespace

void add_settings_tables(std::vector<SystemTable>& out) {
  out.push_back({"pg_catalog", "pg_settings", 12104, 'v',
                 {{"name", kText}, {"setting", kText}, {"unit", kText}, {"category", kText}, {"short_desc", kText},
                  {"extra_desc", kText}, {"context", kText}, {"vartype", kText}, {"source", kText},
                  {"min_val", kText}, {"max_val", kText}, {"enumvals", kTextArray}, {"boot_val", kText},
                  {"reset_val", kText}, {"sourcefile", kText}, {"sourceline", kInt4}, {"pending_restart", kBool}},
                 &fill_settings});
}

}  // namespace eddy::syscat
