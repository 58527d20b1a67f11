#pragma once
// A listener to the changes of a continuous query's result, epoch by epoch: a SUBSCRIBE
// (engine/subscription.h) today, a view over a view later. Attached and detached with
// ContinuousQuery::attach / detach. Every call comes from the query's runner thread, one at a
// time, so a consumer needs no lock against the runner (only against its own readers).
//
// For each epoch E committed while attached (epochs are numbered as the query counts them):
//
//   on_changes(E, changes, write)   before E's commit. `changes` are the target's rows that E
//                                   changes, in the target's column order, each with weight -1
//                                   (a row's old version) or +1 (its new version): an update of a
//                                   keyed row is a -1 of the old values followed by a +1 of the
//                                   new ones, an erase a -1, an insert a +1. A key whose row
//                                   ends the epoch as it began is not listed. Called for every
//                                   epoch, with an empty batch when E changes no row.
//                                   `write` is E's own EpochWrite: a consumer may add rows or
//                                   state to it, and they commit atomically with E.
//   on_committed(E)                 after E's commit landed. Only now may E's changes be shown
//                                   to anyone: a consumer never exposes uncommitted data.
//
// If E's commit never lands (the query is stopped while the store refuses it), on_committed(E)
// is not called and on_end follows: the consumer drops what on_changes(E) gave it.
//
// With a snapshot (attach(consumer, true)) the consumer first receives the target's whole
// contents as +1 rows with E = the last committed epoch (0 before the first one): one or more
// on_changes(E, rows, write) calls (one with an empty batch for an empty target), then
// on_committed(E). Whatever the consumer adds to that
// `write` is committed on its own before on_committed(E). The snapshot and the changes that
// follow have no gap and no overlap.
//
// on_end(end) is the last call: the query stopped (DROP, DROP QUERY, shutdown), finished (a
// bounded source ran dry) or failed. It is not called after detach().
//
// Consumers must not block (the runner holds the epoch for everyone) and should not throw: an
// exception from a consumer fails the query.

#include <cstdint>
#include <string>

#include "common/column.h"
#include "storage/store.h"

namespace eddy::engine {

// Why a query stopped calling its consumers.
struct QueryEnd {
  std::string state;  // "stopped", "finished" or "failed" (QueryStatus::state)
  std::string error;  // when failed: "SQLSTATE: message"
};

class ChangeConsumer {
 public:
  virtual ~ChangeConsumer() = default;
  virtual void on_changes(uint64_t epoch, const Batch& changes, storage::EpochWrite& write) = 0;
  virtual void on_committed(uint64_t epoch) = 0;
  virtual void on_end(const QueryEnd& end) { (void)end; }
  // Called on the runner thread between epochs whenever the runner runs attach/detach tasks: a
  // chained query (a view over a view) runs its own consumers' tasks here.
  virtual void between_epochs() {}
};

}  // namespace eddy::engine
