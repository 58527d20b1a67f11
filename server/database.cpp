#include "server/database.h"

#include "common/error.h"
#include "common/log.h"
#include "storage/key_encoding.h"
#include "connectors/generator/clicks_generator.h"
#include "connectors/redis/redis_options.h"
#include "connectors/redis/redis_stream_source.h"

namespace eddy {

Database::Database(DatabaseOptions options) : options_(std::move(options)) {
  catalog::Relation dl;
  dl.name = "eddy_dead_letters";
  dl.kind = catalog::RelationKind::Table;
  dl.connector = "system";
  dl.columns = {{"query_id", Type::int64()}, {"source", Type::text()},   {"stream_key", Type::text()},
                {"entry_id", Type::text()},  {"payload", Type::text()},  {"error", Type::text()},
                {"time", Type::timestamptz()}};
  dead_letters_id_ = catalog_.add(std::move(dl))->id;
}

Database::~Database() { shutdown(); }

void Database::dead_letter(const DeadLetterRow& d) {
  std::vector<storage::RowChange> change(1);
  change[0].relation = dead_letters_id_;
  storage::append_sequence(change[0].key, store_.next_sequence(dead_letters_id_));
  change[0].row = {Value::int64(static_cast<int64_t>(d.query_id)), Value::text(d.source), Value::text(d.stream_key),
                   Value::text(d.entry_id), Value::text(d.payload), Value::text(d.error),
                   Value::make_int(Type::timestamptz(), d.time_micros)};
  store_.commit(change);
}

std::unique_ptr<engine::Source> Database::open_redis_source(const catalog::Relation& stream, uint64_t query_id) {
  auto endpoint = connectors::parse_redis_endpoint(stream.options, options_.redis_url);
  auto options = connectors::parse_redis_stream_options(stream.options);
  // Every query reads every entry, so each has a consumer group of its own: "<group>:q<id>".
  options.group += ":q" + std::to_string(query_id);
  options.consumer = "eddy-q" + std::to_string(query_id);
  std::string name = stream.name;
  auto dead = [this, query_id, name](connectors::DeadLetter d) {
    dead_letter(DeadLetterRow{query_id, name, d.stream_key, d.entry_id, d.raw, d.error, d.time_micros});
  };
  return std::make_unique<connectors::RedisStreamSource>(stream, endpoint, options, dead);
}

uint64_t Database::reserve_query_id() {
  std::lock_guard lock(mutex_);
  return next_query_id_++;
}

bool Database::stop_query(uint64_t id) {
  std::shared_ptr<engine::ContinuousQuery> q;
  {
    std::lock_guard lock(mutex_);
    auto it = queries_.find(id);
    if (it == queries_.end()) return false;
    q = it->second;
    queries_.erase(it);
    query_sources_.erase(id);
  }
  q->stop();
  return true;
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

std::unique_ptr<engine::Source> Database::open_source(const catalog::Relation& stream, uint64_t query_id) {
  (void)query_id;
  if (stream.connector.empty()) {
    auto buffer = stream_buffer(stream.id);
    if (!buffer) throw SqlError(sqlstate::kInternalError, "stream \"" + stream.name + "\" has no buffer");
    return std::make_unique<engine::BufferSource>(buffer, stream.name);
  }
  if (stream.connector == "redis") return open_redis_source(stream, query_id);
  if (stream.connector == "generator") {
    auto options = connectors::parse_clicks_options(stream.options, stream.columns);
    return std::make_unique<connectors::ClicksGenerator>(stream, options);
  }
  throw SqlError(sqlstate::kFeatureNotSupported,
                 "streams USING " + stream.connector + " are not supported yet");
}

void Database::start_query(uint64_t id, uint64_t target, uint64_t source_relation, std::unique_ptr<engine::Source> source,
                           engine::QueryPlan plan,
                               std::unique_ptr<engine::Sink> sink, bool keep_in_store,
                               engine::ContinuousQuery::BadRowHandler bad_rows) {
  std::lock_guard lock(mutex_);
  auto q = std::make_shared<engine::ContinuousQuery>(id, target, std::move(source), std::move(plan), store_,
                                                     options_.checkpoint_interval);
  if (sink) q->set_sink(std::move(sink), keep_in_store);
  if (bad_rows) q->set_bad_row_handler(std::move(bad_rows));
  q->start();
  queries_[id] = q;
  query_sources_[id] = source_relation;
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
  for (auto& q : stopping) q->stop();
  if (buffer) buffer->close();
  storage::Status st = store_.drop_relation(relation);
  if (!st.ok()) log::error("dropping the rows of relation " + std::to_string(relation) + ": " + st.to_string());
}

std::vector<std::shared_ptr<engine::ContinuousQuery>> Database::queries() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<engine::ContinuousQuery>> out;
  for (const auto& [id, q] : queries_) out.push_back(q);
  return out;
}

std::shared_ptr<engine::ContinuousQuery> Database::query_for(uint64_t target) const {
  std::lock_guard lock(mutex_);
  for (const auto& [id, q] : queries_)
    if (q->target_relation() == target) return q;
  return nullptr;
}

void Database::catch_up(const catalog::Relation& relation) {
  std::vector<std::pair<std::shared_ptr<engine::ContinuousQuery>, std::shared_ptr<engine::StreamBuffer>>> waits;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, q] : queries_) {
      if (q->target_relation() != relation.id) continue;
      auto b = buffers_.find(query_sources_[id]);
      if (b != buffers_.end()) waits.emplace_back(q, b->second);  // fed over the wire
    }
  }
  for (auto& [q, buffer] : waits) q->commit_through(buffer->size(), std::chrono::seconds(5));
}

std::vector<std::shared_ptr<engine::ContinuousQuery>> Database::readers_of(uint64_t stream) const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<engine::ContinuousQuery>> out;
  for (const auto& [id, source] : query_sources_)
    if (source == stream) out.push_back(queries_.at(id));
  return out;
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
