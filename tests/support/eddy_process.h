#pragma once
// A throwaway Eddy server for tests: started on a free loopback port with a fresh temporary data
// directory, waited on until a libpq connection succeeds, stopped with SIGTERM (SIGKILL after a
// grace period) and cleaned up. Shared by eddy_slt and the C++ end-to-end tests; the shell tests
// have the same logic in tests/support/eddy_process.sh.
//
// The command line is
//   <binary> server --host 127.0.0.1 --port <free port> --data-dir <tmp>/data [extra args...]
// with stdout and stderr going to <tmp>/server.log (see log_tail()). <tmp> is a fresh
// directory under $TMPDIR (or /tmp); data/ exists and is empty when the server starts.
//
// Not thread-safe: one thread owns an EddyProcess. The server gets PR_SET_PDEATHSIG, so it dies
// with the test process even when that one is killed (e.g. by a ctest timeout).

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace eddy::test {

struct EddyProcessOptions {
  std::string binary;                    // path to the eddy executable
  std::vector<std::string> extra_args;   // appended after --data-dir
  std::chrono::milliseconds ready_timeout{20000};
  std::chrono::milliseconds stop_grace{5000};
  bool keep_temp = false;                // leave <tmp> behind (for debugging)
};

class EddyProcess {
 public:
  explicit EddyProcess(EddyProcessOptions options);
  ~EddyProcess();  // stop() if still running, then removes the temp dir unless keep_temp
  EddyProcess(const EddyProcess&) = delete;
  EddyProcess& operator=(const EddyProcess&) = delete;

  // Creates the temp dir, picks a port, starts the server and waits until a libpq connection
  // succeeds. Throws std::runtime_error (with the server log's tail) when the server exits
  // first or does not accept a connection within ready_timeout.
  void start();

  // True while the server runs. Reaps it (and records how it ended) when it has exited.
  bool running();

  // SIGTERM, then SIGKILL after stop_grace. Returns how it ended, e.g. "exited with status 0",
  // "killed by signal 9 (after SIGTERM timed out)". Idempotent.
  std::string stop();

  // How the process ended ("" while running or before start()).
  const std::string& exit_description() const { return exit_description_; }
  // True when it ended by a signal other than SIGTERM, SIGKILL or SIGINT (a crash: SIGSEGV,
  // SIGABRT, ...).
  bool crashed() const { return crashed_; }

  int port() const { return port_; }
  // libpq connection string: "host=127.0.0.1 port=N user=eddy dbname=eddy".
  std::string conninfo() const;
  const std::filesystem::path& temp_dir() const { return temp_dir_; }
  // The last `lines` lines of the server's output.
  std::string log_tail(size_t lines = 40) const;

 private:
  void reap();  // the process has exited: record how, reap it

  EddyProcessOptions options_;
  std::filesystem::path temp_dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string exit_description_;
  bool crashed_ = false;
};

// Binds 127.0.0.1:0, reads back the port the kernel chose and releases it.
int free_tcp_port();

// Attempts one libpq connection; returns "" on success or libpq's error message.
std::string try_connect(const std::string& conninfo, int connect_timeout_seconds = 2);

}  // namespace eddy::test
