#include "server/database.h"

#include "common/error.h"
#include "connectors/generator/clicks_generator.h"

namespace eddy {

Database::~Database() { shutdown(); }

std::shared_ptr<engine::StreamBuffer> Database::stream_buffer(uint64_t relation) {
  std::lock_guard lock(mutex_);
  auto it = buffers_.find(relation);
  return it == buffers_.end() ? nullptr : it->second;
}

void Database::add_stream_buffer(uint64_t relation, std::shared_ptr<engine::StreamBuffer> buffer) {
  std::lock_guard lock(mutex_);
  buffers_[relation] = std::move(buffer);
}

std::unique_ptr<engine::Source> Database::open_source(const catalog::Relation& stream) {
  if (stream.connector.empty()) {
    auto buffer = stream_buffer(stream.id);
    if (!buffer) throw SqlError(sqlstate::kInternalError, "stream \"" + stream.name + "\" has no buffer");
    return std::make_unique<engine::BufferSource>(buffer, stream.name);
  }
  if (stream.connector == "generator") {
    auto options = connectors::parse_clicks_options(stream.options, stream.columns);
    return std::make_unique<connectors::ClicksGenerator>(stream, options);
  }
  throw SqlError(sqlstate::kFeatureNotSupported,
                 "streams USING " + stream.connector + " are not supported yet");
}

uint64_t Database::start_query(uint64_t target, std::unique_ptr<engine::Source> source, engine::QueryPlan plan) {
  std::lock_guard lock(mutex_);
  uint64_t id = next_query_id_++;
  auto q = std::make_shared<engine::ContinuousQuery>(id, target, std::move(source), std::move(plan), store_,
                                                     options_.checkpoint_interval);
  q->start();
  queries_[id] = q;
  return id;
}

void Database::drop_relation_data(uint64_t relation) {
  std::vector<std::shared_ptr<engine::ContinuousQuery>> stopping;
  std::shared_ptr<engine::StreamBuffer> buffer;
  {
    std::lock_guard lock(mutex_);
    for (auto it = queries_.begin(); it != queries_.end();) {
      if (it->second->target_relation() == relation) {
        stopping.push_back(it->second);
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
  store_.drop_relation(relation);
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

void Database::catch_up(const catalog::Relation& view) {
  if (view.kind != catalog::RelationKind::MaterializedView || view.depends_on.empty()) return;
  auto query = query_for(view.id);
  auto buffer = stream_buffer(view.depends_on[0]);
  if (!query || !buffer) return;  // not fed over the wire: nothing this session could have written
  query->commit_through(buffer->size(), std::chrono::seconds(5));
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
