#include "server/server.h"

#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/error.h"
#include "common/log.h"
#include "server/database.h"
#include "server/executor.h"
#include "server/session.h"

namespace eddy {

namespace asio = boost::asio;

struct Server::State {
  asio::io_context io;
  std::unique_ptr<Database> db;
  std::unique_ptr<Executor> executor;
  std::mt19937 random{std::random_device{}()};
  int32_t next_pid = 1000;
};

Server::Server(ServerOptions options) : options_(std::move(options)), state_(std::make_unique<State>()) {}
Server::~Server() = default;


int Server::run() {
  log::set_level(options_.log_level);
  DatabaseOptions db_options;
  db_options.checkpoint_interval = options_.checkpoint_interval;
  db_options.redis_url = options_.redis_url;
  db_options.data_dir = options_.data_dir;
  std::string error;
  try {
    state_->db = Database::open(db_options, error);
  } catch (const SqlError& e) {
    error = e.message();
  }
  if (!state_->db) {
    log::error("eddy: cannot start: " + error);
    return 1;
  }
  state_->executor = std::make_unique<Executor>(*state_->db);

  asio::ip::tcp::acceptor acceptor(state_->io);
  try {
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address(options_.host), options_.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
  } catch (const std::exception& e) {
    log::error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " + e.what());
    return 1;
  }

  State* state = state_.get();
  asio::co_spawn(
      state->io,
      [&acceptor, state]() -> asio::awaitable<void> {
        for (;;) {
          asio::ip::tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
          boost::system::error_code ignored;
          socket.set_option(asio::ip::tcp::no_delay(true), ignored);
          SessionContext context{*state->executor, state->next_pid++, static_cast<int32_t>(state->random())};
          asio::co_spawn(acceptor.get_executor(), run_session(std::move(socket), context), asio::detached);
        }
      },
      [](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          log::error(std::string("accept loop stopped: ") + ex.what());
        }
      });

  asio::signal_set signals(state->io, SIGINT, SIGTERM);
  signals.async_wait([state](const boost::system::error_code&, int signal) {
    log::info(std::string("eddy: received ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT") + ", shutting down");
    state->io.stop();
  });

  log::info("eddy: listening on " + options_.host + ":" + std::to_string(acceptor.local_endpoint().port()));
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < options_.threads; ++i) threads.emplace_back([state] { state->io.run(); });
  state->io.run();
  for (auto& t : threads) t.join();
  state->db->shutdown();
  log::info("eddy: stopped");
  return 0;
}

}  // namespace eddy
