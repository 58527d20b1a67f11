// Crashes, restarts, a second process, a growing map and concurrent readers.

#include <catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store_test_util.h"

using namespace eddy;
using namespace eddy::storage;
using namespace eddy::storage::test;

namespace {

// Epoch `e` of the consistency tests: every key of relations 10 and 20 set to e, the epoch in
// state. `pad` bytes per row make the epochs big enough to fill a small map.
EpochWrite epoch_write(int64_t e, int keys, size_t pad) {
  EpochWrite w;
  for (uint64_t rel : {10, 20})
    for (int k = 0; k < keys; ++k) w.rows.push_back(put_row(rel, "k" + std::to_string(k), e, std::string(pad, 'x')));
  w.put_state = {{"meta/epoch", std::to_string(e)}};
  return w;
}

// Empty when the snapshot shows one epoch in both relations and in state; else what differs.
std::string check_one_epoch(const Store::Snapshot& snap, int keys, int64_t& epoch) {
  std::optional<std::string> state;
  Status s = snap.get_state("meta/epoch", state);
  if (!s.ok()) return s.to_string();
  epoch = state ? std::stoll(*state) : 0;
  for (uint64_t rel : {10, 20}) {
    int n = 0;
    std::string bad;
    s = snap.scan(rel, [&](std::string_view key, const Row& row) {
      ++n;
      if (row.at(0).i != epoch) bad = "relation " + std::to_string(rel) + " " + std::string(key) + " = " +
                                      std::to_string(row.at(0).i) + " in epoch " + std::to_string(epoch);
      return bad.empty();
    });
    if (!s.ok()) return s.to_string();
    if (!bad.empty()) return bad;
    if (n != (epoch ? keys : 0)) return "relation " + std::to_string(rel) + " has " + std::to_string(n) + " rows";
  }
  return "";
}

}  // namespace

TEST_CASE("every snapshot sees both relations at the same epoch while a writer commits") {
  TempDir dir;
  StoreOptions options;
  options.initial_map_size = 1 << 20;  // small: the map grows while the readers read
  auto store = open_store(dir.path(), options);
  constexpr int kKeys = 20, kEpochs = 300;
  std::atomic<bool> done{false};
  std::atomic<int> snapshots{0};
  std::vector<std::string> failures(3);
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r)
    readers.emplace_back([&, r] {
      int64_t last = 0;
      while (!done && failures[r].empty()) {
        Store::Snapshot snap;
        Status s = store->snapshot(snap);
        if (!s.ok()) { failures[r] = s.to_string(); break; }
        int64_t epoch = 0;
        failures[r] = check_one_epoch(snap, kKeys, epoch);
        if (epoch < last) failures[r] = "epoch went back from " + std::to_string(last) + " to " + std::to_string(epoch);
        last = epoch;
        ++snapshots;
      }
    });
  Status s;
  for (int e = 1; e <= kEpochs && s.ok(); ++e) {
    EpochWrite w = epoch_write(e, kKeys, 500);
    // New rows every epoch, so the data outgrows the 1 MiB map while the readers read.
    for (int k = 0; k < 4; ++k) w.rows.push_back(put_row(30, std::to_string(e * 10 + k), e, std::string(1000, 'g')));
    s = store->commit(w);
  }
  done = true;
  for (auto& t : readers) t.join();
  INFO(s.to_string());
  CHECK(s.ok());
  for (auto& f : failures) CHECK(f == "");
  CHECK(snapshots > 0);
  StoreStats stats;
  REQUIRE(store->stats(stats).ok());
  CHECK(stats.env.map_resizes >= 1);
}

TEST_CASE("a tiny map grows across many commits without losing a write") {
  TempDir dir;
  StoreOptions options;
  options.initial_map_size = 1 << 20;
  size_t map_before_close = 0;
  {
    auto store = open_store(dir.path(), options);
    for (int e = 0; e < 200; ++e) {
      EpochWrite w;
      for (int k = 0; k < 50; ++k)
        w.rows.push_back(put_row(1, "e" + std::to_string(e) + "k" + std::to_string(k), e * 100 + k, std::string(1000, 'p')));
      commit_ok(*store, w);
    }
    // One epoch much bigger than the map: grows several times in a row.
    EpochWrite big;
    for (int k = 0; k < 40; ++k) big.rows.push_back(put_row(2, "big" + std::to_string(k), k, std::string(100000, 'b')));
    commit_ok(*store, big);
    auto rows = read_all(*store, 1);
    CHECK(rows.size() == 200 * 50);
    CHECK(rows.at("e199k49") == 199 * 100 + 49);
    CHECK(read_all(*store, 2).size() == 40);
    StoreStats stats;
    REQUIRE(store->stats(stats).ok());
    CHECK(stats.env.map_resizes >= 4);
    CHECK(stats.env.map_size > stats.env.used_bytes);
    map_before_close = stats.env.map_size;
  }
  auto store = open_store(dir.path(), options);  // reopened with the same 1 MiB option
  StoreStats stats;
  REQUIRE(store->stats(stats).ok());
  CHECK(stats.env.map_size >= 2 * stats.env.used_bytes);  // room to write without resizing at once
  CHECK(stats.env.map_size >= map_before_close / 2);
  CHECK(read_all(*store, 1).size() == 200 * 50);
}

