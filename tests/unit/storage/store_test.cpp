#include <catch.hpp>

#include <lmdb.h>

#include "storage/lmdb_env.h"
#include "storage/key_encoding.h"
#include "storage/row_codec.h"
#include "storage/rows_layout.h"
#include "storage/varint.h"
#include "store_test_util.h"

using namespace eddy;
using namespace eddy::storage;
using namespace eddy::storage::test;

TEST_CASE("store commits are seen whole by snapshots, and insert_new refuses duplicates") {
  TempDir dir;
  auto store = open_store(dir.path());
  EpochWrite w;
  w.rows = {put_row(1, "k1", 1), put_row(2, "k1", 2)};
  commit_ok(*store, w);
  CHECK(read_all(*store, 1) == std::map<std::string, int64_t>{{"k1", 1}});
  CHECK(read_all(*store, 2) == std::map<std::string, int64_t>{{"k1", 2}});
  CHECK(read_all(*store, 3).empty());

  int dup = 0;
  REQUIRE(store->insert_new({put_row(1, "k2", 3), put_row(1, "k1", 4)}, dup).ok());
  CHECK(dup == 1);
  CHECK(read_all(*store, 1).size() == 1);  // nothing of a failed insert is applied
  REQUIRE(store->insert_new({put_row(1, "k3", 3), put_row(1, "k3", 4)}, dup).ok());
  CHECK(dup == 1);  // a duplicate inside the batch counts too
  REQUIRE(store->insert_new({put_row(1, "k2", 5), put_row(1, "k3", 6)}, dup).ok());
  CHECK(dup == -1);
  CHECK(read_all(*store, 1) == std::map<std::string, int64_t>{{"k1", 1}, {"k2", 5}, {"k3", 6}});

  EpochWrite erase;
  erase.rows = {erase_row(1, "k1"), erase_row(1, "absent"), put_row(1, "k2", 50)};
  commit_ok(*store, erase);
  CHECK(read_all(*store, 1) == std::map<std::string, int64_t>{{"k2", 50}, {"k3", 6}});
}

TEST_CASE("appended rows land under sequence keys, beside the row changes of the same epoch") {
  TempDir dir;
  auto store = open_store(dir.path());
  Batch rows = Batch::with_types({Type::text(), Type::int64()});
  rows.append_row({Value::text("a"), Value::int64(1)});
  rows.append_row({Value::text("b"), Value::null(Type::int64())});
  rows.append_row({Value::text(std::string(600, 'x')), Value::int64(-3)});  // a long value, short key
  EpochWrite w;
  w.rows = {put_row(8, "k1", 1)};
  w.appends.push_back({7, 40, &rows});
  CHECK_FALSE(w.empty());
  commit_ok(*store, w);
  Snapshot snap;
  REQUIRE(store->snapshot(snap).ok());
  std::vector<std::pair<std::string, Row>> seen;
  REQUIRE(snap.scan(7, [&](std::string_view key, const Row& row) {
                seen.emplace_back(std::string(key), row);
                return true;
              }).ok());
  REQUIRE(seen.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    std::string key;
    append_sequence(key, 40 + i);
    CHECK(seen[i].first == key);
    CHECK(encode_row(seen[i].second) == encode_row(rows.row(i)));
  }
  CHECK(read_all(*store, 8) == std::map<std::string, int64_t>{{"k1", 1}});
}

