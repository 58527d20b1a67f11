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
#include "server/catalog_codec.h"
#include "server/role_catalog.h"
#include "server/roles.h"
#include "storage/store.h"

namespace eddy {

struct DatabaseOptions {
  std::chrono::milliseconds checkpoint_interval{100};
  std::string redis_url;  // server-wide default for USING redis (like spark.redis.host/port)
  std::string data_dir;   // the LMDB environment; empty: a private temporary one (tests)
  unsigned max_readers = 512;
  size_t subscribe_buffer = 100000;  // --subscribe-buffer: changes a SUBSCRIBE may hold
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
  // Opens the data directory (refused while another server holds it), then loads the catalog,
  // the streams' rows and restarts every continuous query from its committed state. Returns
  // nullptr with `error` set when the directory cannot be used.
  static std::unique_ptr<Database> open(DatabaseOptions options, std::string& error);
  // A database in a private temporary directory (unit tests).
  explicit Database(DatabaseOptions options);
  ~Database();

  catalog::Catalog& catalog() { return catalog_; }
  storage::Store& store() { return *store_; }
  // The roles (CREATE/ALTER/DROP ROLE, authentication); thread-safe.
  RoleCatalog& role_catalog() { return *roles_; }
  // Every role, by oid, without passwords: what pg_roles / pg_authid show. Any thread.
  std::vector<RoleInfo> roles() const { return roles_->list(); }
  const DatabaseOptions& options() const { return options_; }

  // The buffer of a stream fed by INSERT / COPY; created with the stream.
  std::shared_ptr<engine::StreamBuffer> stream_buffer(uint64_t relation);
  void add_stream_buffer(uint64_t relation, std::shared_ptr<engine::StreamBuffer> buffer);

  // Opens the source a continuous query reads from `stream`. Throws SqlError 0A000 for
  // connectors this version does not have.
  // `query_id` (from reserve_query_id) names the query in dead letters; `position` is where a
  // recovered query resumes ("" for the start).
  std::unique_ptr<engine::Source> open_source(const catalog::Relation& stream, uint64_t query_id,
                                              const std::string& position);

  // The id of a query about to be created.
  uint64_t reserve_query_id();
  // Builds a continuous query maintaining `target` (not started). With a sink, every epoch's
  // changes also go there; `keep_in_store` false keeps them only there.
  std::shared_ptr<engine::ContinuousQuery> create_query(uint64_t id, uint64_t target, uint64_t source_relation,
                                                        std::unique_ptr<engine::Source> source, engine::QueryPlan plan,
                                                        std::unique_ptr<engine::Sink> sink, bool keep_in_store,
                                                        engine::ContinuousQuery::BadRowHandler bad_rows);
  // A query joining two streams also reads `stream` (its right side): read-your-writes waits
  // for both.
  void note_second_source(uint64_t query_id, uint64_t stream);
  // Registers and starts a query from create_query.
  void launch_query(std::shared_ptr<engine::ContinuousQuery> query);
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
  // Durable catalog: every CREATE and DROP goes through these (one commit each). Throw SqlError
  // when the store refuses (53100 when the disk is full).
  void persist_relation(const catalog::Relation& relation);
  void persist_query(const QueryRecord& record);
  void forget_relation(uint64_t relation);
  void forget_query(uint64_t id);
  // Appends rows (the stream's full width) to a stream fed over the wire: durably first, then to
  // the buffer its queries read, in one order for every reader.
  void append_to_stream(const catalog::Relation& stream, Batch rows);
  // Stops every query (committing what they processed).
  void shutdown();

 private:
  std::unique_ptr<engine::Source> open_redis_source(const catalog::Relation& stream, uint64_t query_id,
                                                    const std::string& position);

  DatabaseOptions options_;
  Database(DatabaseOptions options, std::unique_ptr<storage::Store> store);
  void add_system_tables();
  void recover();
  void apply(const storage::EpochWrite& write, const char* what);

  catalog::Catalog catalog_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<RoleCatalog> roles_;
  std::mutex append_mutex_;  // one order of appends per stream, for the log and the buffer
  mutable std::mutex mutex_;
  std::map<uint64_t, std::shared_ptr<engine::StreamBuffer>> buffers_;
  std::map<uint64_t, std::shared_ptr<engine::ContinuousQuery>> queries_;  // by query id
  std::map<uint64_t, uint64_t> query_sources_;                            // query id -> stream id
  std::map<uint64_t, uint64_t> pending_sources_;  // created, not yet launched: query id -> stream id
  std::map<uint64_t, uint64_t> second_sources_;   // query id -> the right stream of a join of two streams
  uint64_t next_query_id_ = 1;
  uint64_t dead_letters_id_ = 0;
  static constexpr uint64_t kDeadLettersId = 1000;  // fixed: its rows outlive restarts
};

}  // namespace eddy
