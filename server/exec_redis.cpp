// Redis-backed streams and tables: CREATE-time checks, the sink of continuous queries, SELECT
// and INSERT. The connector itself is connectors/redis/.

#include "common/error.h"
#include "connectors/redis/redis_connection.h"
#include "connectors/redis/redis_hash_table.h"
#include "connectors/redis/redis_options.h"
#include "server/exec_internal.h"

namespace eddy::exec {

namespace {

void add_builtin(catalog::Relation& r, const std::string& name, Type type) {
  if (r.column_index(name) < 0) r.columns.push_back({name, type, false, false, true});
}

}  // namespace

void prepare_redis_stream(Database& db, catalog::Relation& stream) {
  stream.connector = "redis";
  auto endpoint = connectors::parse_redis_endpoint(stream.options, db.options().redis_url);
  connectors::parse_redis_stream_options(stream.options);  // throws naming a bad option
  connectors::check_reachable(endpoint);                    // throws 08001 naming host and port
  add_builtin(stream, "_id", Type::text());
  add_builtin(stream, "_key", Type::text());
}

void prepare_redis_table(Database& db, catalog::Relation& table) {
  table.connector = "redis";
  auto endpoint = connectors::parse_redis_endpoint(table.options, db.options().redis_url);
  auto options = connectors::parse_redis_table_options(table.options);
  connectors::redis_key_column(table, options);  // a key.column that names no column is an error now
  connectors::check_reachable(endpoint);
}

std::unique_ptr<engine::Sink> open_redis_sink(Database& db, const catalog::Relation& table) {
  auto endpoint = connectors::parse_redis_endpoint(table.options, db.options().redis_url);
  auto options = connectors::parse_redis_table_options(table.options);
  int key = connectors::redis_key_column(table, options);
  if (key < 0)
    throw SqlError(sqlstate::kInvalidColumnReference,
                   "a continuous query into Redis table \"" + table.name + "\" needs a key column")
        .with_hint("Add OPTIONS (key.column 'name') or a PRIMARY KEY: each row is the hash <table>:<key>.");
  return std::make_unique<connectors::RedisHashSink>(table, endpoint, options, key);
}

Batch read_redis_table(Database& db, const catalog::Relation& table) {
  auto endpoint = connectors::parse_redis_endpoint(table.options, db.options().redis_url);
  auto options = connectors::parse_redis_table_options(table.options);
  return connectors::scan_redis_table(table, endpoint, options);
}

void write_redis_rows(Database& db, const catalog::Relation& table, const Batch& rows) {
  auto endpoint = connectors::parse_redis_endpoint(table.options, db.options().redis_url);
  auto options = connectors::parse_redis_table_options(table.options);
  connectors::write_redis_rows(table, endpoint, options, connectors::redis_key_column(table, options), rows);
}

}  // namespace eddy::exec
