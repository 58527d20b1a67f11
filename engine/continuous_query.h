#pragma once
// A running continuous query: pulls batches from its Source on its own thread, pushes them
// through the plan's operators, and every checkpoint interval commits the changed result rows
// to the Store in one commit (an epoch). Readers therefore see whole epochs only.
//
// Result rows are keyed by the encoded group key when the plan aggregates (a group whose rows
// are all retracted, or that fails HAVING, is deleted), and by a sequence number otherwise.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "common/error.h"
#include <boost/unordered/unordered_flat_map.hpp>

#include "engine/change_consumer.h"
#include "engine/hash_aggregate.h"
#include "engine/interval_join.h"
#include "engine/query_plan.h"
#include "engine/sink.h"
#include "engine/source.h"
#include "engine/watermark.h"
#include "storage/snapshot.h"
#include "storage/store.h"

namespace eddy::engine {

struct QueryStatus {
  std::string state;          // "running", "retrying", "finished", "failed", "stopped"
  std::string error;          // the reason when failed or retrying
  int64_t lag = -1;           // entries behind the source's end, -1 when unknown
  std::string notice;         // the source's notice (entries lost to trimming, ...)
  uint64_t rows_consumed = 0;
  uint64_t epochs = 0;
  int64_t last_commit_micros = 0;
  uint64_t late_rows = 0;        // rows dropped because their windows had closed
  int64_t watermark = WatermarkTracker::kNone;  // windowed queries with a watermark
  uint64_t state_groups = 0;     // aggregate groups held in memory
  uint64_t state_bytes = 0;      // their approximate size (refreshed about once a second)
};

class ContinuousQuery : public std::enable_shared_from_this<ContinuousQuery> {
 public:
  ContinuousQuery(uint64_t id, uint64_t target_relation, std::unique_ptr<Source> source,
                  QueryPlan plan, storage::Store& store, std::chrono::milliseconds checkpoint_interval);
  ~ContinuousQuery();
  ContinuousQuery(const ContinuousQuery&) = delete;
  ContinuousQuery& operator=(const ContinuousQuery&) = delete;

  // Sends every epoch's changes to `sink` after they are committed; with `keep_in_store` false
  // the result rows live only in the sink (a Redis-backed table). Call before start().
  void set_sink(std::unique_ptr<Sink> sink, bool keep_in_store);
  // A join of two streams (plan.interval_join) reads its right stream from here. Call before
  // start().
  void set_right_source(std::unique_ptr<Source> source);
  // Receives each input row whose evaluation failed (division by zero, a bad cast, ...) with its
  // error; the query goes on without it. Without a handler such an error fails the query.
  // Called on the runner thread. Call before start().
  using BadRowHandler = std::function<void(const Row& row, const SqlError& error)>;
  void set_bad_row_handler(BadRowHandler handler) { bad_row_ = std::move(handler); }
  // Receives each late row (its window closed: docs/streaming.md) with the watermark it met;
  // without a handler late rows are only counted. Runner thread. Call before start().
  using LateRowHandler = std::function<void(const Row& row, int64_t watermark)>;
  // A join of two streams: `right` receives the right stream's late rows (in its layout).
  void set_late_row_handler(LateRowHandler handler, LateRowHandler right = nullptr) {
    late_row_ = std::move(handler);
    right_late_row_ = std::move(right);
  }
  // Recovery: loads the aggregate state this query committed before a restart from `snapshot`
  // (its state lives under the keys "q/<id>/..."). Returns false with `error` set when the
  // stored state was written by another plan (fingerprint mismatch) or is unreadable. Call
  // before start().
  bool restore(const storage::Snapshot& snapshot, std::string& error);
  // The plan's fingerprint: stored beside the state so a changed query never reads old state.
  std::string fingerprint() const;
  // State keys of query `id` all start with this.
  static std::string state_prefix(uint64_t id) { return "q/" + std::to_string(id) + "/"; }
  void start();
  // Stops the thread after committing what it has processed. Idempotent. Any thread.
  void stop();
  QueryStatus status() const;
  // Read-your-writes: asks the runner to commit an epoch as soon as it has consumed the source
  // up to `offset`, and waits (up to `timeout`) until such an epoch is committed. Returns false
  // on timeout or when the query is not running. Any thread.
  bool commit_through(uint64_t offset, std::chrono::milliseconds timeout, uint64_t right_offset = 0);
  uint64_t id() const { return id_; }
  uint64_t target_relation() const { return target_; }
  const std::string& source_description() const { return source_description_; }
  const QueryPlan& plan() const { return plan_; }

