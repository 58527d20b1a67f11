#pragma once
// Everything a server serves: the catalog, the store of table and view rows, the buffers of
// streams fed over the wire, and the running continuous queries. One per server process.
//
// Thread-safe: sessions call it concurrently.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "catalog/catalog.h"
#include "engine/continuous_query.h"
#include "engine/stream_buffer.h"
#include "storage/store.h"

namespace eddy {

struct DatabaseOptions {
  std::chrono::milliseconds checkpoint_interval{100};
  std::string redis_url;  // server-wide default for USING redis (like spark.redis.host/port)
};

// A row that could not be read: kept in the system table eddy_dead_letters.
struct DeadLetterRow {
  uint64_t query_id = 0;
  std::string source;     // the stream's name
  std::string stream_key; // Redis stream key, or "" for other sources
  std::string entry_id;   // Redis entry ID, or the source's offset
  std::string payload;    // the raw fields as JSON
  std::string error;      // "22P02: invalid input syntax for type bigint: \"abc\""
  int64_t time_micros = 0;
};

class Database {
 public:
  explicit Database(DatabaseOptions options);
  ~Database();

  catalog::Catalog& catalog() { return catalog_; }
  storage::Store& store() { return store_; }
  const DatabaseOptions& options() const { return options_; }

  // The buffer of a stream fed by INSERT / COPY; created with the stream.
  std::shared_ptr<engine::StreamBuffer> stream_buffer(uint64_t relation);
  void add_stream_buffer(uint64_t relation, std::shared_ptr<engine::StreamBuffer> buffer);

  // Opens the source a continuous query reads from `stream`. Throws SqlError 0A000 for
  // connectors this version does not have.
  // `query_id` (from reserve_query_id) names the query in dead letters.
  std::unique_ptr<engine::Source> open_source(const catalog::Relation& stream, uint64_t query_id);

  // Starts a continuous query maintaining `target`; returns its id. With a sink, every epoch's
  // changes also go there; `keep_in_store` false keeps them only there.
  uint64_t reserve_query_id();
  void start_query(uint64_t id, uint64_t target, uint64_t source_relation, std::unique_ptr<engine::Source> source,
                   engine::QueryPlan plan,
                       std::unique_ptr<engine::Sink> sink = nullptr, bool keep_in_store = true,
                       engine::ContinuousQuery::BadRowHandler bad_rows = nullptr);
  // Stops and forgets one query; false when there is no such query.
  bool stop_query(uint64_t id);
  // Appends to eddy_dead_letters. Any thread.
  void dead_letter(const DeadLetterRow& row);
  uint64_t dead_letters_relation() const { return dead_letters_id_; }
  // Stops and forgets the queries writing `target`, and the rows and buffers of `relation`.
  void drop_relation_data(uint64_t relation);
  std::vector<std::shared_ptr<engine::ContinuousQuery>> queries() const;
  std::shared_ptr<engine::ContinuousQuery> query_for(uint64_t target) const;
  // Read-your-writes for views and tables kept by queries over streams fed by INSERT/COPY:
  // waits (bounded) until those queries have committed everything written to their streams
  // before this call.
  void catch_up(const catalog::Relation& relation);
  // The queries that read `stream`.
  std::vector<std::shared_ptr<engine::ContinuousQuery>> readers_of(uint64_t stream) const;
  // Stops every query (committing what they processed).
  void shutdown();

 private:
  std::unique_ptr<engine::Source> open_redis_source(const catalog::Relation& stream, uint64_t query_id);

  DatabaseOptions options_;
  catalog::Catalog catalog_;
  storage::Store store_;
  mutable std::mutex mutex_;
  std::map<uint64_t, std::shared_ptr<engine::StreamBuffer>> buffers_;
  std::map<uint64_t, std::shared_ptr<engine::ContinuousQuery>> queries_;  // by query id
  std::map<uint64_t, uint64_t> query_sources_;                            // query id -> stream id
  uint64_t next_query_id_ = 1;
  uint64_t dead_letters_id_ = 0;
};

}  // namespace eddy
