#include "storage/lmdb_env.h"

#include <lmdb.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "storage/lmdb_error.h"

namespace eddy::storage {
namespace {

constexpr const char* kDbNames[3] = {"rows", "state", "meta"};
constexpr size_t kMiB = size_t(1) << 20;

size_t round_up_mib(size_t n) { return std::max(kMiB, (n + kMiB - 1) / kMiB * kMiB); }

// LMDB reports a short write (the file system filled up in the middle of a pwrite) as EIO.
// When the file system is in fact (nearly) full, that is a full disk, not a broken one.
bool filesystem_nearly_full(const std::string& dir) {
  struct statvfs fs;
  if (::statvfs(dir.c_str(), &fs) != 0) return false;
  return static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize < 4 * kMiB;
}

}  // namespace

Status LmdbEnv::open(const std::string& dir, const EnvOptions& options, std::unique_ptr<LmdbEnv>& out) {
  out.reset();
  if (dir.empty()) return Status::InvalidArgument("data directory: empty path");
  if (options.max_readers == 0) return Status::InvalidArgument("max_readers must be at least 1");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return errno_status("creating data directory " + dir, ec.value());
  std::unique_ptr<LmdbEnv> env(new LmdbEnv(dir, options));
  env->options_.initial_map_size = round_up_mib(options.initial_map_size);
  env->options_.max_map_size = std::max(round_up_mib(options.max_map_size), env->options_.initial_map_size);
  Status s = env->lock_.acquire(dir);
  if (!s.ok()) return s;
  s = env->open_env();
  if (!s.ok()) return s.with_context("opening LMDB environment in " + dir);
  out = std::move(env);
  return Status::OK();
}

Status LmdbEnv::open_env() {
  Status s = mdb_status("mdb_env_create", mdb_env_create(&env_));
  if (!s.ok()) return s;
  if (!(s = mdb_status("mdb_env_set_maxreaders", mdb_env_set_maxreaders(env_, options_.max_readers))).ok())
    return s;
  if (!(s = mdb_status("mdb_env_set_maxdbs", mdb_env_set_maxdbs(env_, 8))).ok()) return s;
  if (!(s = mdb_status("mdb_env_set_mapsize", mdb_env_set_mapsize(env_, options_.initial_map_size))).ok())
    return s;
  unsigned flags = MDB_NOTLS | (options_.sync ? 0u : unsigned(MDB_NOSYNC));
  if (!(s = mdb_status("mdb_env_open", mdb_env_open(env_, dir_.c_str(), flags, 0644))).ok()) return s;
  max_key_size_ = static_cast<size_t>(mdb_env_get_maxkeysize(env_));
  int cleared = 0;
  if (!(s = check_readers(cleared)).ok()) return s;
  if (!(s = size_map_at_open()).ok()) return s;
  return write([&](WriteTxn& w) { return open_databases(w.txn); });
}

// On reopen LMDB maps max(initial_map_size, data in use), which may leave no room at all: start
// with at least twice the data in use, so a restarted server does not resize on its first write.
Status LmdbEnv::size_map_at_open() {
  MDB_envinfo info;
  MDB_stat stat;
  Status s = mdb_status("mdb_env_info", mdb_env_info(env_, &info));
  if (s.ok()) s = mdb_status("mdb_env_stat", mdb_env_stat(env_, &stat));
  if (!s.ok()) return s;
  size_t used = (info.me_last_pgno + 1) * size_t(stat.ms_psize);
  size_t target = options_.initial_map_size;
  while (target < 2 * used && target < options_.max_map_size) target *= 2;
  target = std::max(std::min(target, options_.max_map_size), info.me_mapsize);
  if (target != info.me_mapsize) {
    s = mdb_status("mdb_env_set_mapsize", mdb_env_set_mapsize(env_, target));
    if (!s.ok()) return s;
  }
  map_size_ = target;
  return Status::OK();
}

Status LmdbEnv::open_databases(MDB_txn* txn) {
  for (int i = 0; i < 3; ++i) {
    Status s = mdb_status("mdb_dbi_open", mdb_dbi_open(txn, kDbNames[i], MDB_CREATE, &dbi_[i]));
    if (!s.ok()) return s.with_context(std::string("sub-database ") + kDbNames[i]);
  }
  return Status::OK();
}

LmdbEnv::~LmdbEnv() {
  if (env_) mdb_env_close(env_);  // closes the DBI handles too
  lock_.release();
}

Status LmdbEnv::write(const std::function<Status(WriteTxn&)>& body) {
  std::lock_guard lock(write_mutex_);
  for (;;) {
    if (broken_) return Status::IOError("LMDB environment in " + dir_ + " lost its map after a failed resize; restart");
    WriteTxn w;
    Status s = mdb_status("mdb_txn_begin", mdb_txn_begin(env_, nullptr, 0, &w.txn));
    if (!s.ok()) return s;
    try {
      s = body(w);
    } catch (...) {  // (bad_alloc): never leave LMDB's writer lock taken
      mdb_txn_abort(w.txn);
      throw;
    }
    if (s.ok() && !w.rollback)
      s = commit(w.txn);  // frees the transaction, committed or not
    else
      mdb_txn_abort(w.txn);
    if (!s.is_map_full()) return s;
    s = grow(s);
    if (!s.ok()) return s;
  }
}

Status LmdbEnv::commit(MDB_txn* txn) {
  int rc = mdb_txn_commit(txn);
  if (rc == EIO && filesystem_nearly_full(dir_))
    return Status::DiskFull("mdb_txn_commit: short write (EIO) with the file system holding " + dir_ +
                            " (nearly) full: No space left on device");
  return mdb_status("mdb_txn_commit", rc);
}

// Runs under write_mutex_ with no write transaction open: doubles the map once readers are out.
Status LmdbEnv::grow(const Status& cause) {
  size_t current = map_size_;
  if (current >= options_.max_map_size)
    return Status::MapFull(cause.message() + " (the map is at max_map_size, " + std::to_string(current) + " bytes)");
  size_t next = std::min(current * 2, options_.max_map_size);
  if (!gate_.try_lock_exclusive_for(options_.resize_wait))
    return Status::Busy("growing the LMDB map in " + dir_ + " from " + std::to_string(current) + " to " +
                        std::to_string(next) + " bytes: " + std::to_string(gate_.readers()) +
                        " snapshot(s) still open after " + std::to_string(options_.resize_wait.count()) + " ms");
  int rc = mdb_env_set_mapsize(env_, next);
  if (rc == MDB_SUCCESS) {
    map_size_ = next;
    ++resizes_;
  } else if (rc != EINVAL) {
    broken_ = true;  // LMDB unmapped the old map before failing to map the new one
  }
  gate_.unlock_exclusive();
  return mdb_status("mdb_env_set_mapsize", rc);
}

Status LmdbEnv::begin_read(MDB_txn*& txn) {
  txn = nullptr;
  gate_.lock_shared();
  if (broken_) {
    gate_.unlock_shared();
    return Status::IOError("LMDB environment in " + dir_ + " lost its map after a failed resize; restart");
  }
  Status s = mdb_status("mdb_txn_begin(MDB_RDONLY)", mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn));
  if (!s.ok()) {
    txn = nullptr;
    gate_.unlock_shared();
    if (s.is_resource_exhausted())
      return Status::ResourceExhausted(s.message() + " (max_readers " + std::to_string(options_.max_readers) +
                                       " snapshots are open)");
  }
  return s;
}

