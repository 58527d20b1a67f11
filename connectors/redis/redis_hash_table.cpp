// RedisHashSink and write_redis_rows (scan_redis_table is in redis_table_scan.cpp).

#include "connectors/redis/redis_hash_table.h"

#include "common/error.h"
#include "common/log.h"
#include "common/value_text.h"
#include "connectors/redis/redis_hash_writer.h"

namespace eddy::connectors {

namespace {

std::vector<std::string> field_names(const catalog::Relation& table) {
  std::vector<std::string> names;
  for (const auto& c : table.columns) names.push_back(c.hidden ? std::string() : c.name);
  return names;
}

}  // namespace

RedisHashSink::RedisHashSink(const catalog::Relation& table, RedisEndpoint endpoint, RedisTableOptions options,
                             int key_column)
    : names_(field_names(table)), endpoint_(std::move(endpoint)), options_(std::move(options)),
      key_column_(key_column) {
  for (const auto& c : table.columns) types_.push_back(c.type);
  if (key_column_ < 0 || key_column_ >= static_cast<int>(names_.size()))
    throw SqlError(sqlstate::kInvalidTableDefinition,
                   "Redis table \"" + table.name + "\" needs a key column to be written continuously")
        .with_hint("Give the table a PRIMARY KEY or the option key.column.");
}

RedisHashSink::~RedisHashSink() = default;

std::string RedisHashSink::describe() const {
  return "redis hashes " + options_.table + ":<" + names_[key_column_] + "> at " + endpoint_.describe();
}

void RedisHashSink::write(uint64_t /*epoch*/, const std::vector<engine::SinkChange>& changes) {
  if (changes.empty()) return;
  if (!conn_) conn_ = std::make_unique<RedisConnection>(endpoint_);
  try {
    RedisHashWriter writer(*conn_, options_.ttl);
    std::vector<HashField> fields;
    for (const auto& change : changes) {
      const Value* key_value = static_cast<size_t>(key_column_) < change.row.size() ? &change.row[key_column_] : nullptr;
      std::optional<Value> decoded;
      if (change.erase && !key_value) {
        decoded = decode_first_key_value(change.key, types_[key_column_]);
        if (!decoded)
          throw SqlError(sqlstate::kInternalError, "cannot tell which Redis hash to delete: the erased row is unknown");
        key_value = &*decoded;
      }
      if (!key_value || key_value->is_null) {
        log::warning("redis sink " + options_.table + ": skipped a row whose key column " + names_[key_column_] +
                     " is NULL");
        continue;
      }
      const std::string key = redis_row_key(options_.table, format_value(*key_value));
      if (change.erase) {
        writer.erase(key);
        continue;
      }
      fields.clear();
      for (size_t c = 0; c < names_.size() && c < change.row.size(); ++c) {
        if (names_[c].empty()) continue;
        const Value& v = change.row[c];
        fields.push_back({names_[c], v.is_null ? std::nullopt : std::optional<std::string>(format_value(v))});
      }
      writer.upsert(key, fields);
    }
    writer.finish();
  } catch (const RedisError& e) {
    if (e.connection_lost()) conn_.reset();
    throw;
  } catch (...) {
    conn_.reset();  // replies may be left unread: start clean next time
    throw;
  }
}

size_t write_redis_rows(const catalog::Relation& table, const RedisEndpoint& endpoint,
                        const RedisTableOptions& options, int key_column, const Batch& rows) {
  if (rows.rows() == 0) return 0;
  if (key_column >= 0 && rows.columns[key_column].has_nulls())
    for (size_t r = 0; r < rows.rows(); ++r)
      if (rows.columns[key_column].is_null(r))
        throw SqlError(sqlstate::kNotNullViolation, "null value in column \"" + table.columns[key_column].name +
                                                        "\" of relation \"" + table.name +
                                                        "\" violates not-null constraint")
            .with_detail("It names the row's Redis hash " + options.table + ":<" + table.columns[key_column].name + ">.");
  RedisConnection conn(endpoint);
  RedisHashWriter writer(conn, options.ttl);
  std::vector<HashField> fields;
  std::string key_text;
  for (size_t r = 0; r < rows.rows(); ++r) {
    fields.clear();
    for (size_t c = 0; c < table.columns.size() && c < rows.columns.size(); ++c) {
      if (table.columns[c].hidden) continue;
      const Column& col = rows.columns[c];
      std::optional<std::string> text;
      if (!col.is_null(r)) {
        text.emplace();
        append_value_text(*text, col, r);
      }
      fields.push_back({table.columns[c].name, std::move(text)});
    }
    key_text.clear();
    if (key_column >= 0) append_value_text(key_text, rows.columns[key_column], r);
    else key_text = random_row_id();
    writer.upsert(redis_row_key(options.table, key_text), fields);
  }
  writer.finish();
  return rows.rows();
}

}  // namespace eddy::connectors
