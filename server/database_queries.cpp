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

void Database::note_second_source(uint64_t query_id, uint64_t stream) {
  std::lock_guard lock(mutex_);
  second_sources_[query_id] = stream;
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
    second_sources_.erase(id);
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
  struct Wait {
    std::shared_ptr<engine::ContinuousQuery> query;
    std::shared_ptr<engine::StreamBuffer> left, right;  // fed over the wire, or null
  };
  std::vector<Wait> waits;
  std::vector<uint64_t> upstream_views;  // views over views commit with the view they read
  {
    std::lock_guard lock(mutex_);
    auto buffer_of = [&](const std::map<uint64_t, uint64_t>& sources, uint64_t id) -> std::shared_ptr<engine::StreamBuffer> {
      auto source = sources.find(id);
      if (source == sources.end()) return nullptr;
      auto b = buffers_.find(source->second);
      return b != buffers_.end() ? b->second : nullptr;
    };
    for (const auto& [id, q] : queries_) {
      if (q->target_relation() != relation.id) continue;
      if (q->chained()) {
        auto source = query_sources_.find(id);
        if (source != query_sources_.end()) upstream_views.push_back(source->second);
        continue;
      }
      Wait w{q, buffer_of(query_sources_, id), buffer_of(second_sources_, id)};
      if (w.left || w.right) waits.push_back(std::move(w));
    }
  }
  for (auto& w : waits)
    w.query->commit_through(w.left ? w.left->size() : 0, std::chrono::seconds(5), w.right ? w.right->size() : 0);
  for (uint64_t view : upstream_views)
    if (auto upstream = catalog_.find_by_id(view); upstream && upstream->id != relation.id) catch_up(*upstream);
}

std::vector<std::shared_ptr<engine::ContinuousQuery>> Database::readers_of(uint64_t stream) const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<engine::ContinuousQuery>> out;
  for (const auto& [id, source] : query_sources_)
    if (source == stream) out.push_back(queries_.at(id));
  for (const auto& [id, source] : second_sources_)
    if (source == stream && queries_.count(id)) out.push_back(queries_.at(id));
  return out;
}

}  // namespace eddy