void LmdbEnv::end_read(MDB_txn* txn) {
  if (!txn) return;
  mdb_txn_abort(txn);
  gate_.unlock_shared();
}

Status LmdbEnv::check_readers(int& cleared) {
  cleared = 0;
  return mdb_status("mdb_reader_check", mdb_reader_check(env_, &cleared));
}

Status LmdbEnv::info(EnvInfo& out) {
  out = EnvInfo();
  MDB_txn* txn = nullptr;  // holding a read transaction keeps a resize out while we look
  Status s = begin_read(txn);
  if (!s.ok()) return s;
  MDB_envinfo info;
  MDB_stat stat;
  s = mdb_status("mdb_env_info", mdb_env_info(env_, &info));
  if (s.ok()) s = mdb_status("mdb_env_stat", mdb_env_stat(env_, &stat));
  end_read(txn);
  if (!s.ok()) return s;
  out.map_size = info.me_mapsize;
  out.page_size = stat.ms_psize;
  out.used_bytes = (info.me_last_pgno + 1) * uint64_t(stat.ms_psize);
  out.last_txn_id = info.me_last_txnid;
  out.max_readers = info.me_maxreaders;
  out.readers_used = info.me_numreaders;
  out.map_resizes = resizes_;
  return Status::OK();
}

}  // namespace eddy::storage
