#pragma once
// The OPTIONS of `USING redis`, checked at CREATE time, with spark-redis's names and meanings.
//
// Connection (streams and tables):
//   host, port, dbnum (also db), auth (the password), user   -- each overrides one field
//   url 'redis://[[user]:password@]host[:port][/db]'           -- a whole address
// What the options do not say comes from the server-wide default URL (`eddy server --redis-url`),
// or localhost:6379 db 0 without a password when there is none. A `url` option replaces the
// default entirely; host/port/dbnum/auth/user then override single fields of the result.
//
// Stream (CREATE STREAM ... USING redis):
//   stream.keys 'a,b'           required; the stream keys, comma-separated
//   stream.offsets              'latest' (default), 'earliest', an entry ID '1548083485360-0', or
//                               spark-redis's JSON {"offsets":{"key":{"groupName":"g","offset":"ID"}}}
//                               Used only when the consumer group is created.
//   stream.group.name           consumer group (default eddy)
//   stream.consumer.prefix      consumer name is <prefix>-1 (default eddy-1)
//   stream.read.batch.size      COUNT per XREADGROUP and key (default 10000)
//   stream.read.block           longest single BLOCK of XREADGROUP, ms (default 100)
//   stream.parallelism          accepted for spark-redis compatibility, ignored (one consumer)
//
// Table (CREATE TABLE ... USING redis): table (required; rows are hashes <table>:<key>),
// key.column, ttl (seconds; < 1 means no expiry, as in spark-redis), model ('hash' only), and
// spark-redis's infer.schema, max.pipeline.size, scan.count, iterator.grouping.size (ignored).
//
// Option keys match case-insensitively. Every failure is SqlError 22023 naming the option.
// Pure functions; any thread.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/relation.h"

namespace eddy::connectors {

struct RedisEndpoint {
  std::string host = "localhost";
  int port = 6379;
  int db = 0;
  std::string user;
  std::string password;
  std::string describe() const;  // "localhost:6379" (IPv6 hosts in brackets)
};

// Parses 'redis://[[user]:password@]host[:port][/db]' (user and password may be %-encoded).
// `option` names where the URL came from in errors ("url", "--redis-url").
RedisEndpoint parse_redis_url(const std::string& url, const std::string& option = "url");

// The connection options of `options` over `default_url` ("" = localhost:6379). Ignores
// options that are not connection options (the stream/table parsers below check those).
RedisEndpoint parse_redis_endpoint(const catalog::Options& options, const std::string& default_url);

struct RedisStreamOptions {
  std::vector<std::string> keys;
  std::string offsets = "latest";  // latest | earliest | an entry ID
  // Per-key start IDs from spark-redis's JSON form of stream.offsets; override `offsets`.
  std::map<std::string, std::string> key_offsets;
  std::string group = "eddy";
  std::string consumer = "eddy-1";
  int64_t batch_size = 10000;
  int64_t block_ms = 100;

  // The XGROUP CREATE start ID for `key`: "$" (latest), "0" (earliest) or an entry ID.
  std::string group_start_id(const std::string& key) const;
};

RedisStreamOptions parse_redis_stream_options(const catalog::Options& options);

struct RedisTableOptions {
  std::string table;
  std::string key_column;  // empty: the lead's default (the primary key column)
  std::optional<int64_t> ttl;
};

RedisTableOptions parse_redis_table_options(const catalog::Options& options);

// The index of the column whose value names each row's hash: key.column, else the single
// primary key column, else -1 (rows then get random names, as spark-redis does). Throws
// SqlError 42703 when key.column names no column of `table`.
int redis_key_column(const catalog::Relation& table, const RedisTableOptions& options);

// True for a Redis entry ID "<ms>-<seq>" or "<ms>".
bool is_stream_entry_id(const std::string& text);

}  // namespace eddy::connectors
