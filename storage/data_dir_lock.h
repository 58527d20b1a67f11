#pragma once
// The exclusive lock that keeps a second Eddy process off a data directory: an flock(LOCK_EX)
// on <dir>/eddy.lock, held for the life of the object, with the holder's pid written into the
// file so that the refusal can say who holds it. The kernel drops the lock when the process
// dies, so a kill -9 never leaves a stale lock behind (the pid in the file may be stale; the
// lock is what counts).
//
// flock locks belong to the open file description: a second acquire() in the same process also
// fails, and a child forked while the lock is held shares it (the descriptor is O_CLOEXEC, so an
// exec'd program does not).

#include <string>

#include "storage/status.h"

namespace eddy::storage {

class DataDirLock {
 public:
  DataDirLock() = default;
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

  // Takes the lock on `dir` (which must exist), without waiting. Busy when another process (or
  // another DataDirLock) holds it: "data directory /d is in use by another Eddy process (pid 42,
  // lock file /d/eddy.lock)". IOError when the file cannot be opened or locked.
  Status acquire(const std::string& dir);
  void release();
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace eddy::storage
