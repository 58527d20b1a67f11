#pragma once
// The durable store: rows of Eddy-kept tables and materialized views (by relation id and
// encoded key, key_encoding.h), operator state, source offsets, the catalog and the epoch,
// all in one LMDB environment (lmdb_env.h) in the server's data directory. Layout on disk:
// storage/README.md.
//
// Consistency: commit() writes one epoch, row changes of any number of relations and state
// changes, in ONE write transaction: a Snapshot sees all of it or none, and after a crash
// either all of it is there or none. Every SELECT reads one Snapshot for all relations.
//
// Thread-safe. Writes (commit, insert_new, drop_relation, next_sequence) from several threads
// are serialized; each costs one LMDB commit (an fsync with options.sync). Snapshots may be held
// by many threads while one commits. Methods return a Status and never throw (except the
// temporary-store constructor below).
//
// A full map is never an error: the epoch is aborted, the map doubled and the epoch retried
// (up to max_map_size). A full disk returns DiskFull and leaves the last commit readable.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/column.h"
#include "common/value.h"
#include "storage/lmdb_env.h"
#include "storage/snapshot.h"
#include "storage/status.h"

namespace eddy::storage {

using StoreOptions = EnvOptions;

struct RowChange {
  uint64_t relation = 0;
  std::string key;
  bool erase = false;  // delete the key; otherwise insert or replace with `row`
  Row row;
};

// Everything one epoch writes. Applied in this order: rows (in vector order: a later change of
// the same key wins), erase_state_prefixes, erase_state, put_state (a put wins over an erase of
// the same key). State keys are opaque bytes chosen by the caller ("q/<id>/agg",
// "catalog/<relation id>", ...), 1 to 511 bytes; values are opaque blobs of any size.
// Rows appended under fresh sequence keys (append_sequence(first_sequence + i) for row i),
// encoded straight from the batch: the same records RowChanges of batch.row(i) would write,
// without building the Rows (the commit path of a view without aggregation).
struct RowAppend {
  uint64_t relation = 0;
  uint64_t first_sequence = 0;
  const Batch* rows = nullptr;  // the caller's; must outlive the commit
};

struct EpochWrite {
  std::vector<RowChange> rows;
  std::vector<RowAppend> appends;  // applied after `rows`
  std::vector<std::pair<std::string, std::string>> put_state;
  std::vector<std::string> erase_state;
  std::vector<std::string> erase_state_prefixes;  // every state key starting with one of these

  bool empty() const { return rows.empty() && appends.empty() && put_state.empty() && erase_state.empty() && erase_state_prefixes.empty(); }
};

struct StoreStats {
  EnvInfo env;                 // map size, pages in use, readers, resizes
  uint64_t row_entries = 0;    // rows of all relations
  uint64_t state_entries = 0;
  uint64_t meta_entries = 0;
};

class Store {
 public:
  using Snapshot = storage::Snapshot;

  // Opens (creating if needed) the store in `dir`. Busy when another process holds `dir`;
  // InvalidArgument when `dir` holds a storage format this build does not read.
  static Status open(const std::string& dir, const StoreOptions& options, std::unique_ptr<Store>& out);

  // A store in a fresh private directory under /tmp (sync off), removed by the destructor: for
  // unit tests. Throws std::runtime_error if that fails.
  Store();
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // A read transaction over the latest commit. ResourceExhausted when all reader slots are
  // taken. `out` is released first.
  Status snapshot(Snapshot& out) const;

  // Writes one epoch atomically (see EpochWrite). InvalidArgument for a bad state key, with
  // nothing written.
  Status commit(const EpochWrite& write);

  // Inserts rows whose keys must not exist yet (INSERT into a keyed table), all or nothing:
  // `duplicate` is the index of the first change whose key already exists (in the store or
  // earlier in `changes`) with nothing applied, or -1 when all were applied. `erase` is ignored.
  Status insert_new(const std::vector<RowChange>& changes, int& duplicate);

  // Deletes the rows of `relation` and its sequence. Very large relations are deleted in several
  // transactions; a crash in between leaves some rows, and calling it again finishes the job.
  Status drop_relation(uint64_t relation);

  // Reserves `count` values of the per-relation counter (keys of rows without a natural key):
  // `first` is the first; the next call returns first + count. Persisted in its own commit.
  Status next_sequence(uint64_t relation, uint64_t count, uint64_t& first);

  // Frees the reader slots of dead processes (mdb_reader_check); done at open, cheap to repeat.
  Status check_readers(int* cleared = nullptr);
  Status stats(StoreStats& out) const;
  const std::string& dir() const { return env_->dir(); }


 private:
  explicit Store(std::unique_ptr<LmdbEnv> env) : env_(std::move(env)) {}
  Status check_format();

  std::unique_ptr<LmdbEnv> env_;
  std::string temp_dir_;  // owned by the temporary-store constructor; removed on destruction
};

}  // namespace eddy::storage
