#include "server/server.h"

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>

#include "common/error.h"
#include "common/log.h"
#include "server/database.h"
#include "server/executor.h"
#include "server/listener.h"
#include "server/session.h"
#include "server/session_registry.h"

namespace eddy {

namespace asio = boost::asio;

// Declared in dependency order: the io_contexts go first on destruction, and with them the
// sessions they still hold, which use everything above them.
struct Server::State {
  std::unique_ptr<Database> db;
  std::unique_ptr<Executor> executor;
  std::unique_ptr<SessionRegistry> registry;
  std::unique_ptr<asio::ssl::context> tls;
  asio::io_context io;        // sessions, on options.threads threads
  asio::io_context front_io;  // the listener and signals, on the thread that called run()
};

Server::Server(ServerOptions options) : options_(std::move(options)), state_(std::make_unique<State>()) {}
Server::~Server() = default;

namespace {

// The first line of `path`, without its line end; false with `error` set when unreadable or empty.
bool read_password_file(const std::string& path, std::string& password, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot read the superuser password file " + path;
    return false;
  }
  std::getline(in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    error = "the superuser password file " + path + " is empty";
    return false;
  }
  return true;
}

// TLS as PostgreSQL offers it (ssl_min_protocol_version TLSv1.2). Throws on unreadable files.
std::unique_ptr<asio::ssl::context> make_tls_context(const ServerOptions& options) {
  auto tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                   asio::ssl::context::single_dh_use);
  tls->use_certificate_chain_file(options.tls_cert);
  tls->use_private_key_file(options.tls_key, asio::ssl::context::pem);
  return tls;
}

}  // namespace

// Authentication and TLS settings: the superuser's password, the method, the certificate.
// Returns false (the reason logged) when the server must not start.
bool Server::prepare_security() {
  RoleCatalog& roles = state_->db->role_catalog();
  if (!options_.superuser_password_file.empty()) {
    std::string password, error;
    if (!read_password_file(options_.superuser_password_file, password, error)) {
      log::error("eddy: cannot start: " + error);
      return false;
    }
    try {
      roles.set_bootstrap_password(password);
    } catch (const SqlError& e) {
      log::error("eddy: cannot start: " + e.message());
      return false;
    }
  }
  const auth::AuthMethod method = options_.auth_method();
  log::info(std::string("eddy: authentication ") + auth::auth_method_name(method) +
            (options_.tls() ? ", TLS offered" : ", no TLS"));
  if (method != auth::AuthMethod::Trust && !roles.any_password_login())
    log::warning(std::string("eddy: --auth ") + auth::auth_method_name(method) +
                 " but no role that can log in has a password: nobody can connect. Give the superuser \"" +
                 std::string(kBootstrapSuperuserName) + "\" one with --superuser-password-file");
  if (options_.tls()) {
    try {
      state_->tls = make_tls_context(options_);
    } catch (const std::exception& e) {
      log::error("eddy: cannot start: cannot load the TLS certificate " + options_.tls_cert + " or key " +
                 options_.tls_key + ": " + e.what());
      return false;
    }
  }
  return true;
}

int Server::run() {
  log::set_level(options_.log_level);
  DatabaseOptions db_options;
  db_options.checkpoint_interval = options_.checkpoint_interval;
  db_options.redis_url = options_.redis_url;
  db_options.data_dir = options_.data_dir;
  db_options.subscribe_buffer = options_.subscribe_buffer;
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
  state_->registry = std::make_unique<SessionRegistry>(options_.max_connections);
  if (!prepare_security()) {
    state_->db->shutdown();
    return 1;
  }

  asio::ip::tcp::acceptor acceptor(state_->front_io);
  try {
    const std::string host = options_.host == "localhost" ? "127.0.0.1" : options_.host;
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address(host), options_.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
  } catch (const std::exception& e) {
    log::error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " + e.what());
    state_->db->shutdown();
    return 1;
  }

  State* state = state_.get();
  const auth::AuthMethod method = options_.auth_method();
  ListenerContext listener{state->io, *state->registry, options_.authentication_timeout,
                           [state, method](asio::ip::tcp::socket socket, std::string received,
                                           std::chrono::steady_clock::time_point deadline) {
                             SessionContext context{*state->executor, *state->registry, method, state->tls.get(),
                                                    deadline, std::move(received)};
                             asio::co_spawn(asio::make_strand(state->io),
                                            run_session(std::move(socket), std::move(context)), asio::detached);
                           }};
  asio::co_spawn(state->front_io, accept_connections(acceptor, listener), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      log::error(std::string("accept loop stopped: ") + ex.what());
    }
  });

  asio::signal_set signals(state->front_io, SIGINT, SIGTERM);
  signals.async_wait([state](const boost::system::error_code&, int signal) {
    log::info(std::string("eddy: received ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT") + ", shutting down");
    state->registry->cancel_all();  // running statements end at their next interrupt check
    state->io.stop();
    state->front_io.stop();
  });

  log::info("eddy: listening on " + options_.host + ":" + std::to_string(acceptor.local_endpoint().port()));
  auto work = asio::make_work_guard(state->io);  // session threads wait for sessions
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < options_.threads; ++i) threads.emplace_back([state] { state->io.run(); });
  state->front_io.run();
  state->io.stop();
  for (auto& t : threads) t.join();
  state->db->shutdown();
  log::info("eddy: stopped");
  return 0;
}

}  // namespace eddy
