// deprecated: the shims that keep callers written for the in-memory Store building while they
// move to Status (server/database.h, server/exec_insert.cpp, engine/continuous_query.cpp).
// Delete this file when no caller uses them.

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "storage/store.h"

namespace eddy::storage {
namespace {

[[noreturn]] void fail(const char* what, const Status& s) {
  throw std::runtime_error(std::string(what) + ": " + s.to_string());
}

}  // namespace

Store::Store() {
  char path[] = "/tmp/eddy-store-XXXXXX";
  if (!::mkdtemp(path)) fail("Store()", Status::IOError(std::string("mkdtemp /tmp/eddy-store-XXXXXX: errno ") + std::to_string(errno)));
  temp_dir_ = path;
  StoreOptions options;
  options.sync = false;  // the directory dies with the process anyway
  std::unique_ptr<Store> opened;
  Status s = Store::open(temp_dir_, options, opened);
  if (!s.ok()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
    fail("Store()", s);
  }
  env_ = std::move(opened->env_);
}

Store::~Store() {
  env_.reset();  // closes LMDB and drops the directory lock before the files go
  if (!temp_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }
}

void Store::commit(std::vector<RowChange>& changes) {
  EpochWrite write;
  write.rows = std::move(changes);
  Status s = commit(write);
  changes = std::move(write.rows);  // moved-from, as the in-memory store left them
  if (!s.ok()) fail("Store::commit", s);
}

int Store::insert_new(std::vector<RowChange>& changes) {
  int duplicate = -1;
  Status s = insert_new(static_cast<const std::vector<RowChange>&>(changes), duplicate);
  if (!s.ok()) fail("Store::insert_new", s);
  return duplicate;
}

uint64_t Store::next_sequence(uint64_t relation, uint64_t count) {
  uint64_t first = 0;
  Status s = next_sequence(relation, count, first);
  if (!s.ok()) fail("Store::next_sequence", s);
  return first;
}

}  // namespace eddy::storage