TEST_CASE("growing the map waits for open snapshots, and gives up rather than wait for its own thread") {
  TempDir dir;
  StoreOptions options;
  options.initial_map_size = 1 << 20;
  options.resize_wait = std::chrono::milliseconds(300);
  auto store = open_store(dir.path(), options);
  EpochWrite big;
  for (int k = 0; k < 30; ++k) big.rows.push_back(put_row(1, "k" + std::to_string(k), k, std::string(100000, 'x')));

  // Another thread holds a snapshot for 150 ms: the commit waits for it, then grows and lands.
  Store::Snapshot held;
  REQUIRE(store->snapshot(held).ok());
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    held.release();
  });
  auto start = std::chrono::steady_clock::now();
  Status s = store->commit(big);
  auto waited = std::chrono::steady_clock::now() - start;
  releaser.join();
  INFO(s.to_string());
  CHECK(s.ok());
  CHECK(waited >= std::chrono::milliseconds(100));

  // This thread holds a snapshot and commits an epoch that needs a bigger map: Busy after the
  // wait, not a deadlock; the store works on once the snapshot is gone.
  EpochWrite bigger;
  for (int k = 0; k < 60; ++k) bigger.rows.push_back(put_row(2, "k" + std::to_string(k), k, std::string(100000, 'y')));
  Store::Snapshot mine;
  REQUIRE(store->snapshot(mine).ok());
  s = store->commit(bigger);
  CHECK(s.is_busy());
  CHECK(s.message().find("snapshot(s) still open") != std::string::npos);
  CHECK(read_all(*store, 2).empty());
  mine.release();
  commit_ok(*store, bigger);
  CHECK(read_all(*store, 2).size() == 60);
}

TEST_CASE("commits survive a process that exits without closing the store") {
  TempDir dir;
  ChildResult child = run_child([&](int fd) {
    std::unique_ptr<Store> store;
    StoreOptions options;
    options.initial_map_size = 1 << 20;
    if (!Store::open(dir.path(), options, store).ok()) return 1;
    for (int e = 1; e <= 50; ++e)
      if (!store->commit(epoch_write(e, 10, 100)).ok()) return 2;
    uint64_t first;
    if (!store->next_sequence(10, 5, first).ok()) return 3;
    write_all(fd, "committed");
    return 0;  // _exit: no destructor, no mdb_env_close
  });
  REQUIRE(child.exit_code == 0);
  REQUIRE(child.output == "committed");
  auto store = open_store(dir.path());
  Store::Snapshot snap;
  REQUIRE(store->snapshot(snap).ok());
  int64_t epoch = -1;
  CHECK(check_one_epoch(snap, 10, epoch) == "");
  CHECK(epoch == 50);
  uint64_t first = 0;
  snap.release();
  REQUIRE(store->next_sequence(10, 1, first).ok());
  CHECK(first == 5);
}

TEST_CASE("kill -9 in the middle of committing loses no acknowledged epoch and tears none") {
  TempDir dir;
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      std::unique_ptr<Store> store;
      StoreOptions options;
      options.initial_map_size = 1 << 20;
      if (!Store::open(dir.path(), options, store).ok()) ::_exit(1);
      Store::Snapshot snap;
      int64_t epoch = 0;
      if (!store->snapshot(snap).ok() || !check_one_epoch(snap, 30, epoch).empty()) ::_exit(2);
      snap.release();
      for (int64_t e = epoch + 1;; ++e) {
        if (!store->commit(epoch_write(e, 30, 300)).ok()) ::_exit(3);
        std::string line = std::to_string(e) + "\n";  // acknowledged only after the commit
        if (::write(fds[1], line.data(), line.size()) <= 0) ::_exit(4);
      }
    }
    ::close(fds[1]);
    std::string seen;
    char buf[256];
    int64_t acknowledged = 0;
    while (acknowledged < 20 * (round + 1)) {
      ssize_t n = ::read(fds[0], buf, sizeof buf);
      REQUIRE(n > 0);
      seen.append(buf, static_cast<size_t>(n));
      size_t end = seen.rfind('\n');
      if (end == std::string::npos) continue;
      size_t begin = seen.rfind('\n', end - 1);
      size_t start = begin == std::string::npos ? 0 : begin + 1;
      acknowledged = std::stoll(seen.substr(start, end - start));
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(fds[0]);
    auto store = open_store(dir.path());
    Store::Snapshot snap;
    REQUIRE(store->snapshot(snap).ok());
    int64_t epoch = 0;
    CHECK(check_one_epoch(snap, 30, epoch) == "");
    CHECK(epoch >= acknowledged);
  }
}

TEST_CASE("a second process on the same data directory is refused with Busy, naming dir and pid") {
  TempDir dir;
  std::string data = dir.sub("data");  // created by open
  {
    auto store = open_store(data);
    ChildResult child = run_child([&](int fd) {
      std::unique_ptr<Store> other;
      Status s = Store::open(data, StoreOptions{}, other);
      write_all(fd, std::string(Status::code_name(s.code())) + "\n" + s.message() + "\n" + s.sqlstate());
      return 0;
    });
    INFO(child.output);
    CHECK(child.exit_code == 0);
    CHECK(child.output.rfind("Busy\n", 0) == 0);
    CHECK(child.output.find("data directory " + data + " is in use by another Eddy process (pid " +
                            std::to_string(::getpid()) + ", lock file " + data + "/eddy.lock)") != std::string::npos);
    CHECK(child.output.find("55006") != std::string::npos);
    std::unique_ptr<Store> same_process;
    CHECK(Store::open(data, StoreOptions{}, same_process).is_busy());
  }
  // Once the holder is gone, the next process gets in.
  ChildResult child = run_child([&](int) {
    std::unique_ptr<Store> other;
    return Store::open(data, StoreOptions{}, other).ok() ? 0 : 1;
  });
  CHECK(child.exit_code == 0);
}
