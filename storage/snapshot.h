#pragma once
// One committed state of the whole store: an LMDB read transaction (MDB_RDONLY). Everything a
// Snapshot reads, rows of any relation and state, is as of the same commit, so a SELECT over
// several views, or a recovery reading a query's state and offsets, sees one epoch.
//
// Obtained from Store::snapshot(); movable, released by its destructor (or release()). It takes
// one reader slot and holds the store's map still (see resize_gate.h): keep it only as long as a
// statement runs, and end it before the thread commits. A Snapshot may move between threads
// (MDB_NOTLS) but must not be used by two threads at once; many threads may each hold their own
// while another commits. It must not outlive its Store.
//
// Every method returns OK or an error; a Snapshot that is not open returns InvalidArgument.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/value.h"
#include "storage/status.h"

struct MDB_txn;

namespace eddy::storage {

class LmdbEnv;

class Snapshot {
 public:
  // visit(key, row) for each row; return false to stop. The key view and row reference are
  // valid during the call only.
  using RowVisitor = std::function<bool(std::string_view key, const Row& row)>;
  using StateVisitor = std::function<bool(std::string_view key, std::string_view value)>;

  Snapshot() = default;
  ~Snapshot() { release(); }
  Snapshot(Snapshot&& other) noexcept;
  Snapshot& operator=(Snapshot&& other) noexcept;
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  bool valid() const { return txn_ != nullptr; }
  void release();

  // Rows of `relation` in key order (an unknown relation has none). Corruption if a stored row
  // does not decode; the rows visited before it were delivered.
  Status scan(uint64_t relation, const RowVisitor& visit) const;
  // The row under `key`, or nullopt.
  Status find(uint64_t relation, std::string_view key, std::optional<Row>& row) const;
  // Number of rows of `relation`: walks its keys without decoding rows (O(rows)).
  Status row_count(uint64_t relation, uint64_t& count) const;

  // State blobs (EpochWrite::put_state): the value under `key`, or nullopt.
  Status get_state(std::string_view key, std::optional<std::string>& value) const;
  // Every state entry whose key starts with `prefix` ("" for all), in key order.
  Status scan_state(std::string_view prefix, const StateVisitor& visit) const;

  // The id of the write transaction whose result this snapshot sees (grows with every commit).
  uint64_t txn_id() const;

 private:
  friend class Store;
  Snapshot(LmdbEnv* env, MDB_txn* txn) : env_(env), txn_(txn) {}
  Status check_open() const;

  LmdbEnv* env_ = nullptr;
  MDB_txn* txn_ = nullptr;
};

}  // namespace eddy::storage
