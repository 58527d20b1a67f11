#pragma once
// CREATE TABLE ... USING redis: a table kept as Redis hashes, laid out as spark-redis does, so
// that Spark's `spark.read.format("org.apache.spark.sql.redis").option("table", "click")` and
// Eddy see the same rows.
//
// Layout. Row -> hash `<table>:<key>`, where <key> is the key column's value as PostgreSQL text
// ("click:aksh1hf98qw7tt9q7", "user:42"). One field per (visible) column, the value as PostgreSQL
// text output (bool t/f, timestamp "2026-11-20 10:00:00"); a NULL is an absent field. Without
// a key column a row gets a random 32-hex-digit key (spark-redis: a UUID without dashes).
//
//   upsert ('test', 1) into table 'click', key column asset, ttl 300:
//     HSET click:test asset test count 1
//     EXPIRE click:test 300
//   upsert ('test', NULL):   HSET click:test asset test; HDEL click:test count
//   erase 'test':            DEL click:test
//
// Writes are pipelined (about 1000 commands per round trip) and absolute, never increments, so
// writing the same changes twice leaves the same hashes.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "common/column.h"
#include "connectors/redis/redis_connection.h"
#include "connectors/redis/redis_options.h"
#include "engine/sink.h"

namespace eddy::connectors {

// The continuous writer of a Redis table (`INSERT INTO t SELECT ... FROM stream`, or a
// CREATE TABLE ... USING redis AS SELECT). `key_column`: index into table.columns (see
// redis_key_column()). Connects on the first write; after a lost connection the next write
// reconnects. write() throws RedisError (or SqlError) on failure and may be called again with
// the same changes. Runner thread only.
class RedisHashSink final : public engine::Sink {
 public:
  RedisHashSink(const catalog::Relation& table, RedisEndpoint endpoint, RedisTableOptions options, int key_column);
  ~RedisHashSink() override;

  // Upserts write the row's fields (HSET + HDEL of NULL fields + EXPIRE); erases DEL the key,
  // named by the erase's row, or when that is empty by the first value of SinkChange::key.
  // An upsert whose key column is NULL is skipped with a warning (it names no hash).
  void write(uint64_t epoch, const std::vector<engine::SinkChange>& changes) override;
  std::string describe() const override;

 private:
  std::vector<std::string> names_;  // field name per column; "" for hidden columns
  std::vector<Type> types_;
  RedisEndpoint endpoint_;
  RedisTableOptions options_;
  int key_column_;
  std::unique_ptr<RedisConnection> conn_;
};

// INSERT INTO a Redis table: writes every row of `rows` (the table's full column layout) as the
// sink does an upsert, with the TTL. Throws SqlError 23502 for a NULL key and RedisError when
// Redis fails (some rows may have been written). Returns the number of rows written. Any thread.
size_t write_redis_rows(const catalog::Relation& table, const RedisEndpoint& endpoint,
                        const RedisTableOptions& options, int key_column, const Batch& rows);

struct RedisScanStats {
  uint64_t hashes = 0;      // hashes read (= rows returned)
  uint64_t unparsable = 0;  // field values that did not parse as their column's type (read as NULL)
  uint64_t skipped = 0;     // matching keys that were not hashes, or expired during the scan
};

// SELECT from a Redis table: SCAN 0 MATCH <table>:* COUNT 1000, with HGETALL pipelined per SCAN
// page, into one batch in the table's column layout (weights 1). Fields map to columns by name
// (exact, then case-insensitive); the key column, when its field is absent, comes from the key
// after "<table>:". Unparsable values become NULL and are counted in `stats`. Rows come in
// SCAN's order. Throws RedisError when Redis fails. Any thread.
Batch scan_redis_table(const catalog::Relation& table, const RedisEndpoint& endpoint,
                       const RedisTableOptions& options, RedisScanStats* stats = nullptr);

}  // namespace eddy::connectors
