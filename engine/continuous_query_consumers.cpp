// ContinuousQuery's change consumers (engine/change_consumer.h): SUBSCRIBE and views over
// views attach to a query; the runner hands them each epoch's changes. Nothing here runs unless
// a consumer is attached: the per-row path is untouched.

#include <algorithm>

#include "common/error.h"
#include "engine/continuous_query.h"

namespace eddy::engine {

// ---------------------------------------------------------------------------------------------
// Change consumers (SUBSCRIBE). Nothing here runs unless a consumer is attached: the per-row
// path is untouched, and an epoch without consumers pays one empty() check.

bool ContinuousQuery::attach(std::shared_ptr<ChangeConsumer> consumer, bool snapshot) {
  if (!keep_in_store_) return false;
  auto task = std::make_shared<ConsumerTask>();
  task->consumer = std::move(consumer);
  task->snapshot = snapshot;
  std::unique_lock lock(consumer_mutex_);
  if (!consumers_open_) return false;
  consumer_tasks_.push_back(task);
  consumer_tasks_pending_ = true;
  request_tasks();  // wakes a poll() that waits for rows
  consumer_task_done_.wait(lock, [&] { return task->done; });
  if (task->error) throw *task->error;
  return task->ok;
}

void ContinuousQuery::detach(const std::shared_ptr<ChangeConsumer>& consumer) {
  auto task = std::make_shared<ConsumerTask>();
  task->consumer = consumer;
  task->attach = false;
  std::lock_guard lock(consumer_mutex_);
  if (!consumers_open_) return;
  consumer_tasks_.push_back(std::move(task));
  consumer_tasks_pending_ = true;
  request_tasks();
}

void ContinuousQuery::request_tasks() {
  consumer_tasks_pending_ = true;
  if (upstream_) return upstream_->request_tasks();
  source_->interrupt();
  if (right_source_) right_source_->interrupt();
}

void ContinuousQuery::run_consumer_tasks() {
  std::deque<std::shared_ptr<ConsumerTask>> tasks;
  {
    std::lock_guard lock(consumer_mutex_);
    tasks.swap(consumer_tasks_);
    consumer_tasks_pending_ = false;
  }
  for (auto& task : tasks) {
    if (task->attach) {
      try {
        if (task->snapshot) send_snapshot(*task->consumer);
        consumers_.push_back(task->consumer);
        task->ok = true;
      } catch (const SqlError& e) {
        task->error = e;
      } catch (const std::exception& e) {
        task->error = SqlError(sqlstate::kInternalError, std::string("attaching to the query: ") + e.what());
      }
    } else {
      std::erase(consumers_, task->consumer);
    }
    std::lock_guard lock(consumer_mutex_);
    task->done = true;
  }
  consumer_task_done_.notify_all();
  for (auto& consumer : consumers_) consumer->between_epochs();  // chained views' own tasks
}

void ContinuousQuery::send_snapshot(ChangeConsumer& consumer) {
  // Between epochs the store holds exactly what the last committed epoch left (this runner is
  // the target's only writer), and the next epoch's changes are computed against the same rows:
  // the snapshot and the changes meet without gap or overlap.
  constexpr size_t kChunk = 4096;
  storage::EpochWrite write;
  Batch chunk = Batch::with_types(plan_.output_types());
  bool sent = false;
  {
    storage::Snapshot snapshot;
    storage::Status st = store_.snapshot(snapshot);
    if (st.ok())
      st = snapshot.scan(target_, [&](std::string_view, const Row& row) {
        chunk.append_row(row, 1);
        if (chunk.rows() >= kChunk) {
          consumer.on_changes(epoch_, chunk, write);
          sent = true;
          chunk = Batch::with_types(plan_.output_types());
        }
        return true;
      });
    if (!st.ok()) throw SqlError(st.sqlstate(), "reading the current rows of the query's target: " + st.to_string());
  }  // released before any commit, as Snapshot requires
  if (!chunk.empty() || !sent) consumer.on_changes(epoch_, chunk, write);  // at least one call
  if (!write.empty() && !commit_with_retry(write)) return;
  consumer.on_committed(epoch_);
}

void ContinuousQuery::consumers_see_changes(storage::EpochWrite& write) {
  if (consumers_.empty()) return;
  // Old row versions are read from a store snapshot taken before this epoch's write, not from
  // an in-memory copy of the view. This runner is the only writer of its target, so the
  // snapshot holds exactly the rows the previous epoch left; it costs one B-tree lookup per
  // changed key per epoch, and only while someone listens. A copy would hold the whole view in
  // memory a second time for as long as a subscriber is attached (and would have to be built
  // from the store at attach time anyway). Rows of a plan without aggregation get fresh keys:
  // they have no old version to look up.
  Batch changes = Batch::with_types(plan_.output_types());
  storage::Snapshot snapshot;
  const bool keyed = aggregate_.has_value() || join_.has_value() || upstream_ != nullptr;
  storage::Status st;
  if (keyed) st = store_.snapshot(snapshot);
  for (const storage::RowChange& c : write.rows) {
    if (!st.ok()) break;
    if (c.relation != target_) continue;
    std::optional<Row> old;
    if (keyed) st = snapshot.find(target_, c.key, old);
    if (!st.ok()) break;
    if (old && !c.erase && old->size() == c.row.size() &&
        std::equal(old->begin(), old->end(), c.row.begin(), [](const Value& a, const Value& b) {
          return a.is_null == b.is_null && (a.is_null || values_equal(a, b));
        }))
      continue;  // rewritten unchanged (a restart rewrites every row once)
    if (old) changes.append_row(*old, -1);
    if (!c.erase) changes.append_row(c.row, 1);
  }
  snapshot.release();  // before the commit, as Snapshot requires
  if (!st.ok()) throw SqlError(st.sqlstate(), "reading the previous rows of changed keys: " + st.to_string());
  for (auto& consumer : consumers_) consumer->on_changes(epoch_ + 1, changes, write);
}

void ContinuousQuery::consumers_see_commit() {
  for (auto& consumer : consumers_) consumer->on_committed(epoch_);
}

void ContinuousQuery::end_consumers() {
  std::deque<std::shared_ptr<ConsumerTask>> tasks;
  {
    std::lock_guard lock(consumer_mutex_);
    consumers_open_ = false;
    tasks.swap(consumer_tasks_);
    consumer_tasks_pending_ = false;
    for (auto& task : tasks) {
      if (!task->attach) std::erase(consumers_, task->consumer);  // detached: no on_end
      task->done = true;  // an attach not taken: false
    }
  }
  consumer_task_done_.notify_all();
  if (consumers_.empty()) return;
  QueryEnd end;
  {
    std::lock_guard lock(status_mutex_);
    end.state = status_.state;
    end.error = status_.error;
  }
  for (auto& consumer : consumers_) consumer->on_end(end);
  consumers_.clear();
}

}  // namespace eddy::engine
