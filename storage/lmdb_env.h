#pragma once
// One LMDB environment in a data directory: the only object that owns an MDB_env. It opens
// the named sub-databases, serializes write transactions, grows the map when it fills, and
// keeps a second process off the directory (DataDirLock). <lmdb.h> stays out of this header:
// only storage/*.cpp include it.
//
// Files in the directory: data.mdb and lock.mdb (LMDB's), eddy.lock (ours, see data_dir_lock.h).
//
// Threads: write() may be called from any thread; calls are serialized. begin_read() may be
// called from any thread, any number of times at once (MDB_NOTLS: a read transaction is not
// tied to its thread and each takes its own reader slot, up to max_readers).

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "storage/data_dir_lock.h"
#include "storage/resize_gate.h"
#include "storage/status.h"

struct MDB_env;
struct MDB_txn;

namespace eddy::storage {

struct EnvOptions {
  // Map size at open (rounded up to whole MiB); the map then doubles whenever a write does not
  // fit, up to max_map_size. Only the address space is reserved: the file grows as data does.
  size_t initial_map_size = size_t(64) << 20;
  size_t max_map_size = size_t(1) << 40;  // 1 TiB: beyond this a write fails with MapFull
  // Reader slots in lock.mdb: one per open Snapshot. The server sets it from its connection
  // limit plus its queries; when all are taken a Snapshot fails with ResourceExhausted.
  unsigned max_readers = 512;
  // fsync each commit: durable across power loss. false (MDB_NOSYNC) survives a crash of the
  // process (the page cache keeps the writes) but not of the machine; for tests and benchmarks.
  bool sync = true;
  // How long growing the map waits for open Snapshots to end before giving up with Busy.
  std::chrono::milliseconds resize_wait{30000};
};

struct EnvInfo {
  uint64_t map_size = 0;      // bytes of address space mapped now
  uint64_t used_bytes = 0;    // (last used page + 1) * page size: the data file's extent in use
  uint64_t page_size = 0;
  uint64_t last_txn_id = 0;   // id of the last committed write transaction
  unsigned max_readers = 0;
  unsigned readers_used = 0;  // reader slots ever used (including ones released since)
  uint64_t map_resizes = 0;   // times this process grew the map
};

// What a write() body works in. Setting `rollback` makes write() abort the transaction and
// still return OK (insert_new's "a key exists: apply nothing").
struct WriteTxn {
  MDB_txn* txn = nullptr;
  bool rollback = false;
};

class LmdbEnv {
 public:
  // The named sub-databases; see storage/README.md for what each holds.
  enum class Db { Rows = 0, State = 1, Meta = 2 };

  // Creates `dir` if missing, locks it, opens (or creates) the environment and its sub-databases
  // and clears stale reader slots. Busy when another process holds the directory.
  static Status open(const std::string& dir, const EnvOptions& options, std::unique_ptr<LmdbEnv>& out);
  ~LmdbEnv();  // every read transaction must have ended
  LmdbEnv(const LmdbEnv&) = delete;
  LmdbEnv& operator=(const LmdbEnv&) = delete;

  // Runs `body` inside one write transaction and commits it; on any error from body the
  // transaction is aborted and nothing of it is visible. When the map is full (from body or from
  // the commit) the transaction is aborted, the map doubled, and body run again from the start,
  // so body must be re-runnable: it may only touch the transaction and state it resets itself.
  // Callers never see MDB_MAP_FULL except as MapFull once max_map_size is reached. A full disk
  // returns DiskFull with the previous commit intact. Serialized: one writer at a time.
  Status write(const std::function<Status(WriteTxn&)>& body);

  // A read-only transaction (MDB_RDONLY) and a shared hold on the resize gate, until end_read().
  Status begin_read(MDB_txn*& txn);
  void end_read(MDB_txn* txn);

  unsigned dbi(Db db) const { return dbi_[static_cast<int>(db)]; }
  // Largest key LMDB accepts (511 bytes in Debian's build).
  size_t max_key_size() const { return max_key_size_; }
  const std::string& dir() const { return dir_; }

  // mdb_reader_check: frees the slots of readers whose process is gone. Cheap; the server may
  // call it periodically. `cleared` is the number of slots freed.
  Status check_readers(int& cleared);
  Status info(EnvInfo& out);

 private:
  LmdbEnv(std::string dir, const EnvOptions& options) : dir_(std::move(dir)), options_(options) {}
  Status open_env();
  Status size_map_at_open();
  Status open_databases(MDB_txn* txn);
  Status commit(MDB_txn* txn);
  Status grow(const Status& cause);

  std::string dir_;
  EnvOptions options_;
  DataDirLock lock_;
  MDB_env* env_ = nullptr;
  unsigned dbi_[3] = {0, 0, 0};
  size_t max_key_size_ = 511;
  std::mutex write_mutex_;           // one write transaction (and resize) at a time
  ResizeGate gate_;                  // readers shared, resize exclusive
  std::atomic<size_t> map_size_{0};  // written under the gate held exclusive
  std::atomic<uint64_t> resizes_{0};
  std::atomic<bool> broken_{false};  // a failed remap left no map: every call fails
};

}  // namespace eddy::storage
