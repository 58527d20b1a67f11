// A full disk: a small tmpfs (needs root for mount(2); without it the test says it was skipped).

#include <catch.hpp>

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store_test_util.h"

using namespace eddy;
using namespace eddy::storage;
using namespace eddy::storage::test;

namespace {

class Tmpfs {
 public:
  Tmpfs(const std::string& path, const std::string& size) : path_(path) {
    std::filesystem::create_directories(path);
    if (::mount("tmpfs", path.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0)
      mounted_ = true;
    else
      error_ = std::strerror(errno);
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  bool resize(const std::string& size) {
    return ::mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT, ("size=" + size).c_str()) == 0;
  }

 private:
  std::string path_;
  std::string error_;
  bool mounted_ = false;
};

EpochWrite epoch(int e) {
  EpochWrite w;
  for (int k = 0; k < 16; ++k)
    w.rows.push_back(put_row(1, "e" + std::to_string(e) + "k" + std::to_string(k), e, std::string(4000, 'd')));
  w.put_state = {{"meta/epoch", std::to_string(e)}};
  return w;
}

void check_epochs(const Store& store, int committed) {
  CHECK(read_all(store, 1).size() == size_t(committed) * 16);
  Store::Snapshot snap;
  REQUIRE(store.snapshot(snap).ok());
  std::optional<std::string> state;
  REQUIRE(snap.get_state("meta/epoch", state).ok());
  CHECK(state == std::optional<std::string>(std::to_string(committed)));
}

}  // namespace

TEST_CASE("a full disk fails the epoch with DiskFull, keeps the last commit, and writes resume with space") {
  TempDir dir;
  Tmpfs fs(dir.sub("mnt"), "2m");
  if (!fs.mounted()) {
    WARN("SKIPPED disk-full test: mount -t tmpfs failed (" << fs.error() << "); needs root / CAP_SYS_ADMIN");
    return;
  }
  std::string data = dir.sub("mnt/data");
  StoreOptions options;
  options.initial_map_size = 1 << 20;
  options.sync = true;
  int committed = 0;
  {
    std::unique_ptr<Store> store;
    REQUIRE(Store::open(data, options, store).ok());
    Status s;
    for (int e = 1; e <= 200; ++e) {
      s = store->commit(epoch(e));
      if (!s.ok()) break;
      committed = e;
    }
    INFO(s.to_string());
    REQUIRE(!s.ok());  // 200 epochs of 64 KiB cannot fit 2 MiB
    CHECK(s.is_disk_full());
    CHECK(s.sqlstate() == std::string("53100"));
    CHECK(committed > 0);
    check_epochs(*store, committed);  // the failed epoch left no trace; the rest reads fine
    CHECK(store->commit(epoch(committed + 1)).is_disk_full());  // still full: fails again, cleanly

    REQUIRE(fs.resize("16m"));  // space returns
    commit_ok(*store, epoch(committed + 1));
    ++committed;
    check_epochs(*store, committed);
  }
  auto store = open_store(data, options);  // and it all reopens
  check_epochs(*store, committed);
}
