#pragma once
// The rows of Eddy-kept tables and materialized views, by relation id and encoded key
// (key_encoding.h). In this version the rows live in memory; durability in LMDB replaces the
// inside of this class, not its interface.
//
// Consistency: commit() applies one epoch's changes, to any number of relations, atomically
// with respect to snapshots: a Snapshot sees every change of a commit or none. All views are
// read from one Snapshot, so one SELECT sees one committed state of everything.
//
// Thread-safe. A Snapshot holds a shared lock: keep it only as long as a statement runs.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/value.h"

namespace eddy::storage {

struct RowChange {
  uint64_t relation = 0;
  std::string key;
  bool erase = false;  // delete the key; otherwise insert or replace with `row`
  Row row;
};

class Store {
 public:
  using RowMap = std::map<std::string, Row>;

  class Snapshot {
   public:
    // Rows of a relation in key order; an unknown relation has none.
    const RowMap& rows(uint64_t relation) const;
    const Row* find(uint64_t relation, const std::string& key) const;

   private:
    friend class Store;
    Snapshot(const Store& store) : store_(&store), lock_(store.mutex_) {}
    const Store* store_;
    std::shared_lock<std::shared_mutex> lock_;
  };

  Snapshot snapshot() const { return Snapshot(*this); }

  void commit(std::vector<RowChange>& changes);
  // Inserts rows that must not exist yet (INSERT into a keyed table): all or nothing. Returns
  // the index of the first change whose key already exists, or -1 when all were applied.
  int insert_new(std::vector<RowChange>& changes);
  void drop_relation(uint64_t relation);
  // Next value of a per-relation counter, for rows without a natural key.
  uint64_t next_sequence(uint64_t relation, uint64_t count = 1);

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<uint64_t, RowMap> relations_;
  std::unordered_map<uint64_t, uint64_t> sequences_;
  static const RowMap kEmpty;
};

}  // namespace eddy::storage
