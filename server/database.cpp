#include "server/database.h"

#include "common/error.h"
#include "common/log.h"
#include "server/point_reads.h"
#include "storage/key_encoding.h"

namespace eddy {

Database::Database(DatabaseOptions options) : Database(std::move(options), std::make_unique<storage::Store>()) {}

Database::Database(DatabaseOptions options, std::unique_ptr<storage::Store> store)
    : options_(std::move(options)), store_(std::move(store)), roles_(std::make_unique<RoleCatalog>(*store_)) {
  add_system_tables();
  roles_->load();
}

Database::~Database() { shutdown(); }

std::unique_ptr<Database> Database::open(DatabaseOptions options, std::string& error) {
  storage::StoreOptions store_options;
  store_options.max_readers = options.max_readers;
  std::unique_ptr<storage::Store> store;
  storage::Status st = storage::Store::open(options.data_dir, store_options, store);
  if (!st.ok()) {
    error = st.message();
    return nullptr;
  }
  std::unique_ptr<Database> db(new Database(std::move(options), std::move(store)));
  db->recover();
  return db;
}

void Database::add_system_tables() {
  catalog::Relation dl;
  dl.id = kDeadLettersId;
  dl.name = "eddy_dead_letters";
  dl.kind = catalog::RelationKind::Table;
  dl.connector = "system";
  dl.columns = {{"query_id", Type::int64()}, {"source", Type::text()},   {"stream_key", Type::text()},
                {"entry_id", Type::text()},  {"payload", Type::text()},  {"error", Type::text()},
                {"time", Type::timestamptz()}};
  dead_letters_id_ = catalog_.add(std::move(dl))->id;
}

void Database::dead_letter(const DeadLetterRow& d) {
  storage::EpochWrite w;
  w.rows.resize(1);
  w.rows[0].relation = dead_letters_id_;
  w.rows[0].row = {Value::int64(static_cast<int64_t>(d.query_id)), Value::text(d.source), Value::text(d.stream_key),
                   Value::text(d.entry_id), Value::text(d.payload), Value::text(d.error),
                   Value::make_int(Type::timestamptz(), d.time_micros)};
  uint64_t sequence = 0;
  storage::Status st = store_->next_sequence(dead_letters_id_, 1, sequence);
  if (st.ok()) {
    storage::append_sequence(w.rows[0].key, sequence);
    st = store_->commit(w);
  }
  // A dead letter that cannot be stored is at least logged, with everything it carried.
  if (!st.ok())
    log::error("could not store a dead letter (" + st.to_string() + "): query " + std::to_string(d.query_id) +
               ", source " + d.source + ", entry " + d.entry_id + ", payload " + d.payload + ", error " + d.error);
}

void Database::apply(const storage::EpochWrite& write, const char* what) {
  storage::Status st = store_->commit(write);
  if (!st.ok()) throw SqlError(st.sqlstate(), std::string("could not store ") + what + ": " + st.message());
}

void Database::persist_relation(const catalog::Relation& r) {
  storage::EpochWrite w;
  w.put_state.emplace_back("catalog/" + std::to_string(r.id), encode_relation(r));
  apply(w, "the catalog entry");
}

void Database::persist_query(const QueryRecord& q) {
  storage::EpochWrite w;
  w.put_state.emplace_back("query/" + std::to_string(q.id), encode_query(q));
  apply(w, "the query");
}

void Database::forget_relation(uint64_t id) {
  storage::EpochWrite w;
  w.erase_state.push_back("catalog/" + std::to_string(id));
  w.erase_state.push_back(exec::query_keyed_marker(id));
  apply(w, "the catalog change");
}

void Database::forget_query(uint64_t id) {
  storage::EpochWrite w;
  w.erase_state.push_back("query/" + std::to_string(id));
  w.erase_state_prefixes.push_back(engine::ContinuousQuery::state_prefix(id));
  apply(w, "the catalog change");
}

std::shared_ptr<engine::StreamBuffer> Database::stream_buffer(uint64_t relation) {
  std::lock_guard lock(mutex_);
  auto it = buffers_.find(relation);
  return it == buffers_.end() ? nullptr : it->second;
}

void Database::add_stream_buffer(uint64_t relation, std::shared_ptr<engine::StreamBuffer> buffer) {
  std::lock_guard lock(mutex_);
  buffers_[relation] = std::move(buffer);
}

void Database::append_to_stream(const catalog::Relation& stream, Batch rows) {
  auto buffer = stream_buffer(stream.id);
  if (!buffer) throw SqlError(sqlstate::kInternalError, "stream \"" + stream.name + "\" has no buffer");
  std::lock_guard lock(append_mutex_);
  uint64_t first = 0;
  storage::Status st = store_->next_sequence(stream.id, rows.rows(), first);
  storage::EpochWrite w;
  for (size_t r = 0; st.ok() && r < rows.rows(); ++r) {
    storage::RowChange c;
    c.relation = stream.id;
    storage::append_sequence(c.key, first + r);
    c.row = rows.row(r);
    w.rows.push_back(std::move(c));
  }
  if (st.ok()) st = store_->commit(w);
  if (!st.ok()) throw SqlError(st.sqlstate(), "could not store the rows: " + st.message());
  buffer->append(std::move(rows));
}

void Database::drop_relation_data(uint64_t relation) {
  std::vector<std::shared_ptr<engine::ContinuousQuery>> stopping;
  std::shared_ptr<engine::StreamBuffer> buffer;
  {
    std::lock_guard lock(mutex_);
    for (auto it = queries_.begin(); it != queries_.end();) {
      if (it->second->target_relation() == relation) {
        stopping.push_back(it->second);
        query_sources_.erase(it->first);
        second_sources_.erase(it->first);
        it = queries_.erase(it);
      } else {
        ++it;
      }
    }
    auto b = buffers_.find(relation);
    if (b != buffers_.end()) {
      buffer = b->second;
      buffers_.erase(b);
    }
  }
  for (auto& q : stopping) {
    q->stop();
    forget_query(q->id());
  }
  if (buffer) buffer->close();
  storage::Status st = store_->drop_relation(relation);
  if (!st.ok()) log::error("dropping the rows of relation " + std::to_string(relation) + ": " + st.to_string());
}

void Database::shutdown() {
  std::vector<std::shared_ptr<engine::ContinuousQuery>> all;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, q] : queries_) all.push_back(q);
    for (auto& [id, b] : buffers_) b->close();
  }
  for (auto& q : all) q->stop();
}

}  // namespace eddy
