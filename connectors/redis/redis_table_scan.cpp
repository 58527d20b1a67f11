// scan_redis_table: SELECT from a Redis table (layout in redis_hash_table.h).

#include <unordered_set>

#include "common/error.h"
#include "common/timestamp_lenient.h"
#include "common/value_text.h"
#include "connectors/redis/redis_hash_table.h"

namespace eddy::connectors {

namespace {

constexpr const char* kScanCount = "1000";

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (fold(a[i]) != fold(b[i])) return false;
  return true;
}

// A SCAN MATCH pattern that matches `text` literally.
std::string glob_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The value of field `name` in an HGETALL reply, exact name first, then case-insensitive.
const redisReply* find_field(const redisReply* hash, std::string_view name) {
  for (size_t f = 0; f + 1 < hash->elements; f += 2)
    if (reply_text(hash->element[f]) == name) return hash->element[f + 1];
  for (size_t f = 0; f + 1 < hash->elements; f += 2)
    if (equal_nocase(reply_text(hash->element[f]), name)) return hash->element[f + 1];
  return nullptr;
}

// Appends `text` read as the column's type; NULL (and counted) when it does not parse.
void append_parsed(Column& col, std::string_view text, uint64_t& unparsable) {
  const Type type = col.type();
  try {
    col.append(parse_value(text, type));
    return;
  } catch (const SqlError&) {
  }
  if (type.id == TypeId::Timestamp || type.id == TypeId::TimestampTz) {
    try {  // epoch milliseconds, as stream fields may hold them
      col.append_int(parse_timestamp_lenient(text));
      return;
    } catch (const SqlError&) {
    }
  }
  ++unparsable;
  col.append_null();
}

}  // namespace

Batch scan_redis_table(const catalog::Relation& table, const RedisEndpoint& endpoint,
                       const RedisTableOptions& options, RedisScanStats* stats) {
  const int key_column = redis_key_column(table, options);
  std::vector<Type> types;
  for (const auto& c : table.columns) types.push_back(c.type);
  Batch out = Batch::with_types(types);
  RedisScanStats local;
  RedisScanStats& st = stats ? *stats : local;
  st = RedisScanStats{};

  RedisConnection conn(endpoint);
  const std::string prefix = options.table + ":";
  const std::string pattern = glob_escape(options.table) + ":*";
  std::unordered_set<std::string> seen;  // SCAN may return a key more than once
  std::vector<std::string> keys;
  std::string cursor = "0";
  do {
    RedisReply page = conn.command({"SCAN", cursor, "MATCH", pattern, "COUNT", kScanCount});
    if (page->type != REDIS_REPLY_ARRAY || page->elements != 2 || page->element[1]->type != REDIS_REPLY_ARRAY)
      throw SqlError(sqlstate::kInternalError, "unexpected reply to SCAN from Redis at " + endpoint.describe());
    cursor = std::string(reply_text(page->element[0]));
    keys.clear();
    const redisReply* found = page->element[1];
    for (size_t i = 0; i < found->elements; ++i) {
      std::string key(reply_text(found->element[i]));
      if (seen.insert(key).second) keys.push_back(std::move(key));
    }
    for (const auto& key : keys) conn.append({"HGETALL", key});
    for (const auto& key : keys) {
      RedisReply hash = conn.read_reply();
      if (hash.is_error() || hash->type != REDIS_REPLY_ARRAY || hash->elements == 0) {
        ++st.skipped;  // not a hash (WRONGTYPE), or expired since SCAN saw it
        continue;
      }
      for (size_t c = 0; c < table.columns.size(); ++c) {
        Column& col = out.columns[c];
        if (table.columns[c].hidden) {
          col.append_null();
          continue;
        }
        if (const redisReply* v = find_field(hash.get(), table.columns[c].name)) {
          append_parsed(col, reply_text(v), st.unparsable);
        } else if (static_cast<int>(c) == key_column) {
          append_parsed(col, std::string_view(key).substr(prefix.size()), st.unparsable);
        } else {
          col.append_null();
        }
      }
      out.weights.push_back(1);
      ++st.hashes;
    }
  } while (cursor != "0");
  return out;
}

}  // namespace eddy::connectors
