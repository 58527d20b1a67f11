// The registry of running continuous queries.

#include "server/database.h"

namespace eddy {

uint64_t Database::reserve_query_id() {
  std::lock_guard lock(mutex_);
  return next_query_id_++;
}

std::shared_ptr<engine::ContinuousQuery> Database::create_query(uint64_t id, uint64_t target, uint64_t source_relation,
                                                                std::unique_ptr<engine::Source> source,
                                                                engine::QueryPlan plan, std::unique_ptr<engine::Sink> sink,
                                                                bool keep_in_store,
                                                                engine::ContinuousQuery::BadRowHandler bad_rows) {
  auto q = std::make_shared<engine::ContinuousQuery>(id, target, std::move(source), std::move(plan), *store_,
                                                     options_.checkpoint_interval);
  if (sink) q->set_sink(std::move(sink), keep_in_store);
  if (bad_rows) q->set_bad_row_handler(std::move(bad_rows));
  std::lock_guard lock(mutex_);
  pending_sources_[id] = source_relation;
  return q;
}

void Database::launch_query(std::shared_ptr<engine::ContinuousQuery> q) {
  q->start();
  std::lock_guard lock(mutex_);
  queries_[q->id()] = q;
  query_sources_[q->id()] = pending_sources_[q->id()];
  pending_sources_.erase(q->id());
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
      auto source = query_sources_.find(id);
      if (source == query_sources_.end()) continue;
      auto b = buffers_.find(source->second);
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

}  // namespace eddy