TEST_CASE("a snapshot keeps its commit while later commits land; find and row_count") {
  TempDir dir;
  auto store = open_store(dir.path());
  EpochWrite w;
  w.rows = {put_row(5, "a", 1), put_row(5, "b", 2), put_row(6, "", 9)};  // an empty key is a key
  commit_ok(*store, w);
  Store::Snapshot before;
  REQUIRE(store->snapshot(before).ok());
  EpochWrite w2;
  w2.rows = {put_row(5, "a", 10), put_row(5, "c", 3)};
  commit_ok(*store, w2);

  std::optional<Row> row;
  REQUIRE(before.find(5, "a", row).ok());
  REQUIRE(row);
  CHECK(row->at(0).i == 1);
  REQUIRE(before.find(5, "c", row).ok());
  CHECK(!row);
  uint64_t n = 0;
  REQUIRE(before.row_count(5, n).ok());
  CHECK(n == 2);
  REQUIRE(before.find(6, "", row).ok());
  CHECK(row);

  Store::Snapshot after;
  REQUIRE(store->snapshot(after).ok());
  CHECK(after.txn_id() > before.txn_id());
  REQUIRE(after.row_count(5, n).ok());
  CHECK(n == 3);
  // scan stops when the visitor says so
  int visited = 0;
  REQUIRE(after.scan(5, [&](std::string_view, const Row&) { return ++visited < 2; }).ok());
  CHECK(visited == 2);

  Store::Snapshot moved = std::move(after);
  CHECK(!after.valid());
  CHECK(after.row_count(5, n).is_invalid_argument());
  REQUIRE(moved.row_count(5, n).ok());
}

TEST_CASE("state: put, erase, erase by prefix, scan by prefix, all in the epoch's transaction") {
  TempDir dir;
  auto store = open_store(dir.path());
  EpochWrite w;
  w.rows = {put_row(1, "r", 1)};
  w.put_state = {{"q/1/agg", std::string("\0blob\xff", 6)}, {"q/1/offsets", "5-0"}, {"q/2/agg", "x"},
                 {"catalog/7", "{}"}, {"meta/epoch", "1"}};
  commit_ok(*store, w);

  Store::Snapshot snap;
  REQUIRE(store->snapshot(snap).ok());
  std::optional<std::string> v;
  REQUIRE(snap.get_state("q/1/agg", v).ok());
  REQUIRE(v);
  CHECK(*v == std::string("\0blob\xff", 6));
  REQUIRE(snap.get_state("q/9", v).ok());
  CHECK(!v);
  std::vector<std::string> keys;
  REQUIRE(snap.scan_state("q/1/", [&](std::string_view k, std::string_view) {
                keys.emplace_back(k);
                return true;
              }).ok());
  CHECK(keys == std::vector<std::string>{"q/1/agg", "q/1/offsets"});
  keys.clear();
  REQUIRE(snap.scan_state("", [&](std::string_view k, std::string_view) { return keys.emplace_back(k), true; }).ok());
  CHECK(keys.size() == 5);
  snap.release();

  EpochWrite w2;
  w2.erase_state_prefixes = {"q/1/"};
  w2.erase_state = {"meta/epoch", "never/there"};
  w2.put_state = {{"meta/epoch", "2"}};  // a put wins over an erase of the same key
  commit_ok(*store, w2);
  REQUIRE(store->snapshot(snap).ok());
  keys.clear();
  REQUIRE(snap.scan_state("", [&](std::string_view k, std::string_view) { return keys.emplace_back(k), true; }).ok());
  CHECK(keys == std::vector<std::string>{"catalog/7", "meta/epoch", "q/2/agg"});
  REQUIRE(snap.get_state("meta/epoch", v).ok());
  CHECK(v == std::optional<std::string>("2"));
  snap.release();

  // A bad state key refuses the whole epoch, rows included.
  EpochWrite bad;
  bad.rows = {put_row(1, "r", 99)};
  bad.put_state = {{"", "empty key"}};
  Status s = store->commit(bad);
  CHECK(s.is_invalid_argument());
  bad.put_state = {{std::string(600, 'k'), "long key"}};
  CHECK(store->commit(bad).is_invalid_argument());
  CHECK(read_all(*store, 1).at("r") == 1);
}

