#pragma once
// Pipelined writes of spark-redis row hashes (layout in redis_hash_table.h), shared by the
// continuous sink and INSERT. One writer per connection and batch of writes; one thread.
//
//   RedisHashWriter w(conn, ttl);
//   w.upsert("click:test", fields);   // HSET (+ HDEL for NULLs) (+ EXPIRE)
//   w.erase("click:gone");            // DEL
//   w.finish();                       // reads every reply; throws on the first error

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/value.h"
#include "connectors/redis/redis_connection.h"

namespace eddy::connectors {

// One column of a row as written: its field name, and its text (nullopt for NULL).
struct HashField {
  std::string_view name;
  std::optional<std::string> text;
};

class RedisHashWriter {
 public:
  static constexpr size_t kPipelineCommands = 1000;

  RedisHashWriter(RedisConnection& conn, std::optional<int64_t> ttl) : conn_(conn), ttl_(ttl) {}

  void upsert(std::string_view key, const std::vector<HashField>& fields);
  void erase(std::string_view key);
  // Reads the replies of everything queued. Throws RedisError for the first error reply.
  void finish();

 private:
  void maybe_flush();

  RedisConnection& conn_;
  std::optional<int64_t> ttl_;
  std::string ttl_text_;
  std::vector<std::string_view> argv_;
};

// "<table>:<key>".
std::string redis_row_key(const std::string& table, std::string_view key_text);
// 32 random hex digits, for rows of a table without a key column.
std::string random_row_id();
// The first value of a storage key (storage/key_encoding.h), read as `type`; nullopt when the
// bytes do not hold one.
std::optional<Value> decode_first_key_value(std::string_view encoded, Type type);

}  // namespace eddy::connectors
