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
};

class Database {
 public:
  explicit Database(DatabaseOptions options) : options_(options) {}
  ~Database();

  catalog::Catalog& catalog() { return catalog_; }
  storage::Store& store() { return store_; }
  const DatabaseOptions& options() const { return options_; }

  // The buffer of a stream fed by INSERT / COPY; created with the stream.
  std::shared_ptr<engine::StreamBuffer> stream_buffer(uint64_t relation);
  void add_stream_buffer(uint64_t relation, std::shared_ptr<engine::StreamBuffer> buffer);

  // Opens the source a continuous query reads from `stream`. Throws SqlError 0A000 for
  // connectors this version does not have.
  std::unique_ptr<engine::Source> open_source(const catalog::Relation& stream);

  // Starts a continuous query maintaining `target`; returns its id.
  uint64_t start_query(uint64_t target, std::unique_ptr<engine::Source> source, engine::QueryPlan plan);
  // Stops and forgets the queries writing `target`, and the rows and buffers of `relation`.
  void drop_relation_data(uint64_t relation);
  std::vector<std::shared_ptr<engine::ContinuousQuery>> queries() const;
  std::shared_ptr<engine::ContinuousQuery> query_for(uint64_t target) const;
  // Read-your-writes for views over streams fed by INSERT/COPY: waits (bounded) until the
  // view's query has committed everything written to its stream before this call.
  void catch_up(const catalog::Relation& view);
  // Stops every query (committing what they processed).
  void shutdown();

 private:
  DatabaseOptions options_;
  catalog::Catalog catalog_;
  storage::Store store_;
  mutable std::mutex mutex_;
  std::map<uint64_t, std::shared_ptr<engine::StreamBuffer>> buffers_;
  std::map<uint64_t, std::shared_ptr<engine::ContinuousQuery>> queries_;  // by query id
  uint64_t next_query_id_ = 1;
};

}  // namespace eddy
