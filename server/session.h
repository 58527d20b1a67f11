#pragma once
// One client connection: the PostgreSQL v3 startup exchange (TLS upgrade, the connection
// limit, authentication, the role and database checks), then the simple and the extended
// query protocols (server/extended_query.h) and COPY FROM STDIN / TO STDOUT, as an Asio
// coroutine. Statement execution is delegated to the Executor; the bytes of every message
// come from protocol/, the password exchange from server/auth/.
//
// Error contract: an SqlError costs the statement (ErrorResponse, then ReadyForQuery; in the
// extended protocol every message up to Sync is discarded first; inside a transaction block
// the block is aborted: ReadyForQuery 'E' until ROLLBACK); a protocol::ConnectionError costs
// the connection (FATAL when PostgreSQL would send one); nothing a client sends can take the
// server down. ReadyForQuery outside a block ends the implicit transaction: portals go.

#include <chrono>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "server/auth/auth_method.h"

namespace eddy {

class Executor;
class SessionRegistry;

struct SessionContext {
  Executor& executor;
  SessionRegistry& registry;           // slots (--max-connections) and cancel keys
  auth::AuthMethod auth_method;
  boost::asio::ssl::context* tls;      // null: SSLRequest is answered 'N'
  // Past this point a connection that has not completed authentication is closed, silently
  // (PostgreSQL's authentication_timeout).
  std::chrono::steady_clock::time_point authentication_deadline;
  std::string received;                // bytes the listener already read from the socket
};

// Runs one connection to its end. Must be spawned on a strand: the authentication timeout's
// timer shares it with the session.
boost::asio::awaitable<void> run_session(boost::asio::ip::tcp::socket socket, SessionContext context);

}  // namespace eddy