TEST_CASE("drop_relation deletes its rows and sequence and nothing of its neighbours") {
  TempDir dir;
  auto store = open_store(dir.path());
  EpochWrite w;
  for (uint64_t rel : {1, 2, 3})
    for (int i = 0; i < (rel == 2 ? 120000 : 100); ++i) w.rows.push_back(put_row(rel, "key" + std::to_string(i), i));
  commit_ok(*store, w);
  uint64_t first = 0;
  REQUIRE(store->next_sequence(2, 100, first).ok());
  REQUIRE(store->next_sequence(3, 7, first).ok());
  REQUIRE(store->drop_relation(2).ok());  // more rows than one drop transaction takes
  CHECK(read_all(*store, 2).empty());
  CHECK(read_all(*store, 1).size() == 100);
  CHECK(read_all(*store, 3).size() == 100);
  REQUIRE(store->next_sequence(2, 1, first).ok());
  CHECK(first == 0);  // the sequence went with the relation
  REQUIRE(store->next_sequence(3, 1, first).ok());
  CHECK(first == 7);
  REQUIRE(store->drop_relation(99).ok());  // unknown: nothing to do
}

TEST_CASE("sequences are persisted across reopen") {
  TempDir dir;
  uint64_t first = 1;
  {
    auto store = open_store(dir.path());
    REQUIRE(store->next_sequence(7, 10, first).ok());
    CHECK(first == 0);
    REQUIRE(store->next_sequence(7, 1, first).ok());
    CHECK(first == 10);
    REQUIRE(store->next_sequence(8, 1, first).ok());
    CHECK(first == 0);
  }
  auto store = open_store(dir.path());
  REQUIRE(store->next_sequence(7, 1, first).ok());
  CHECK(first == 11);
  CHECK(store->next_sequence(8, 1, first).ok());
  CHECK(first == 1);
}

TEST_CASE("keys longer than LMDB's limit are stored, found, scanned and erased exactly") {
  TempDir dir;
  auto store = open_store(dir.path());
  std::string base(600, 'p');
  std::string long_a = base + "a", long_b = base + "b" + std::string(2000, 'z');
  std::string short_key = base.substr(0, 100);
  EpochWrite w;
  w.rows = {put_row(4, long_a, 1), put_row(4, long_b, 2), put_row(4, short_key, 3)};
  commit_ok(*store, w);
  auto rows = read_all(*store, 4);
  CHECK(rows == std::map<std::string, int64_t>{{long_a, 1}, {long_b, 2}, {short_key, 3}});
  Store::Snapshot snap;
  REQUIRE(store->snapshot(snap).ok());
  std::optional<Row> row;
  REQUIRE(snap.find(4, long_b, row).ok());
  REQUIRE(row);
  CHECK(row->at(0).i == 2);
  REQUIRE(snap.find(4, base + "c", row).ok());
  CHECK(!row);
  std::string first_key;
  REQUIRE(snap.scan(4, [&](std::string_view k, const Row&) { return first_key = k, false; }).ok());
  CHECK(first_key == short_key);  // a prefix sorts first, long or not
  snap.release();
  int dup = 0;
  REQUIRE(store->insert_new({put_row(4, long_a, 9)}, dup).ok());
  CHECK(dup == 0);
  EpochWrite erase;
  erase.rows = {erase_row(4, long_a), erase_row(4, base + "never")};
  commit_ok(*store, erase);
  CHECK(read_all(*store, 4) == std::map<std::string, int64_t>{{long_b, 2}, {short_key, 3}});
}

TEST_CASE("corrupt row bytes in the store are reported as Corruption, never a crash") {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    EpochWrite w;
    w.rows = {put_row(3, "a", 1), put_row(3, "b", 2)};
    commit_ok(*store, w);
  }
  {  // overwrite row "b" with garbage, below the Store
    std::unique_ptr<LmdbEnv> env;
    REQUIRE(LmdbEnv::open(dir.path(), EnvOptions{}, env).ok());
    Status s = env->write([&](WriteTxn& t) {
      std::string key;
      rows_layout::db_key(3, "b", env->max_key_size(), key);
      MDB_val k{key.size(), key.data()};
      char garbage[] = "\x01\x05\x08\xff";
      MDB_val v{4, garbage};
      return mdb_put(t.txn, env->dbi(LmdbEnv::Db::Rows), &k, &v, 0) == 0 ? Status::OK() : Status::IOError("put");
    });
    REQUIRE(s.ok());
  }
  auto store = open_store(dir.path());
  Store::Snapshot snap;
  REQUIRE(store->snapshot(snap).ok());
  int seen = 0;
  Status s = snap.scan(3, [&](std::string_view, const Row&) { return ++seen, true; });
  CHECK(s.is_corruption());
  CHECK(s.message().find("relation 3 key 62") != std::string::npos);  // "b" in hex
  CHECK(seen == 1);  // "a" came before it
  std::optional<Row> row;
  CHECK(snap.find(3, "b", row).is_corruption());
  CHECK(!row);
  REQUIRE(snap.find(3, "a", row).ok());
  CHECK(row);
}

