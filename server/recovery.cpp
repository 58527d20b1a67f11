// Start-up: the catalog, the rows of streams fed over the wire and every continuous query come
// back from the store as of the last committed epoch.

#include <algorithm>

#include "common/error.h"
#include "common/log.h"
#include "server/database.h"
#include "server/exec_internal.h"
#include "server/point_reads.h"

namespace eddy {

void Database::recover() {
  storage::Snapshot snapshot;
  storage::Status st = store_->snapshot(snapshot);
  if (!st.ok()) throw SqlError(st.sqlstate(), "cannot read the data directory: " + st.to_string());

  std::vector<catalog::Relation> relations;
  st = snapshot.scan_state("catalog/", [&](std::string_view key, std::string_view value) {
    auto r = decode_relation(std::string(value));
    if (r) relations.push_back(std::move(*r));
    else log::error("catalog entry " + std::string(key) + " is unreadable; left out");
    return true;
  });
  if (!st.ok()) throw SqlError(st.sqlstate(), "cannot read the catalog: " + st.to_string());
  std::sort(relations.begin(), relations.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  uint64_t max_id = 0;
  for (auto& r : relations) {
    max_id = std::max(max_id, r.id);
    auto rel = catalog_.add(std::move(r));
    if (rel->kind != catalog::RelationKind::Stream || !rel->connector.empty()) continue;
    // A stream fed over the wire: its rows, in the order they were appended.
    std::vector<Type> types;
    for (const auto& c : rel->columns) types.push_back(c.type);
    auto buffer = std::make_shared<engine::StreamBuffer>(types);
    Batch rows = Batch::with_types(types);
    st = snapshot.scan(rel->id, [&](std::string_view, const Row& row) {
      rows.append_row(row);
      if (rows.rows() >= 65536) {
        buffer->append(std::move(rows));
        rows = Batch::with_types(types);
      }
      return true;
    });
    if (!st.ok()) throw SqlError(st.sqlstate(), "cannot read stream " + rel->name + ": " + st.to_string());
    buffer->append(std::move(rows));
    add_stream_buffer(rel->id, buffer);
  }
  catalog_.ensure_next_id(max_id + 1);

  std::vector<QueryRecord> records;
  st = snapshot.scan_state("query/", [&](std::string_view key, std::string_view value) {
    auto q = decode_query(std::string(value));
    if (q) records.push_back(std::move(*q));
    else log::error("query record " + std::string(key) + " is unreadable; left out");
    return true;
  });
  if (!st.ok()) throw SqlError(st.sqlstate(), "cannot read the queries: " + st.to_string());
  // In creation order: a view over a view comes after the view it reads.
  std::sort(records.begin(), records.end(), [](const QueryRecord& a, const QueryRecord& b) { return a.id < b.id; });
  std::vector<std::shared_ptr<engine::ContinuousQuery>> restored;
  for (const auto& record : records) {
    {
      std::lock_guard lock(mutex_);
      next_query_id_ = std::max(next_query_id_, record.id + 1);
    }
    try {
      restored.push_back(exec::restore_continuous(*this, record, snapshot));
    } catch (const SqlError& e) {
      // Never a silent misread: the query stays stopped, its last committed rows readable.
      log::error("query " + std::to_string(record.id) + " was not restarted: " + e.sqlstate() + ": " + e.message());
    }
  }
  snapshot.release();  // queries commit as they start
  // Tables a query writes under keys other than their primary key (also one that could not be
  // restarted: its rows are there) are not read by key (point_reads.h).
  for (const auto& record : records) {
    auto target = catalog_.find_by_id(record.target);
    if (!target) continue;
    auto query = std::find_if(restored.begin(), restored.end(), [&](const auto& q) { return q->id() == record.id; });
    try {
      exec::mark_query_keyed_rows(*this, *target, query != restored.end() ? &(*query)->plan() : nullptr);
    } catch (const SqlError& e) {
      log::error("table \"" + target->name + "\" is read by key although query " + std::to_string(record.id) +
                 " may store it otherwise: " + e.message());
    }
  }
  // A view over a view listens to its upstream again before that one starts: both were restored
  // from the same commit, so no change falls between them.
  std::vector<std::shared_ptr<engine::ContinuousQuery>> runnable;
  for (auto& q : restored) {
    if (q->plan().reads_view) {
      auto source = std::find_if(records.begin(), records.end(), [&](const QueryRecord& r) { return r.id == q->id(); });
      std::shared_ptr<engine::ContinuousQuery> upstream;
      for (auto& u : runnable)
        if (source != records.end() && u->target_relation() == source->source) upstream = u;
      if (!upstream) {
        log::error("query " + std::to_string(q->id()) + " was not restarted: the view it reads is not maintained");
        continue;
      }
      q->chain_to(upstream);
      upstream->attach_before_start(q->chain_link());
    }
    runnable.push_back(q);
  }
  restored = std::move(runnable);
  for (auto& q : restored) launch_query(q);
  if (!relations.empty() || !restored.empty())
    log::info("recovered " + std::to_string(relations.size()) + " relations and " + std::to_string(restored.size()) +
              " continuous queries from " + store_->dir());
}

}  // namespace eddy
