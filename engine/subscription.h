#pragma once
// The engine's end of a SUBSCRIBE: a ChangeConsumer (engine/change_consumer.h) that keeps each
// committed epoch's changes in a bounded buffer until a reader (a session) takes them.
//
// Never blocks the runner. Changes of an epoch are staged by on_changes and become readable at
// on_committed, so a reader never sees uncommitted data. When the changes held (staged and
// readable) would exceed `max_rows`, the subscription drops its buffer and is Overflowed for
// good: the reader fell too far behind (the server then ends the connection with 53400).
//
// When the query ends (on_end) the changes already committed stay readable and the state is
// Ended; a transform that throws makes it Failed with that error. In every state but Open,
// later calls from the runner are ignored.
//
// Thread-safe: the runner thread calls the ChangeConsumer methods, any other thread the rest.
// The listener is how a reader waits without blocking a thread: it is called (on the runner's
// thread, or on the thread calling close()) after every change of what take() or state() would
// return, and must not block (the server posts a wake-up to the session's strand).

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "common/error.h"
#include "engine/change_consumer.h"

namespace eddy::engine {

class Subscription final : public ChangeConsumer {
 public:
  // Applied to each batch of changes on the runner thread (a SUBSCRIBE's WHERE and select
  // list): rows and their weights in, rows and weights out. Null: changes as they come.
  using Transform = std::function<Batch(const Batch& changes)>;
  using Listener = std::function<void()>;
  enum class State { Open, Overflowed, Ended, Failed };

  explicit Subscription(size_t max_rows, Transform transform = nullptr);

  void on_changes(uint64_t epoch, const Batch& changes, storage::EpochWrite& write) override;
  void on_committed(uint64_t epoch) override;
  void on_end(const QueryEnd& end) override;

  // Appends up to `max_rows` committed changes, oldest first, to `out`, whose layout is
  // [epoch BIGINT, diff BIGINT, the changes' columns...] (Batch::with_types); each row gets
  // weight 1 and the change's weight goes to column 1. Returns how many were appended.
  size_t take(size_t max_rows, Batch& out);
  // Committed changes waiting to be taken.
  size_t ready() const;
  State state() const;
  // State Ended: why the query ended. State Failed: the transform's error.
  QueryEnd end() const;
  std::optional<SqlError> failure() const;
  size_t max_rows() const { return max_rows_; }
  // Replaces the listener (null: none). Any thread.
  void set_listener(Listener listener);
  // The reader is gone: drops the buffer and ignores every later call.
  void close();

 private:
  struct Entry {
    uint64_t epoch = 0;
    Batch rows;
    size_t next = 0;  // rows before it were taken
  };
  void notify();

  const size_t max_rows_;
  Transform transform_;
  mutable std::mutex mutex_;
  std::vector<Entry> staged_;  // on_changes of an epoch not yet committed
  std::deque<Entry> ready_;    // committed, oldest first
  size_t held_ = 0;            // rows in staged_ and ready_ not yet taken
  size_t ready_rows_ = 0;      // of which readable
  State state_ = State::Open;
  bool closed_ = false;
  QueryEnd end_;
  std::optional<SqlError> failure_;
  Listener listener_;
};

}  // namespace eddy::engine