TEST_CASE("reader slots are bounded by max_readers and come back when snapshots end") {
  TempDir dir;
  StoreOptions options;
  options.max_readers = 3;
  auto store = open_store(dir.path(), options);
  std::vector<Store::Snapshot> held(3);
  for (auto& s : held) REQUIRE(store->snapshot(s).ok());
  Store::Snapshot one_more;
  Status s = store->snapshot(one_more);
  CHECK(s.is_resource_exhausted());
  CHECK(s.message().find("MDB_READERS_FULL") != std::string::npos);
  CHECK(s.sqlstate() == std::string("53000"));
  held.pop_back();
  CHECK(store->snapshot(one_more).ok());
  int cleared = -1;
  CHECK(store->check_readers(&cleared).ok());
  CHECK(cleared == 0);
  held.clear();
  one_more.release();
  StoreStats stats;
  REQUIRE(store->stats(stats).ok());
  CHECK(stats.env.max_readers == 3);
  CHECK(stats.env.map_size >= (size_t(64) << 20));
  CHECK(stats.meta_entries >= 1);  // the format
}

TEST_CASE("a data directory of another storage format is refused") {
  TempDir dir;
  { auto store = open_store(dir.path()); }
  {
    std::unique_ptr<LmdbEnv> env;
    REQUIRE(LmdbEnv::open(dir.path(), EnvOptions{}, env).ok());
    REQUIRE(env->write([&](WriteTxn& t) {
                 std::string v;
                 put_be64(v, 99);
                 MDB_val k{6, const_cast<char*>("format")}, val{v.size(), v.data()};
                 return mdb_put(t.txn, env->dbi(LmdbEnv::Db::Meta), &k, &val, 0) == 0 ? Status::OK()
                                                                                       : Status::IOError("put");
               }).ok());
  }
  std::unique_ptr<Store> store;
  Status s = Store::open(dir.path(), StoreOptions{}, store);
  CHECK(s.is_invalid_argument());
  CHECK(s.message().find("storage format 99") != std::string::npos);
  CHECK(!store);
}

TEST_CASE("a temporary store works and is removed with it") {
  std::string tmp;
  {
    Store store;  // private temporary directory
    tmp = store.dir();
    CHECK(tmp.rfind("/tmp/eddy-store-", 0) == 0);
    EpochWrite write;
    write.rows = {put_row(1, "a", 1)};
    REQUIRE(store.commit(write).ok());
    int duplicate = -1;
    REQUIRE(store.insert_new({put_row(1, "a", 2)}, duplicate).ok());
    CHECK(duplicate == 0);
    uint64_t first = 9;
    REQUIRE(store.next_sequence(1, 5, first).ok());
    CHECK(first == 0);
    CHECK(read_all(store, 1).at("a") == 1);
  }
  CHECK(!std::filesystem::exists(tmp));  // removed with the store
}

TEST_CASE("status names its code and maps to SQLSTATE") {
  CHECK(Status::DiskFull("x").sqlstate() == std::string("53100"));
  CHECK(Status::IOError("x").sqlstate() == std::string("58030"));
  CHECK(Status::Corruption("x").sqlstate() == std::string("XX001"));
  CHECK(Status::Busy("x").sqlstate() == std::string("55006"));
  CHECK(Status::OK().to_string() == "OK");
  CHECK(Status::MapFull("m").with_context("ctx").to_string() == "MapFull: ctx: m");
}
