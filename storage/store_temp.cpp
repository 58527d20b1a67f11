// Store(): a store in a private temporary directory, removed with it — for unit tests and
// embedded uses that need no durability (the server opens --data-dir with Store::open).

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

}  // namespace eddy::storage
