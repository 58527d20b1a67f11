#include "connectors/redis/redis_options.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <set>

#include "common/error.h"

namespace eddy::connectors {

namespace {

constexpr const char* kConnectionOptions = "host, port, dbNum, auth, user, url";
constexpr const char* kStreamOptions =
    "stream.keys, stream.offsets, stream.group.name, stream.consumer.prefix, stream.read.batch.size, "
    "stream.read.block, stream.parallelism";
constexpr const char* kTableOptions =
    "table, key.column, ttl, model, infer.schema, max.pipeline.size, scan.count, iterator.grouping.size";

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

[[noreturn]] void bad_value(const std::string& option, const std::string& value, const std::string& hint) {
  throw SqlError(sqlstate::kInvalidParameterValue,
                 "invalid value for redis option \"" + option + "\": \"" + value + "\"")
      .with_hint(hint);
}

int64_t integer_option(const std::string& option, const std::string& value, int64_t lo, int64_t hi,
                       const std::string& hint) {
  const std::string t = trim(value);
  int64_t out = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size() || out < lo || out > hi)
    bad_value(option, value, hint);
  return out;
}

int port_option(const std::string& option, const std::string& value) {
  return static_cast<int>(integer_option(option, value, 1, 65535, "A port is a number from 1 to 65535."));
}

int db_option(const std::string& option, const std::string& value) {
  return static_cast<int>(integer_option(option, value, 0, 1 << 20, "A Redis database is a number from 0 up."));
}

bool is_connection_option(const std::string& key) {
  return key == "host" || key == "port" || key == "dbnum" || key == "db" || key == "auth" || key == "user" ||
         key == "url";
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(const std::string& s, const std::string& option, const std::string& url) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    int hi = i + 2 < s.size() ? hex_digit(s[i + 1]) : -1, lo = hi >= 0 ? hex_digit(s[i + 2]) : -1;
    if (lo < 0) bad_value(option, url, "A % in a Redis URL starts an escape such as %40 for @.");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

[[noreturn]] void unknown_option(const std::string& key, const char* kind_options) {
  throw SqlError(sqlstate::kInvalidParameterValue, "unknown option \"" + key + "\" for USING redis")
      .with_hint(std::string("Valid options are ") + kind_options + ", and the connection options " +
                 kConnectionOptions + ".");
}

}  // namespace

std::string RedisEndpoint::describe() const {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

bool is_stream_entry_id(const std::string& text) {
  auto digits = [](std::string_view s) {
    return !s.empty() && s.size() <= 20 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const size_t dash = text.find('-');
  if (dash == std::string::npos) return digits(text);
  return digits(std::string_view(text).substr(0, dash)) && digits(std::string_view(text).substr(dash + 1));
}

RedisEndpoint parse_redis_url(const std::string& url, const std::string& option) {
  const std::string hint = "Expected redis://[[user]:password@]host[:port][/db].";
  const std::string scheme = lower(url.substr(0, std::min<size_t>(url.size(), 8)));
  if (scheme == "rediss:/")
    throw SqlError(sqlstate::kFeatureNotSupported, "TLS connections to Redis (rediss://) are not supported")
        .with_hint("Use redis:// to a TLS terminator, or a plain connection.");
  if (scheme != "redis://") bad_value(option, url, hint);
  const std::string rest = url.substr(8);
  RedisEndpoint out;
  const size_t at = rest.rfind('@');
  const size_t authority_start = at == std::string::npos ? 0 : at + 1;
  const size_t slash = rest.find('/', authority_start);
  const std::string authority = rest.substr(authority_start, slash - authority_start);
  if (at != std::string::npos) {
    const std::string userinfo = rest.substr(0, at);
    const size_t colon = userinfo.find(':');
    if (colon == std::string::npos) {
      out.password = percent_decode(userinfo, option, url);  // redis://password@host
    } else {
      out.user = percent_decode(userinfo.substr(0, colon), option, url);
      out.password = percent_decode(userinfo.substr(colon + 1), option, url);
    }
  }
  std::string port_text;
  if (!authority.empty() && authority[0] == '[') {  // [IPv6]:port
    const size_t close = authority.find(']');
    if (close == std::string::npos) bad_value(option, url, hint);
    out.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') bad_value(option, url, hint);
      port_text = authority.substr(close + 2);
    }
  } else {
    const size_t colon = authority.rfind(':');
    out.host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
  }
  if (out.host.empty()) bad_value(option, url, hint);
  if (!port_text.empty()) out.port = port_option(option, port_text);
  if (slash != std::string::npos) {
    const std::string db = rest.substr(slash + 1);
    if (!db.empty()) out.db = db_option(option, db);
  }
  return out;
}

RedisEndpoint parse_redis_endpoint(const catalog::Options& options, const std::string& default_url) {
  RedisEndpoint out = default_url.empty() ? RedisEndpoint{} : parse_redis_url(default_url, "--redis-url");
  for (const auto& [raw_key, value] : options)
    if (lower(raw_key) == "url") out = parse_redis_url(value, raw_key);
  for (const auto& [raw_key, value] : options) {
    const std::string key = lower(raw_key);
    if (key == "host") {
      if (trim(value).empty()) bad_value(raw_key, value, "A host name or address is required.");
      out.host = trim(value);
    } else if (key == "port") {
      out.port = port_option(raw_key, value);
    } else if (key == "dbnum" || key == "db") {
      out.db = db_option(raw_key, value);
    } else if (key == "auth") {
      out.password = value;
    } else if (key == "user") {
      out.user = value;
    }
  }
  return out;
}

std::string RedisStreamOptions::group_start_id(const std::string& key) const {
  if (auto it = key_offsets.find(key); it != key_offsets.end()) return it->second;
  if (offsets == "latest") return "$";
  if (offsets == "earliest") return "0";
  return offsets;
}

RedisStreamOptions parse_redis_stream_options(const catalog::Options& options) {
  RedisStreamOptions out;
  bool have_keys = false, have_group = false;
  std::string json_group;
  for (const auto& [raw_key, value] : options) {
    const std::string key = lower(raw_key);
    if (is_connection_option(key) || key == "stream.parallelism") continue;
    if (key == "stream.keys") {
      have_keys = true;
      std::set<std::string> seen;
      size_t start = 0;
      while (start <= value.size()) {
        size_t comma = value.find(',', start);
        if (comma == std::string::npos) comma = value.size();
        std::string k = trim(value.substr(start, comma - start));
        if (k.empty()) bad_value(raw_key, value, "Expected stream keys separated by commas, such as 'clicks,views'.");
        if (seen.insert(k).second) out.keys.push_back(k);
        start = comma + 1;
      }
    } else if (key == "stream.offsets") {
      const std::string v = trim(value);
      if (!v.empty() && v[0] == '{') {
        // spark-redis: {"offsets":{"<key>":{"groupName":"<g>","offset":"<id>"}}}
        const std::string hint = "Expected {\"offsets\":{\"<key>\":{\"groupName\":\"<group>\",\"offset\":\"<id>\"}}}.";
        nlohmann::json j = nlohmann::json::parse(v, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("offsets") || !j["offsets"].is_object())
          bad_value(raw_key, value, hint);
        for (const auto& [stream_key, spec] : j["offsets"].items()) {
          if (!spec.is_object() || !spec.contains("offset") || !spec["offset"].is_string())
            bad_value(raw_key, value, hint);
          std::string id = spec["offset"].get<std::string>();
          if (id == "$" || id == "0" || is_stream_entry_id(id)) out.key_offsets[stream_key] = id;
          else bad_value(raw_key, value, hint);
          if (spec.contains("groupName") && spec["groupName"].is_string())
            json_group = spec["groupName"].get<std::string>();
        }
      } else if (v == "latest" || v == "earliest" || is_stream_entry_id(v)) {
        out.offsets = v;
      } else {
        bad_value(raw_key, value, "Expected 'latest', 'earliest' or an entry ID such as '1548083485360-0'.");
      }
    } else if (key == "stream.group.name") {
      if (trim(value).empty()) bad_value(raw_key, value, "A consumer group name is required.");
      out.group = value;
      have_group = true;
    } else if (key == "stream.consumer.prefix") {
      if (trim(value).empty()) bad_value(raw_key, value, "A consumer name prefix is required.");
      out.consumer = value + "-1";
    } else if (key == "stream.read.batch.size") {
      out.batch_size = integer_option(raw_key, value, 1, 1000000, "Expected a number of entries from 1 to 1000000.");
    } else if (key == "stream.read.block") {
      out.block_ms = integer_option(raw_key, value, 0, 3600000, "Expected milliseconds, from 0 up.");
    } else {
      unknown_option(raw_key, kStreamOptions);
    }
  }
  if (!have_keys)
    throw SqlError(sqlstate::kInvalidParameterValue, "missing option \"stream.keys\" for USING redis")
        .with_hint("Name the stream keys to read, e.g. OPTIONS (stream.keys 'clicks').");
  if (!have_group && !json_group.empty()) out.group = json_group;
  return out;
}

RedisTableOptions parse_redis_table_options(const catalog::Options& options) {
  RedisTableOptions out;
  for (const auto& [raw_key, value] : options) {
    const std::string key = lower(raw_key);
    if (is_connection_option(key) || key == "infer.schema" || key == "max.pipeline.size" || key == "scan.count" ||
        key == "iterator.grouping.size")
      continue;
    if (key == "table") {
      if (value.empty()) bad_value(raw_key, value, "The table option is the key prefix of the hashes, e.g. 'click'.");
      out.table = value;
    } else if (key == "key.column") {
      if (trim(value).empty()) bad_value(raw_key, value, "Name the column whose value ends each hash's key.");
      out.key_column = trim(value);
    } else if (key == "ttl") {
      int64_t ttl = integer_option(raw_key, value, INT64_MIN, INT64_MAX, "Expected a whole number of seconds.");
      if (ttl >= 1) out.ttl = ttl;
      else out.ttl.reset();
    } else if (key == "model") {
      if (lower(trim(value)) != "hash")
        throw SqlError(sqlstate::kFeatureNotSupported, "redis option \"model\" '" + value + "' is not supported")
            .with_hint("Redis tables are stored as hashes (model 'hash').");
    } else {
      unknown_option(raw_key, kTableOptions);
    }
  }
  if (out.table.empty())
    throw SqlError(sqlstate::kInvalidParameterValue, "missing option \"table\" for USING redis")
        .with_hint("Name the key prefix of the hashes, e.g. OPTIONS (table 'click') for keys click:<key>.");
  return out;
}

int redis_key_column(const catalog::Relation& table, const RedisTableOptions& options) {
  if (!options.key_column.empty()) {
    int idx = table.column_index(options.key_column);
    if (idx < 0) idx = table.column_index(lower(options.key_column));
    if (idx < 0)
      throw SqlError(sqlstate::kUndefinedColumn, "key.column \"" + options.key_column + "\" is not a column of \"" +
                                                     table.name + "\"");
    return idx;
  }
  auto pk = table.primary_key_columns();
  return pk.size() == 1 ? pk[0] : -1;
}

}  // namespace eddy::connectors
