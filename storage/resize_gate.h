#pragma once
// Keeps LMDB's map still while anyone may be looking at it. mdb_env_set_mapsize() unmaps and
// remaps the data file, so it may run only when no transaction of this process is active
// (LMDB does not check this; the caller must). Every read transaction (a Snapshot) holds the
// gate shared for its whole life; growing the map holds it exclusive. Write transactions do not
// take the gate: they are serialized by LmdbEnv's write mutex, and the resize runs under that
// mutex after the failed write transaction was aborted.
//
// Writer preference: while a resize waits, new readers wait too, so a steady stream of SELECTs
// cannot starve it. The resize waits at most a bounded time for the readers already inside; a
// thread that holds a Snapshot and then commits (or opens a second Snapshot) while a resize is
// due would otherwise wait for itself. After the timeout the resize gives up (the commit returns
// Busy) and the waiting readers go on.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace eddy::storage {

class ResizeGate {
 public:
  // Waits while a resize is pending or running. Never fails.
  void lock_shared();
  void unlock_shared();

  // Keeps new readers out and waits up to `wait` for the current ones to leave. Returns true
  // with the gate held exclusive, or false (nothing held, readers let in again) on timeout.
  bool try_lock_exclusive_for(std::chrono::milliseconds wait);
  void unlock_exclusive();

  size_t readers() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  size_t readers_ = 0;     // guarded by mutex_
  size_t pending_ = 0;     // guarded by mutex_: resizes waiting for readers to leave
  bool exclusive_ = false; // guarded by mutex_
};

}  // namespace eddy::storage