  // --- Change consumers (engine/change_consumer.h: SUBSCRIBE, later views over views) ---
  // From the next epoch on, `consumer` receives every epoch's changes of the target; with
  // `snapshot` it first receives the target's current contents (see change_consumer.h).
  // Runs on the runner thread between two epochs and returns once it has: true. Returns false
  // at once when the query is not running (not started, or stopped, finished or failed), and
  // for a target kept only in its sink (a Redis-backed table: no rows to report); the consumer
  // then gets no call. Throws SqlError when the snapshot could not be read. Any thread but the
  // runner's.
  bool attach(std::shared_ptr<ChangeConsumer> consumer, bool snapshot);
  // Recovery: a consumer whose state already matches this query's last commit (a chained
  // view restored from the same snapshot), attached before start(). Not thread-safe.
  void attach_before_start(std::shared_ptr<ChangeConsumer> consumer) { consumers_.push_back(std::move(consumer)); }

  // --- Views over views ---
  // Makes this query a consumer of `upstream` (the query maintaining the view it reads) rather
  // than a reader of its own source: it has no thread; the upstream's runner pushes each
  // epoch's changes (-1 old / +1 new rows) through this query's plan, and this query's rows and
  // state go into the upstream's epoch write, so both commit atomically (a crash loses or
  // doubles nothing, and a SELECT of both sees one epoch). Call before start(); then attach
  // chain_link() to the upstream: attach(link, true) for a new view (its initial contents come
  // from the upstream's snapshot), attach_before_start(link) after recovery.
  void chain_to(std::shared_ptr<ContinuousQuery> upstream);
  bool chained() const { return upstream_ != nullptr; }
  std::shared_ptr<ChangeConsumer> chain_link();
  // Stops calling `consumer`. Returns at once: the runner drops it between two epochs, and a
  // call may still come until then (on_end does not, once it is dropped). Any thread.
  void detach(const std::shared_ptr<ChangeConsumer>& consumer);

 private:
  void run();
  void process(const Batch& batch);
  // A batch of one side of a join of two streams: joined, then evaluated.
  void process_join_side(const Batch& batch, bool right);
  // Evaluates rows (a stream batch, or a join's delta with its `row_keys`), setting aside the
  // rows that fail when there is a bad-row handler.
  void evaluate_rows(const Batch& batch, const int64_t* watermarks, const std::vector<std::string>* row_keys);
  // All-or-nothing per batch. `watermarks`: per row, the watermark before it (or null).
  void process_rows(const Batch& batch, const int64_t* watermarks, const std::vector<std::string>* row_keys = nullptr);
  // The watermark a window over a join of two streams closes by (IntervalJoinPlan::window_side).
  int64_t join_window_watermark() const;
  bool sources_moved() const;
  void commit_epoch();
  // An epoch in two halves: everything it writes (rows, state, positions; consumers see the
  // changes), and the bookkeeping once it landed. A chained query (a view over a view) fills
  // its upstream's write and finishes when the upstream's commit landed.
  struct PendingEpoch {
    std::vector<SinkChange> sink_changes;
    std::string position, right_position;
  };
  void fill_epoch(storage::EpochWrite& write, PendingEpoch& pending);
  void after_commit(PendingEpoch& pending);
  void note_committed();
  void write_sink(const std::vector<SinkChange>& changes);
  // Commits `write`, retrying with backoff while the store refuses it (disk full: the query is
  // "paused" with SQLSTATE 53100 meanwhile). False when stopped before it landed.
  bool commit_with_retry(const storage::EpochWrite& write);
  void set_state(const std::string& state, const std::string& error = {});

