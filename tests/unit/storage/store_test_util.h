#pragma once
// Store helpers for the storage tests.

#include <catch.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storage/store.h"
#include "storage_test_util.h"

namespace eddy::storage::test {

inline std::unique_ptr<Store> open_store(const std::string& dir, StoreOptions options = {}) {
  options.sync = false;  // a crash of the test process keeps the page cache; see the durability test
  std::unique_ptr<Store> store;
  Status s = Store::open(dir, options, store);
  INFO(s.to_string());
  REQUIRE(s.ok());
  return store;
}

inline RowChange put_row(uint64_t relation, std::string key, int64_t value, std::string pad = "") {
  Row row{Value::int64(value)};
  if (!pad.empty()) row.push_back(Value::text(std::move(pad)));
  return RowChange{relation, std::move(key), false, std::move(row)};
}

inline RowChange erase_row(uint64_t relation, std::string key) { return RowChange{relation, std::move(key), true, {}}; }

// key -> first value of every row of `relation`, through a fresh snapshot.
inline std::map<std::string, int64_t> read_all(const Store& store, uint64_t relation) {
  Store::Snapshot snap;
  REQUIRE(store.snapshot(snap).ok());
  std::map<std::string, int64_t> out;
  Status s = snap.scan(relation, [&](std::string_view key, const Row& row) {
    out.emplace(std::string(key), row.at(0).i);
    return true;
  });
  INFO(s.to_string());
  REQUIRE(s.ok());
  return out;
}

inline void commit_ok(Store& store, const EpochWrite& write) {
  Status s = store.commit(write);
  INFO(s.to_string());
  REQUIRE(s.ok());
}

}  // namespace eddy::storage::test
