#pragma once
// The listening server: accepts connections on host:port (server/listener.h, on a thread of its
// own) and runs one session coroutine per connection on a small pool of io threads (--threads).
// Continuous queries run on their own threads (see engine/continuous_query.h), so the network
// never waits on the engine. Statements run on the session threads: N statements running at
// once occupy N of them, and other sessions wait for a free one (cancel requests never do).

#include <memory>

#include "server/server_options.h"

namespace eddy {

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  // Binds, logs "eddy: listening on HOST:PORT", serves until SIGINT/SIGTERM, then stops every
  // query and returns 0. Returns non-zero when it cannot start (the reason is logged).
  int run();

 private:
  struct State;
  bool prepare_security();
  ServerOptions options_;
  std::unique_ptr<State> state_;
};

}  // namespace eddy