  const uint64_t id_;
  const uint64_t target_;
  std::unique_ptr<Source> source_;
  std::string source_description_;
  QueryPlan plan_;
  storage::Store& store_;
  const std::chrono::milliseconds interval_;
  std::optional<HashAggregate> aggregate_;
  Batch pending_rows_;   // non-aggregating plans: output rows not yet committed
  uint64_t next_row_ = 0;  // non-aggregating plans: key of the next result row (stored as "seq")
  std::unique_ptr<Sink> sink_;
  BadRowHandler bad_row_;
  LateRowHandler late_row_, right_late_row_;
  std::optional<WatermarkTracker> watermark_;
  // Joins of two streams: the right stream's source, the operator, each side's watermark on its
  // join timestamp, and the sequence numbers of the next row of each side (kept with the state).
  std::unique_ptr<Source> right_source_;
  std::optional<IntervalJoin> join_;
  std::optional<WatermarkTracker> left_join_watermark_, right_join_watermark_;
  uint64_t left_seq_ = 0, right_seq_ = 0;
  std::vector<std::pair<std::string, Row>> keyed_rows_;  // non-aggregating join output: key -> row (empty: erase)
  uint64_t right_epoch_offset_ = 0;
  std::string right_epoch_position_;
  std::atomic<uint64_t> flush_target_right_{0};
  uint64_t committed_right_offset_ = 0;
  std::vector<int64_t> row_watermarks_;  // scratch: per row of the batch being processed
  std::vector<uint32_t> late_scratch_;
  int64_t state_measured_at_ = 0;
  int64_t state_measure_micros_ = 0;  // how long the last state_bytes walk took
  uint64_t late_before_restart_ = 0;  // late rows counted by earlier runs (stored as "late")
  uint64_t late_rows() const;
  bool keep_in_store_ = true;
  uint64_t epoch_ = 0;
  uint64_t epoch_offset_ = 0;  // the source offset the last epoch covered (runner thread only)
  std::string epoch_position_;  // the source position the last epoch stored (runner thread only)
  bool fingerprint_written_ = false;
  std::string sink_error_;  // guarded by status_mutex_: why the sink is being retried
  std::string store_error_;  // guarded by status_mutex_: why the epoch commit is being retried
  bool dirty_ = false;

  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> flush_target_{0};  // commit once the source offset reaches this
  std::condition_variable committed_;      // signalled after every commit (status_mutex_)
  uint64_t committed_offset_ = 0;          // source offset covered by the last commit
  std::thread thread_;
  mutable std::mutex status_mutex_;
  QueryStatus status_;

  // --- Change consumers: everything below is touched only when someone attaches ---
  struct ConsumerTask {
    std::shared_ptr<ChangeConsumer> consumer;
    bool attach = true;
    bool snapshot = false;
    bool done = false;  // guarded by consumer_mutex_
    bool ok = false;
    std::optional<SqlError> error;
  };
  void run_consumer_tasks();                                // runner thread, between epochs
  void request_tasks();  // wakes the runner that runs this query's tasks (the root's, when chained)
  // Chained queries: the upstream's calls (through chain_link()).
  friend class ChainLink;
  void chain_changes(uint64_t epoch, const Batch& changes, storage::EpochWrite& write);
  void chain_committed(uint64_t epoch);
  void chain_end(const QueryEnd& end);
  void chain_between_epochs();
  std::shared_ptr<ContinuousQuery> upstream_;
  std::shared_ptr<ChangeConsumer> link_;
  std::mutex chain_mutex_;  // the upstream's runner vs stop()
  PendingEpoch chain_pending_;
  // A chained query without aggregation keeps its rows as a multiset: encoded row -> copies.
  boost::unordered_flat_map<std::string, int64_t> multiset_;
  void send_snapshot(ChangeConsumer& consumer);             // runner thread
  void consumers_see_changes(storage::EpochWrite& write);  // commit_epoch, before the commit
  void consumers_see_commit();                              // commit_epoch, after it landed
  void end_consumers();                                     // run(), as it returns
  std::vector<std::shared_ptr<ChangeConsumer>> consumers_;  // runner thread only
  std::mutex consumer_mutex_;
  std::condition_variable consumer_task_done_;                 // consumer_mutex_
  std::deque<std::shared_ptr<ConsumerTask>> consumer_tasks_;   // consumer_mutex_
  bool consumers_open_ = false;  // consumer_mutex_: the runner is there to take tasks
  std::atomic<bool> consumer_tasks_pending_{false};
};

}  // namespace eddy::engine
