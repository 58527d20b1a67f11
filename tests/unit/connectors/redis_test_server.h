#pragma once
// A real redis-server for tests and benchmarks: started on a free port with its own temporary
// directory, stopped (and the directory removed) by the destructor. stop()/start() restart it on
// the same port and directory, to test reconnecting. The child gets SIGKILL when the THREAD that
// started it ends (PR_SET_PDEATHSIG), so no server outlives a crashed test: call start() from a
// thread that lives as long as the server should (the test's main thread). One thread at a time.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "common/column.h"
#include "connectors/redis/redis_options.h"
#include "engine/source.h"

namespace eddy::testing {

class RedisTestServer {
 public:
  // appendonly: --appendonly yes --appendfsync always, so data survives stop(kill=true).
  explicit RedisTestServer(bool appendonly = false);
  ~RedisTestServer();
  RedisTestServer(const RedisTestServer&) = delete;
  RedisTestServer& operator=(const RedisTestServer&) = delete;

  int port() const { return port_; }
  connectors::RedisEndpoint endpoint() const;
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // Starts the server and waits until it answers PING (throws std::runtime_error otherwise).
  void start();
  // SIGTERM (a clean shutdown) or SIGKILL, and waits for the process to exit.
  void stop(bool kill = false);

 private:
  int port_;
  bool appendonly_;
  std::string dir_;
  pid_t pid_ = -1;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_tcp_port();

// A stream relation named `name` with `columns` plus the hidden built-ins _time, _id, _key.
catalog::Relation redis_stream_relation(const std::string& name, std::vector<catalog::ColumnSchema> columns);

// Polls `source` until `rows` rows arrived or `timeout` passed; returns what arrived, appended
// into one batch. `after_poll` (if set) runs after every poll that returned data.
Batch poll_rows(engine::Source& source, size_t rows, std::chrono::milliseconds timeout,
                const std::function<void()>& after_poll = {});

}  // namespace eddy::testing
