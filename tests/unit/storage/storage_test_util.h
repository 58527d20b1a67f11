#pragma once
// Helpers shared by the storage tests: a private temporary directory, and a child process whose
// result comes back through a pipe.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>

namespace eddy::storage::test {

class TempDir {
 public:
  TempDir() {
    char path[] = "/tmp/eddy-storage-test-XXXXXX";
    if (!::mkdtemp(path)) throw std::runtime_error("mkdtemp failed");
    path_ = path;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct ChildResult {
  int exit_code = -1;   // -1 when killed by a signal
  std::string output;   // everything the child wrote to its pipe
};

// Runs `body(write_fd)` in a forked child, which then _exits with body's return value without
// running destructors or atexit handlers (as a crash would leave things). Returns what the
// child wrote to the pipe and its exit code.
inline ChildResult run_child(const std::function<int(int write_fd)>& body) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    int rc = body(fds[1]);
    ::_exit(rc);
  }
  ::close(fds[1]);
  ChildResult result;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) result.output.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline void write_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

}  // namespace eddy::storage::test
