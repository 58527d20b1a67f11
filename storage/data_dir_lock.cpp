#include "storage/data_dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "storage/lmdb_error.h"

namespace eddy::storage {
namespace {

// The pid the holder wrote into the lock file, or "" when unreadable.
std::string read_holder(int fd) {
  char buf[32];
  ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
  if (n <= 0) return "";
  std::string s(buf, static_cast<size_t>(n));
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (char c : s)
    if (c < '0' || c > '9') return "";
  return s;
}

}  // namespace

DataDirLock::~DataDirLock() { release(); }

Status DataDirLock::acquire(const std::string& dir) {
  release();
  std::string path = dir + "/eddy.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return errno_status("open " + path, errno);
  int rc;
  do rc = ::flock(fd, LOCK_EX | LOCK_NB);
  while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    int err = errno;
    if (err == EWOULDBLOCK) {
      std::string holder = read_holder(fd);
      ::close(fd);
      return Status::Busy("data directory " + dir + " is in use by another Eddy process (" +
                          (holder.empty() ? std::string("pid unknown") : "pid " + holder) +
                          ", lock file " + path + ")");
    }
    ::close(fd);
    return errno_status("flock " + path, err);
  }
  // The pid is for the message above only: failing to write it (a full disk) is not an error.
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
    (void)written;
  }
  fd_ = fd;
  return Status::OK();
}

void DataDirLock::release() {
  if (fd_ < 0) return;
  ::close(fd_);  // closing the last descriptor of the description drops the flock
  fd_ = -1;
}

}  // namespace eddy::storage
